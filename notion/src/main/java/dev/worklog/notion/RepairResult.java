package dev.worklog.notion;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NotionSetup#repair} did, checked by reading the databases again afterwards.
 *
 * @param applied the changes made, one sentence each (as the plan worded them)
 * @param notApplied the changes Notion refused or did not make, each with why and the fix by hand
 * @param manualFixes what the plan left to a person from the start
 */
public record RepairResult(List<String> applied, List<String> notApplied, List<String> manualFixes) {
    public RepairResult {
        applied = List.copyOf(Objects.requireNonNull(applied, "applied"));
        notApplied = List.copyOf(Objects.requireNonNull(notApplied, "notApplied"));
        manualFixes = List.copyOf(Objects.requireNonNull(manualFixes, "manualFixes"));
    }

    /** Whether every planned change was made. */
    public boolean complete() {
        return notApplied.isEmpty();
    }
}
