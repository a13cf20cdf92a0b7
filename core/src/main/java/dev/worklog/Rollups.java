package dev.worklog;

import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The weekly and monthly runs of {@link WorkLogger}: read the sources, keep or generate the roll-up, store it, and
 * say in the execution log what happened and why.
 */
final class Rollups {
    private final WorkLogRepository repository;
    private final RollupGenerator generator;
    private final Clock clock;
    private final ExecutionLog executionLog;

    Rollups(WorkLogRepository repository, RollupGenerator generator, Clock clock, ExecutionLog executionLog) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executionLog = Objects.requireNonNull(executionLog, "executionLog");
    }

    /** {@link WorkLogger#summarizeWeek}. */
    WeeklyResult week(Period period, SummarizeOptions options) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(options, "options");
        String component = ExecutionLog.WEEKLY_PROCESSOR;
        String what = "weekly roll-up " + period.isoWeekLabel() + " (" + period + ")";
        try {
            Optional<WeeklyRollup> existing = repository.findWeekly(period);
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
            Instant readAt = clock.instant();
            List<DailyLog> logs = repository.findDailyLogs(period, options.statuses());
            executionLog.info(component, what + ": " + logs.size() + " daily logs read from " + repository.describe()
                    + statusNote(options.statuses()) + "; provider " + provider()
                    + (options.dryRun() ? "; dry run" : ""));
            if (logs.isEmpty()) {
                executionLog.info(component, what + ": no daily logs in the period; nothing to summarise");
                return new WeeklyResult(period, logs, null, RollupStatus.NO_SOURCES, TokenUsage.NONE, List.of());
            }
            RollupGenerator.Outcome<WeeklyRollup> outcome =
                    generator.weekly(period, logs, existing, options.force(), readAt);
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
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, " + outcome.rollup().achievements().size()
                        + " achievements generated, nothing stored" + usageNote(outcome.usage()));
                return new WeeklyResult(period, logs, outcome.rollup(), RollupStatus.DRY_RUN, outcome.usage(), warnings);
            }
            StoredRef ref = repository.upsertWeekly(outcome.rollup());
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

    /** What a run says about a roll-up page it could not read as worklog's layout: the page, and why. */
    private static String unreadable(WeeklyRollup week) {
        return "weekly roll-up '" + week.title() + "' (" + (week.url() == null ? week.id() : week.url()) + "): "
                + (week.warnings().isEmpty() ? "not in worklog's roll-up layout; its text is used as it is"
                        : String.join("; ", week.warnings()));
    }

    /** {@link WorkLogger#summarizeMonth}. */
    MonthlyResult month(YearMonth month, SummarizeOptions options) {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(options, "options");
        String component = ExecutionLog.MONTHLY_PROCESSOR;
        String what = "monthly roll-up " + month;
        try {
            Period days = Period.of(month);
            List<WeeklyRollup> weeks = repository.findWeeklies(days);
            List<DailyLog> logs = repository.findDailyLogs(days, options.statuses());
            executionLog.info(component, what + ": " + weeks.size() + " weekly roll-ups and " + logs.size()
                    + " daily logs read from " + repository.describe() + statusNote(options.statuses()) + "; provider "
                    + provider() + (options.dryRun() ? "; dry run" : ""));
            if (weeks.isEmpty()) {
                executionLog.info(component, what + ": no weekly roll-ups overlap the month; run the weekly roll-ups first");
                return new MonthlyResult(month, weeks, logs.size(), null, RollupStatus.NO_SOURCES, TokenUsage.NONE,
                        List.of());
            }
            MonthlyStats stats = MonthlyStats.of(logs, weeks.size());
            List<String> unreadable = new ArrayList<>();
            for (WeeklyRollup week : weeks) {
                if (week.freeText() != null) {
                    unreadable.add(unreadable(week));
                    executionLog.info(component, what + ": " + unreadable(week));
                }
            }
            Optional<MonthlyRollup> existing = repository.findMonthly(month);
            RollupGenerator.Outcome<MonthlyRollup> outcome =
                    generator.monthly(month, weeks, stats, existing, options.force());
            List<String> warnings = warnings(unreadable, outcome.notes());
            warnings.addAll(outcome.rollup().warnings());
            if (outcome.reused()) {
                executionLog.success(component, what + ": inputs unchanged since "
                        + outcome.rollup().generation().generatedAt() + "; kept the stored roll-up without calling the LLM");
                return new MonthlyResult(month, weeks, logs.size(), outcome.rollup(), RollupStatus.UNCHANGED,
                        outcome.usage(), warnings);
            }
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, nothing stored" + usageNote(outcome.usage()));
                return new MonthlyResult(month, weeks, logs.size(), outcome.rollup(), RollupStatus.DRY_RUN,
                        outcome.usage(), warnings);
            }
            StoredRef ref = repository.upsertMonthly(outcome.rollup());
            MonthlyRollup stored = outcome.rollup().withStored(ref.id(), ref.url());
            executionLog.success(component, what + ": stored " + stored.achievements().size() + " achievements from "
                    + weeks.size() + " weeks -> " + ref.id() + " " + ref.url() + usageNote(outcome.usage())
                    + warningNote(warnings));
            return new MonthlyResult(month, weeks, logs.size(), stored, RollupStatus.WRITTEN, outcome.usage(), warnings);
        } catch (RuntimeException e) {
            executionLog.error(component, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    private static List<String> warnings(List<String> notes, List<String> rollupWarnings) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(rollupWarnings);
        return all;
    }

    private static String statusNote(Set<String> statuses) {
        return statuses.isEmpty() ? "" : " (status " + String.join(", ", statuses) + ")";
    }

    private static String usageNote(TokenUsage usage) {
        return usage.total() == 0 ? "" : "; tokens in " + usage.inputTokens() + ", out " + usage.outputTokens();
    }

    private static String warningNote(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s): " + String.join(" | ", warnings);
    }

    /** The main provider and its model, for the execution log. */
    private String provider() {
        return generator.primary().name() + " (" + generator.primary().model() + ")";
    }
}
