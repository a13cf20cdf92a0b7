package dev.worklog.notion;

import dev.worklog.notion.NotionSchema.Database;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link NotionSetup#repair} would change in existing databases, and what it leaves to a person. Nothing is
 * changed by making a plan: show it, then pass it to {@code repair}.
 *
 * @param databaseIds the databases planned for
 * @param changes what repair would do, one sentence each: a property or select option to add, a one-way relation
 *     to make two-way
 * @param manualFixes what it will not do, each with the fix by hand: a property of another type (converting could
 *     lose values), a relation pointing at another database, a database it cannot read
 */
public record RepairPlan(Map<Database, String> databaseIds, List<String> changes, List<String> manualFixes) {
    public RepairPlan {
        Map<Database, String> ids = new EnumMap<>(Database.class);
        ids.putAll(Objects.requireNonNull(databaseIds, "databaseIds"));
        databaseIds = Collections.unmodifiableMap(ids);
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        manualFixes = List.copyOf(Objects.requireNonNull(manualFixes, "manualFixes"));
    }

    /** Whether repair has nothing to change. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
