package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.SetupResult;
import dev.worklog.notion.internal.client.DatabaseAdmin;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.NotionErrorReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the databases under a page: each one that is not there yet (found by its title among the page's child
 * databases) is created with its spec's properties in one request, relations two-way to the databases made or found
 * before it. Run twice, the second run finds all of them and creates nothing; a create whose answer was lost is
 * looked up by its title before it is sent again.
 */
public final class Provisioner {
    private final Workspace workspace;

    /** Works on this workspace. */
    public Provisioner(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Finds or creates every database under the page.
     *
     * @throws NotFoundException saying, step by step, how to share the page when Notion cannot see it
     */
    public SetupResult run(String pageId) {
        NotionClient client = workspace.admin().client();
        String title = title(parent(pageId));
        Map<String, String> existing = childDatabases(pageId);
        Map<Database, String> ids = new EnumMap<>(Database.class);
        Map<Database, JsonNode> foundSchemas = new EnumMap<>(Database.class);
        List<Database> created = new ArrayList<>();
        Targets targets = new Targets(client, db -> Optional.ofNullable(ids.get(db)));
        for (DatabaseSpec spec : workspace.specs()) {
            String found = existing.get(spec.title());
            if (found != null) {
                ids.put(spec.database(), found);
                foundSchemas.put(spec.database(), client.retrieveSchema(found));
                continue;
            }
            ObjectNode properties = Json.MAPPER.createObjectNode();
            for (PropertySpec p : spec.properties()) {
                String targetId = p.target() == null ? null : ids.get(p.target());
                if (p.target() != null && targetId == null) {
                    throw new IllegalStateException(spec.title() + " relates to " + p.target().title()
                            + ", which comes later in the setup order");
                }
                String synced = p.target() == null ? null : foundSchemas.containsKey(p.target())
                        ? PropertyConfigs.freeName(foundSchemas.get(p.target()), spec.title(), p.name())
                        : spec.title();
                properties.set(p.name(), PropertyConfigs.create(p, targets, targetId, synced));
            }
            JsonNode made = workspace.admin().createDatabase(pageId, spec.title(), properties,
                    () -> Optional.ofNullable(childDatabases(pageId).get(spec.title()))
                            .map(id -> Json.MAPPER.createObjectNode().put("id", id)));
            String id = made.path("id").asText();
            ids.put(spec.database(), id);
            created.add(spec.database());
            workspace.executionLog().success(NotionErrorReader.SERVICE, "setup: created the " + spec.title()
                    + " database (" + spec.variable() + "=" + id + ") under the page '" + title + "' (" + pageId + ")");
        }
        List<String> needsRepair = new ArrayList<>();
        foundSchemas.forEach((db, schema) -> spec(db).ifPresent(spec ->
                SchemaDiff.compare(spec, schema, targets).forEach(f -> needsRepair.add(f.message()))));
        return new SetupResult(pageId, title, ids, created, needsRepair);
    }

    private Optional<DatabaseSpec> spec(Database database) {
        return workspace.specs().stream().filter(s -> s.database() == database).findFirst();
    }

    /** The parent page; when Notion cannot show it, how to share it. */
    private JsonNode parent(String pageId) {
        try {
            return workspace.admin().client().retrievePage(pageId);
        } catch (NotFoundException e) {
            throw new NotFoundException("Notion cannot see the page " + pageId + " (404): an integration sees only "
                    + "the pages shared with it. To share this one:\n"
                    + "  1. open the page in Notion (the link you passed);\n"
                    + "  2. click ••• at the top right of the page, then Connections;\n"
                    + "  3. search for your integration by its name, pick it and confirm (its sub-pages are shared "
                    + "with it too);\n"
                    + "  4. run this command again.\n"
                    + "If the page is shared already, check the link: it must be the page's, from the same workspace "
                    + "as the integration.", e.upstream().orElse(null), e);
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException("Notion refused to show the page " + pageId + " (403): the "
                    + "integration needs the capabilities Read content, Update content and Insert content (its "
                    + "settings at https://www.notion.so/my-integrations > Capabilities)", e.upstream().orElse(null),
                    e);
        }
    }

    /** A page's title: its {@code title} property's text. */
    private static String title(JsonNode page) {
        for (JsonNode property : page.path("properties")) {
            if ("title".equals(property.path("type").asText())) {
                StringBuilder sb = new StringBuilder();
                property.path("title").forEach(t -> sb.append(t.path("plain_text").asText(
                        t.path("text").path("content").asText(""))));
                return sb.toString();
            }
        }
        return "";
    }

    /** The databases right under a page, by title (the first of a title); a database's block id is its id. */
    private Map<String, String> childDatabases(String pageId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode block : workspace.admin().client().listChildren(pageId)) {
            if ("child_database".equals(block.path("type").asText())) {
                out.putIfAbsent(block.path("child_database").path("title").asText(""), block.path("id").asText());
            }
        }
        return out;
    }
}
