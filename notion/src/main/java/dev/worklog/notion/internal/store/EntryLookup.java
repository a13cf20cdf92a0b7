package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.DAILY_DATE;
import static dev.worklog.notion.NotionSchema.Property.DAILY_ENTRY_ID;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.DailyLog;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.internal.blocks.RichText;
import dev.worklog.notion.internal.client.NotionClient;
import java.util.List;
import java.util.Optional;

/**
 * How a daily log's entry id ({@link DailyLog#entryId()}) is written with its page, and how the page is found
 * again by it: an exact lookup, never a guess by title and time.
 *
 * <ul>
 * <li>When the Daily Work Logs database has the {@code Entry ID} rich-text property ({@code worklog setup} adds
 * it), the id is written there, and the lookup is one query: the pages whose {@code Entry ID} equals the id, plus
 * (in the same query) the pages with the same title and date and an empty {@code Entry ID}, which may have been
 * written before the property was added and are checked as below.</li>
 * <li>Otherwise (a database made for the original system), the id rides on the page body: the {@code Context}
 * heading that opens every daily page links to {@code https://worklog.invalid/entry/<id>} (a reserved name that
 * never resolves; the heading reads the same). The lookup queries the pages with the same title and date and reads
 * the first block of each: a page is the entry exactly when its heading links to the id. Two entries with the same
 * title on the same day are told apart.</li>
 * </ul>
 *
 * @param client the client
 * @param schema the property names
 * @param databases the daily database and its schema
 */
public record EntryLookup(NotionClient client, NotionSchema schema, Databases databases) {
    /** The link the {@code Context} heading carries in the body fallback, followed by the entry id. */
    public static final String MARKER_PREFIX = "https://worklog.invalid/entry/";

    /** Whether the database has a rich-text {@code Entry ID} property to hold the id (reads the schema once). */
    public boolean hasProperty() {
        return hasProperty(databases.schema(Database.DAILY));
    }

    /**
     * Where the id would go without calling Notion: in the property unless the schema was read before and lacks
     * it (a page preview).
     */
    public boolean hasPropertyAsFarAsKnown() {
        return databases.knownSchema(Database.DAILY).map(this::hasProperty).orElse(true);
    }

    private boolean hasProperty(JsonNode dailySchema) {
        JsonNode prop = dailySchema.path("properties").path(schema.name(DAILY_ENTRY_ID));
        return "rich_text".equals(prop.path("type").asText());
    }

    /**
     * Writes the id into the page: into the properties when the database has the property, else as the link of
     * the context heading (which must be the first block).
     */
    public void write(DailyLog log, ObjectNode properties, ObjectNode contextHeading, boolean property) {
        if (log.entryId() == null) {
            return;
        }
        if (property) {
            properties.putObject(schema.name(DAILY_ENTRY_ID)).set("rich_text", RichText.plainArray(log.entryId()));
        } else {
            mark(contextHeading, log.entryId());
        }
    }

    /** Links the heading's text to the entry id's marker address. */
    public static void mark(ObjectNode heading, String entryId) {
        String type = heading.path("type").asText();
        for (JsonNode item : heading.path(type).path("rich_text")) {
            ((ObjectNode) item.path("text")).putObject("link").put("url", MARKER_PREFIX + entryId);
        }
    }

    /** The entry id a block's marker link names, if it has one. */
    public static Optional<String> markerOf(JsonNode block) {
        String type = block.path("type").asText();
        for (JsonNode item : block.path(type).path("rich_text")) {
            String url = item.path("text").path("link").path("url").asText(item.path("href").asText(""));
            if (url.startsWith(MARKER_PREFIX)) {
                return Optional.of(url.substring(MARKER_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    /**
     * The live page of this entry, if there is one (the oldest, should there be several).
     *
     * @return empty also when the log has no entry id: it cannot be looked up
     */
    public Optional<JsonNode> find(DailyLog log) {
        String id = log.entryId();
        if (id == null) {
            return Optional.empty();
        }
        boolean property = hasProperty();
        String entryProp = schema.name(DAILY_ENTRY_ID);
        ObjectNode title = Filters.condition(schema.name(DAILY_TITLE), "title", "equals", log.title());
        ObjectNode date = Filters.date(schema.name(DAILY_DATE), "equals", log.loggedDate().toString());
        ObjectNode filter = property
                ? Filters.or(Filters.condition(entryProp, "rich_text", "equals", id),
                        Filters.and(title, date, Filters.isEmpty(entryProp, "rich_text")))
                : Filters.and(title, date);
        List<JsonNode> pages = client.queryAll(databases.id(Database.DAILY), filter, Filters.createdAscending());
        for (JsonNode page : pages) {
            String stored = property ? PageValues.text(page, entryProp) : "";
            if (id.equals(stored)) {
                return Optional.of(page);
            }
            if (stored.isEmpty() && bodyNames(page, id)) {
                return Optional.of(page);
            }
        }
        return Optional.empty();
    }

    /** Whether the page's first block carries the entry id's marker. */
    private boolean bodyNames(JsonNode page, String id) {
        return client.firstChild(page.path("id").asText()).flatMap(EntryLookup::markerOf).filter(id::equals)
                .isPresent();
    }
}
