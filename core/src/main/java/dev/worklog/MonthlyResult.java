package dev.worklog;

import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a monthly run.
 *
 * @param month the month
 * @param weeksRead the weekly roll-ups the month was made from: one set of weeks that overlap the month and not each
 *     other (when stored roll-ups overlap, ISO weeks are kept and the others named in the warnings), so that no day
 *     is counted or fed to the model twice; its size is the statistics' week count
 * @param logsRead how many daily logs the statistics count
 * @param rollup the roll-up made, reused or previewed; {@code null} when {@link RollupStatus#NO_SOURCES}
 * @param status what the run did
 * @param usage tokens the model consumed, the monthly's own (the weeks rolled up first report theirs)
 * @param warnings numbers not found in the sources, fallbacks taken, repairs asked for, weeks left out and why
 * @param weeksRolledUp the weekly runs made first for ISO weeks that overlap the month and had no roll-up
 *     ({@link SummarizeOptions#rollUpMissingWeeks()}); weeks without daily logs are not listed
 */
public record MonthlyResult(YearMonth month, List<WeeklyRollup> weeksRead, int logsRead, MonthlyRollup rollup,
        RollupStatus status, TokenUsage usage, List<String> warnings, List<WeeklyResult> weeksRolledUp) {
    public MonthlyResult {
        Objects.requireNonNull(month, "month");
        weeksRead = List.copyOf(weeksRead);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        warnings = List.copyOf(warnings);
        weeksRolledUp = List.copyOf(weeksRolledUp);
    }

    /** A run that rolled up no missing week. */
    public MonthlyResult(YearMonth month, List<WeeklyRollup> weeksRead, int logsRead, MonthlyRollup rollup,
            RollupStatus status, TokenUsage usage, List<String> warnings) {
        this(month, weeksRead, logsRead, rollup, status, usage, warnings, List.of());
    }

    /** The roll-up, unless there was nothing to summarise. */
    public Optional<MonthlyRollup> rollupIfAny() {
        return Optional.ofNullable(rollup);
    }
}
