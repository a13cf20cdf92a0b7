package dev.worklog;

import dev.worklog.model.DailyLog;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a weekly run.
 *
 * @param period the days covered
 * @param logsRead the daily logs read from the store
 * @param rollup the roll-up made, reused or previewed; {@code null} when {@link RollupStatus#NO_SOURCES}
 * @param status what the run did
 * @param usage tokens the model consumed (zero when it was not called)
 * @param warnings numbers not found in the sources, fallbacks taken, repairs asked for
 */
public record WeeklyResult(Period period, List<DailyLog> logsRead, WeeklyRollup rollup, RollupStatus status,
        TokenUsage usage, List<String> warnings) {
    public WeeklyResult {
        Objects.requireNonNull(period, "period");
        logsRead = List.copyOf(logsRead);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        warnings = List.copyOf(warnings);
    }

    /** The roll-up, unless there was nothing to summarise. */
    public Optional<WeeklyRollup> rollupIfAny() {
        return Optional.ofNullable(rollup);
    }
}
