package dev.worklog;

import dev.worklog.log.ProgressListener;
import java.util.Objects;
import java.util.Set;

/**
 * How to run a weekly or monthly roll-up.
 *
 * @param dryRun generate and return the roll-up but store nothing
 * @param statuses only daily logs with these statuses; empty means all
 * @param force regenerate even when the inputs are unchanged since the stored roll-up
 * @param rollUpMissingWeeks monthly only: first roll up each ISO week that overlaps the month and has no weekly
 *     roll-up yet (the default), so that the month's last week, which ends in the next month, is never left out;
 *     when off, such weeks are named in the warnings and left out
 * @param progress told how far the run has got (reading logs, calling the model, rolling up missing weeks)
 */
public record SummarizeOptions(boolean dryRun, Set<String> statuses, boolean force, boolean rollUpMissingWeeks,
        ProgressListener progress) {
    public SummarizeOptions {
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        Objects.requireNonNull(progress, "progress");
    }

    /** Missing weeks rolled up, no progress reported. */
    public SummarizeOptions(boolean dryRun, Set<String> statuses, boolean force) {
        this(dryRun, statuses, force, true, ProgressListener.none());
    }

    /** Store the result, every status, reuse unchanged roll-ups, roll up missing weeks. */
    public static SummarizeOptions defaults() {
        return new SummarizeOptions(false, Set.of(), false);
    }

    /** A copy with dry run set. */
    public SummarizeOptions withDryRun(boolean value) {
        return new SummarizeOptions(value, statuses, force, rollUpMissingWeeks, progress);
    }

    /** A copy with the status filter set. */
    public SummarizeOptions withStatuses(Set<String> value) {
        return new SummarizeOptions(dryRun, value, force, rollUpMissingWeeks, progress);
    }

    /** A copy with force set. */
    public SummarizeOptions withForce(boolean value) {
        return new SummarizeOptions(dryRun, statuses, value, rollUpMissingWeeks, progress);
    }

    /** A copy that does (the default) or does not roll up a month's missing weeks first. */
    public SummarizeOptions withRollUpMissingWeeks(boolean value) {
        return new SummarizeOptions(dryRun, statuses, force, value, progress);
    }

    /** A copy that reports progress to {@code value}. */
    public SummarizeOptions withProgress(ProgressListener value) {
        return new SummarizeOptions(dryRun, statuses, force, rollUpMissingWeeks, value);
    }
}
