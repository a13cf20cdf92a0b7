package dev.worklog;

import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The weekly and monthly runs of {@link WorkLogger}: read the sources, keep or generate the roll-up, store it, and
 * say in the execution log what happened and why. The monthly run is {@link MonthlyRun}'s.
 */
final class Rollups {
    private final WorkLogRepository repository;
    private final RollupGenerator generator;
    private final Clock clock;
    private final ExecutionLog executionLog;
    private final MonthlyRun monthly;

    Rollups(WorkLogRepository repository, RollupGenerator generator, Clock clock, Supplier<LocalDate> today,
            ExecutionLog executionLog) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executionLog = Objects.requireNonNull(executionLog, "executionLog");
        this.monthly = new MonthlyRun(this, today);
    }

    /** {@link WorkLogger#summarizeWeek}. */
    WeeklyResult week(Period period, SummarizeOptions options) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(options, "options");
        return week(period, options, null, null);
    }

    /** {@link WorkLogger#summarizeMonth}. */
    MonthlyResult month(YearMonth month, SummarizeOptions options) {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(options, "options");
        return monthly.run(month, options);
    }

    /**
     * A week's run. With {@code given} logs (a week the monthly run found missing, whose logs it has read), nothing
     * is stored for the period yet and the logs are not read again.
     */
    WeeklyResult week(Period period, SummarizeOptions options, List<DailyLog> given, Instant givenReadAt) {
        String component = ExecutionLog.WEEKLY_PROCESSOR;
        String what = "weekly roll-up " + period.describe();
        ProgressListener progress = options.progress();
        try {
            Optional<WeeklyRollup> existing = given != null ? Optional.empty() : repository.findWeekly(period);
            if (!options.force() && existing.isPresent()) {
                // a store that can list edit stamps cheaply saves reading every log when none changed
                Optional<List<EditStamp>> stamps = repository.findDailyLogStamps(period, options.statuses());
                if (stamps.isPresent() && !stamps.get().isEmpty()
                        && generator.unchangedSince(existing.get(), stamps.get())) {
                    WeeklyRollup kept = existing.get();
                    executionLog.success(component, what + ": " + stamps.get().size() + " daily logs in "
                            + repository.describe() + statusNote(options.statuses()) + ", none edited since they were "
                            + "read at " + kept.generation().sourcesReadAt() + "; kept the stored roll-up without "
                            + "reading them again or calling the LLM");
                    return new WeeklyResult(period, List.of(), kept, RollupStatus.UNCHANGED, TokenUsage.NONE,
                            warnings(List.of(), kept.warnings()));
                }
            }
            Instant readAt = given != null ? givenReadAt : clock.instant();
            List<DailyLog> logs = given != null ? given
                    : repository.findDailyLogs(period, options.statuses(), progress);
            executionLog.info(component, what + ": " + logs.size() + " daily logs "
                    + (given != null ? "read with the monthly roll-up from " : "read from ") + repository.describe()
                    + statusNote(options.statuses()) + "; provider " + provider() + (options.dryRun() ? "; dry run" : ""));
            if (logs.isEmpty()) {
                executionLog.info(component, what + ": no daily logs in the period; nothing to summarise");
                return new WeeklyResult(period, logs, null, RollupStatus.NO_SOURCES, TokenUsage.NONE, List.of());
            }
            RollupGenerator.Outcome<WeeklyRollup> outcome = step(progress, summarizing(logs.size(), "daily log"),
                    () -> generator.weekly(period, logs, existing, options.force(), readAt));
            Optional<WeeklyRollup> unreadable = existing.filter(w -> w.freeText() != null);
            List<String> warnings = warnings(outcome.notes(),
                    outcome.reused() && unreadable.isPresent() ? List.of() : outcome.rollup().warnings());
            if (unreadable.isPresent()) {
                // the stored page is not in worklog's layout: kept when its inputs are unchanged, else replaced
                String note = unreadable(unreadable.get()) + (outcome.reused() ? "" : "; a new roll-up replaces it");
                warnings.add(0, note);
                executionLog.info(component, what + ": " + note);
            }
            if (outcome.reused()) {
                executionLog.success(component, what + ": inputs unchanged since "
                        + outcome.rollup().generation().generatedAt() + "; kept the stored roll-up without calling the LLM");
                return new WeeklyResult(period, logs, outcome.rollup(), RollupStatus.UNCHANGED, outcome.usage(), warnings);
            }
            warnings.addAll(overlapping(period));
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, " + outcome.rollup().achievements().size()
                        + " achievements generated, nothing stored" + usageNote(outcome.usage()));
                return new WeeklyResult(period, logs, outcome.rollup(), RollupStatus.DRY_RUN, outcome.usage(), warnings);
            }
            StoredRef ref = step(progress, "storing the roll-up", () -> repository.upsertWeekly(outcome.rollup()));
            WeeklyRollup stored = outcome.rollup().withStored(ref.id(), ref.url());
            executionLog.success(component, what + ": stored " + stored.achievements().size() + " achievements from "
                    + logs.size() + " logs -> " + ref.id() + " " + ref.url() + usageNote(outcome.usage())
                    + warningNote(warnings));
            return new WeeklyResult(period, logs, stored, RollupStatus.WRITTEN, outcome.usage(), warnings);
        } catch (RuntimeException e) {
            executionLog.error(component, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * A period that is not an ISO week and overlaps other stored roll-ups is kept, but a monthly roll-up will use
     * only one of them for the shared days: say so now rather than surprise later.
     */
    private List<String> overlapping(Period period) {
        if (period.isIsoWeek()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (WeeklyRollup other : repository.findWeeklies(period)) {
            if (!other.period().equals(period)) {
                out.add("the period is not an ISO week (Monday to Sunday) and overlaps the weekly roll-up "
                        + other.period().describe() + "; a monthly roll-up uses each day once, ISO weeks first, so "
                        + (other.period().isIsoWeek() ? "it will leave this one out" : "it will use only one of them"));
            }
        }
        return out;
    }

    /** What a run says about a roll-up page it could not read as worklog's layout: the page, and why. */
    static String unreadable(WeeklyRollup week) {
        return "weekly roll-up '" + week.title() + "' (" + (week.url() == null ? week.id() : week.url()) + "): "
                + (week.warnings().isEmpty() ? "not in worklog's roll-up layout; its text is used as it is"
                        : String.join("; ", week.warnings()));
    }

    /** Runs {@code work} as a one-item task of the run's progress. */
    static <T> T step(ProgressListener progress, String task, Supplier<T> work) {
        progress.onStep(new ProgressListener.Step(task, 0, 1));
        T result = work.get();
        progress.onStep(new ProgressListener.Step(task, 1, 1));
        return result;
    }

    /** The task of a model call: {@code summarizing 12 daily logs with claude (claude-sonnet-4-5)}. */
    String summarizing(int count, String noun) {
        return "summarizing " + count + " " + noun + (count == 1 ? "" : "s") + " with " + provider();
    }

    WorkLogRepository repository() {
        return repository;
    }

    RollupGenerator generator() {
        return generator;
    }

    ExecutionLog executionLog() {
        return executionLog;
    }

    Clock clock() {
        return clock;
    }

    static List<String> warnings(List<String> notes, List<String> rollupWarnings) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(rollupWarnings);
        return all;
    }

    static String statusNote(Set<String> statuses) {
        return statuses.isEmpty() ? "" : " (status " + String.join(", ", statuses) + ")";
    }

    static String usageNote(TokenUsage usage) {
        return usage.total() == 0 ? "" : "; tokens in " + usage.inputTokens() + ", out " + usage.outputTokens();
    }

    static String warningNote(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s): " + String.join(" | ", warnings);
    }

    /** The main provider and its model, for the execution log. */
    String provider() {
        return generator.primary().name() + " (" + generator.primary().model() + ")";
    }
}
