package dev.worklog.notion.internal.setup;

import dev.worklog.notion.NotionSchema.Database;
import java.util.List;
import java.util.Objects;

/**
 * One database worklog needs: its title (setup creates it so, and finds it again by it), the variable that holds
 * its id, and its properties.
 *
 * @param database which one
 * @param title the title setup gives it, e.g. {@code Daily Work Logs}
 * @param properties its properties, the title property first
 */
public record DatabaseSpec(Database database, String title, List<PropertySpec> properties) {
    public DatabaseSpec {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(title, "title");
        properties = List.copyOf(Objects.requireNonNull(properties, "properties"));
        if (properties.stream().filter(p -> p.type().equals("title")).count() != 1) {
            throw new IllegalArgumentException(title + " needs exactly one title property");
        }
    }

    /** The variable that holds its id, e.g. {@code NOTION_DB1_ID}. */
    public String variable() {
        return database.variable();
    }
}
