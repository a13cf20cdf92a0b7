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
 * @param weeksRead the weekly roll-ups overlapping the month
 * @param logsRead how many daily logs the statistics count
 * @param rollup the roll-up made, reused or previewed; {@code null} when {@link RollupStatus#NO_SOURCES}
 * @param status what the run did
 * @param usage tokens the model consumed
 * @param warnings numbers not found in the sources, fallbacks taken, repairs asked for
 */
public record MonthlyResult(YearMonth month, List<WeeklyRollup> weeksRead, int logsRead, MonthlyRollup rollup,
        RollupStatus status, TokenUsage usage, List<String> warnings) {
    public MonthlyResult {
        Objects.requireNonNull(month, "month");
        weeksRead = List.copyOf(weeksRead);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        warnings = List.copyOf(warnings);
    }

    /** The roll-up, unless there was nothing to summarise. */
    public Optional<MonthlyRollup> rollupIfAny() {
        return Optional.ofNullable(rollup);
    }
}
