package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.DAILY_CATEGORY;
import static dev.worklog.notion.NotionSchema.Property.DAILY_IMPACT;
import static dev.worklog.notion.NotionSchema.Property.DAILY_STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.WorkLogException;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.SchemaReport;
import dev.worklog.notion.internal.client.NotionClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the three databases and lists, each with its fix, every property that is missing or of the wrong type, every
 * relation that points at another database, and every select option that validation allows but the database lacks
 * (Notion would otherwise add it silently, or refuse it when the integration may not change the schema). A missing
 * optional property (the daily database's {@code Entry ID}) is a warning.
 *
 * @param client the client
 * @param databases the databases; the schemas read are kept there
 * @param schema the property names
 * @param options the categories and statuses the select properties must offer
 */
public record SchemaCheck(NotionClient client, Databases databases, NotionSchema schema, LogOptions options) {
    /** Every problem and warning of the three databases; the schemas read are kept for later calls. */
    public SchemaReport verify() {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Database db : Database.values()) {
            Optional<String> id = databases.configured(db);
            if (id.isEmpty()) {
                problems.add(db.variable() + " is not set: set it to the id of the " + db.title()
                        + " database (needed for " + db.name().toLowerCase(Locale.ROOT) + " runs)");
                continue;
            }
            JsonNode found;
            try {
                found = databases.readSchema(db);
            } catch (NotFoundException | PermissionDeniedException e) {
                problems.add(db.title() + " database (" + db.variable() + "=" + id.get() + ") cannot be read: "
                        + "check the id and share the database with the integration (database menu ... > "
                        + "Connections > add the integration)");
                continue;
            }
            for (Property p : Property.values()) {
                if (p.database() == db) {
                    check(p, found.path("properties").path(name(p)), problems, warnings);
                }
            }
        }
        return new SchemaReport(problems, warnings);
    }

    private void check(Property p, JsonNode prop, List<String> problems, List<String> warnings) {
        String where = p.database().title() + ": ";
        if (prop.isMissingNode() && p.optional()) {
            warnings.add(where + "no property '" + name(p) + "' (" + p.type() + "): entry ids are kept in the page "
                    + "body instead, and finding an entry reads the first block of each page with the same title "
                    + "and date; add the property (type Text) for an exact lookup by property");
            return;
        }
        if (prop.isMissingNode()) {
            problems.add(where + "add the property '" + name(p) + "' of type " + p.type()
                    + (name(p).equals(p.defaultName()) ? "" : " (renamed by " + p.variable() + ")")
                    + ", or set " + p.variable() + " to the name your database uses");
            return;
        }
        String type = prop.path("type").asText();
        if (!type.equals(p.type())) {
            problems.add(where + "property '" + name(p) + "' is of type " + type + "; change it to " + p.type());
            return;
        }
        if (type.equals("relation")) {
            checkTarget(p, prop.path("relation"), problems);
        }
        if (p == DAILY_CATEGORY) {
            missingOptions(problems, prop, options.categories());
        } else if (p == DAILY_STATUS) {
            missingOptions(problems, prop, options.statuses());
        } else if (p == DAILY_IMPACT) {
            List<String> levels = new ArrayList<>();
            for (ImpactLevel l : ImpactLevel.values()) {
                levels.add(l.label());
            }
            missingOptions(problems, prop, levels);
        }
    }

    /**
     * A roll-up's relation must point at the database below it (weekly to daily, monthly to weekly); it cannot be
     * compared while that database's id is unset (already reported).
     */
    private void checkTarget(Property p, JsonNode relation, List<String> problems) {
        Database target = p.database() == Database.MONTHLY ? Database.WEEKLY : Database.DAILY;
        Optional<String> targetId = databases.configured(target);
        String relDb = relation.path("database_id").asText("");
        String relDs = relation.path("data_source_id").asText("");
        if (targetId.isEmpty() || relDb.isEmpty() && relDs.isEmpty()) {
            return;
        }
        boolean matches = sameId(relDb, targetId.get())
                || (!relDs.isEmpty() && client.usesDataSources() && sameId(relDs, dataSourceOrNull(targetId.get())));
        if (!matches) {
            problems.add(p.database().title() + ": relation '" + name(p) + "' points to another database; point it "
                    + "at the " + target.title() + " database (" + target.variable() + ")");
        }
    }

    private static boolean sameId(String a, String b) {
        return a != null && b != null && !a.isEmpty() && a.replace("-", "").equalsIgnoreCase(b.replace("-", ""));
    }

    private String dataSourceOrNull(String databaseId) {
        try {
            return client.dataSourceId(databaseId);
        } catch (WorkLogException e) {
            return null;
        }
    }

    private void missingOptions(List<String> problems, JsonNode prop, List<String> wanted) {
        Set<String> have = new LinkedHashSet<>();
        prop.path(prop.path("type").asText()).path("options").forEach(o -> have.add(o.path("name").asText()));
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            if (!have.contains(w)) {
                missing.add(w);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(Database.DAILY.title() + ": add the option" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " to the select property '" + prop.path("name").asText() + "'");
        }
    }

    private String name(Property p) {
        return schema.name(p);
    }
}
