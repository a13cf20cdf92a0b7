package dev.worklog;

import java.util.Objects;
import java.util.Set;

/**
 * How to run a weekly or monthly roll-up.
 *
 * @param dryRun generate and return the roll-up but store nothing
 * @param statuses only daily logs with these statuses; empty means all
 * @param force regenerate even when the inputs are unchanged since the stored roll-up
 */
public record SummarizeOptions(boolean dryRun, Set<String> statuses, boolean force) {
    public SummarizeOptions {
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
    }

    /** Store the result, every status, reuse unchanged roll-ups. */
    public static SummarizeOptions defaults() {
        return new SummarizeOptions(false, Set.of(), false);
    }

    /** A copy with dry run set. */
    public SummarizeOptions withDryRun(boolean value) {
        return new SummarizeOptions(value, statuses, force);
    }

    /** A copy with the status filter set. */
    public SummarizeOptions withStatuses(Set<String> value) {
        return new SummarizeOptions(dryRun, value, force);
    }

    /** A copy with force set. */
    public SummarizeOptions withForce(boolean value) {
        return new SummarizeOptions(dryRun, statuses, value);
    }
}
