package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.model.LogOptions;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.SchemaReport;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.setup.DatabaseSpec;
import dev.worklog.notion.internal.setup.Finding;
import dev.worklog.notion.internal.setup.SchemaDiff;
import dev.worklog.notion.internal.setup.Specs;
import dev.worklog.notion.internal.setup.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the three databases and lists, each with its fix, every property that is missing or of the wrong type, every
 * relation that points at another database, and every select option that validation allows but the database lacks
 * (Notion would otherwise add it silently, or refuse it when the integration may not change the schema): the
 * differences {@link SchemaDiff} finds against worklog's {@link Specs}. A missing optional property (the daily
 * database's {@code Entry ID}) and a one-way relation are warnings. The report marks what
 * {@code worklog setup notion --repair} can fix.
 *
 * @param client the client
 * @param databases the databases; the schemas read are kept there
 * @param schema the property names
 * @param options the categories and statuses the select properties must offer
 */
public record SchemaCheck(NotionClient client, Databases databases, NotionSchema schema, LogOptions options) {
    /** Every problem and warning of the databases (the optional one only when set); the schemas read are kept for later calls. */
    public SchemaReport verify() {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> repairable = new ArrayList<>();
        Targets targets = new Targets(client, databases::configured);
        for (DatabaseSpec spec : Specs.of(schema, options)) {
            Database db = spec.database();
            Optional<String> id = databases.configured(db);
            if (id.isEmpty() && db.optional()) {
                continue; // review packets then go under the monthly database's page
            }
            if (id.isEmpty()) {
                problems.add(db.variable() + " is not set: set it to the id of the " + db.title()
                        + " database (needed for " + db.name().toLowerCase(Locale.ROOT) + " runs), or create "
                        + "the databases with `worklog setup notion --parent <page link> --write-env`");
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
            for (Finding f : SchemaDiff.compare(spec, found, targets)) {
                (f.kind().problem() ? problems : warnings).add(f.message());
                if (f.repairable()) {
                    repairable.add(f.message());
                }
            }
        }
        return new SchemaReport(problems, warnings, repairable);
    }
}
