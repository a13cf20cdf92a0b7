package dev.worklog;

import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.internal.summarize.WeekChoice;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link WorkLogger#summarizeMonth}: a month is made from every ISO week that overlaps it, so the week holding its
 * last day, which ends in the next month, is part of it. Weeks without a roll-up are rolled up first (unless
 * {@link SummarizeOptions#rollUpMissingWeeks()} is off), from the same read of the daily logs that the statistics
 * count; of stored roll-ups that overlap each other, one set is used ({@link WeekChoice}), so that no day is counted or
 * fed to the model twice.
 */
final class MonthlyRun {
    /** The progress task of rolling up a month's missing weeks. */
    static final String MISSING_WEEKS = "rolling up missing weeks";

    private final Rollups rollups;
    private final Supplier<LocalDate> today;

    MonthlyRun(Rollups rollups, Supplier<LocalDate> today) {
        this.rollups = rollups;
        this.today = today;
    }

    MonthlyResult run(YearMonth month, SummarizeOptions options) {
        String component = ExecutionLog.MONTHLY_PROCESSOR;
        String what = "monthly roll-up " + month;
        WorkLogRepository repository = rollups.repository();
        ExecutionLog executionLog = rollups.executionLog();
        ProgressListener progress = options.progress();
        try {
            Period days = Period.of(month);
            List<WeeklyRollup> stored = repository.findWeeklies(days);
            List<Period> missing = missingWeeks(days, stored);
            // one read covers the month and the missing weeks' days in the months around it
            Period span = options.rollUpMissingWeeks() && !missing.isEmpty()
                    ? new Period(min(days.start(), missing.get(0).start()),
                            max(days.end(), missing.get(missing.size() - 1).end()))
                    : days;
            Instant readAt = rollups.clock().instant();
            List<DailyLog> read = repository.findDailyLogs(span, options.statuses(), progress);
            List<DailyLog> logs = read.stream().filter(l -> days.contains(l.loggedDate())).toList();
            executionLog.info(component, what + ": " + stored.size() + " weekly roll-ups and " + logs.size()
                    + " daily logs read from " + repository.describe() + Rollups.statusNote(options.statuses())
                    + "; provider " + rollups.provider() + (options.dryRun() ? "; dry run" : ""));
            List<WeeklyRollup> weeks = new ArrayList<>(stored);
            List<String> notes = new ArrayList<>();
            List<WeeklyResult> rolledUp = new ArrayList<>();
            List<Period> withLogs = missing.stream()
                    .filter(week -> read.stream().anyMatch(l -> week.contains(l.loggedDate()))).toList();
            if (options.rollUpMissingWeeks()) {
                for (int i = 0; i < withLogs.size(); i++) {
                    progress.onStep(new ProgressListener.Step(MISSING_WEEKS, i, withLogs.size()));
                    WeeklyResult week = rollUpMissing(withLogs.get(i), read, readAt, options);
                    rolledUp.add(week);
                    week.rollupIfAny().ifPresent(weeks::add);
                    executionLog.info(component, what + ": rolled up the missing week " + week.period().describe()
                            + " first (" + week.status() + ")");
                }
                progress.onStep(new ProgressListener.Step(MISSING_WEEKS, withLogs.size(), withLogs.size()));
            } else {
                for (Period week : withLogs) {
                    long inMonth = logs.stream().filter(l -> week.contains(l.loggedDate())).count();
                    notes.add("weekly roll-up " + week.describe() + " is missing and was not rolled up first: its "
                            + inMonth + " daily logs in " + month + " are counted in the statistics but not in the "
                            + "achievements; run `worklog weekly --week " + week.label() + "`, then the monthly again");
                }
            }
            lastWeekNotOver(month).ifPresent(notes::add);
            if (weeks.isEmpty()) {
                executionLog.info(component, what + ": no weekly roll-ups overlap the month"
                        + (logs.isEmpty() ? " and it has no daily logs" : "; run the weekly roll-ups first"));
                return new MonthlyResult(month, weeks, logs.size(), null, RollupStatus.NO_SOURCES, TokenUsage.NONE,
                        notes, rolledUp);
            }
            WeekChoice choice = WeekChoice.of(weeks);
            choice.warnings().forEach(w -> executionLog.info(component, what + ": " + w));
            notes.addAll(choice.warnings());
            MonthlyStats stats = MonthlyStats.of(logs, choice.weeks().size());
            for (WeeklyRollup week : choice.weeks()) {
                if (week.freeText() != null) {
                    notes.add(Rollups.unreadable(week));
                    executionLog.info(component, what + ": " + Rollups.unreadable(week));
                }
            }
            Optional<MonthlyRollup> existing = repository.findMonthly(month);
            RollupGenerator.Outcome<MonthlyRollup> outcome = Rollups.step(progress,
                    rollups.summarizing(choice.weeks().size(), "weekly roll-up"),
                    () -> rollups.generator().monthly(month, choice.weeks(), stats, existing, options.force()));
            List<String> warnings = Rollups.warnings(notes, outcome.notes());
            warnings.addAll(outcome.rollup().warnings());
            if (outcome.reused()) {
                executionLog.success(component, what + ": inputs unchanged since "
                        + outcome.rollup().generation().generatedAt() + "; kept the stored roll-up without calling the LLM");
                return new MonthlyResult(month, choice.weeks(), logs.size(), outcome.rollup(), RollupStatus.UNCHANGED,
                        outcome.usage(), warnings, rolledUp);
            }
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, nothing stored" + Rollups.usageNote(outcome.usage()));
                return new MonthlyResult(month, choice.weeks(), logs.size(), outcome.rollup(), RollupStatus.DRY_RUN,
                        outcome.usage(), warnings, rolledUp);
            }
            StoredRef ref = Rollups.step(progress, "storing the roll-up", () -> repository.upsertMonthly(outcome.rollup()));
            MonthlyRollup result = outcome.rollup().withStored(ref.id(), ref.url());
            executionLog.success(component, what + ": stored " + result.achievements().size() + " achievements from "
                    + choice.weeks().size() + " weeks -> " + ref.id() + " " + ref.url()
                    + Rollups.usageNote(outcome.usage()) + Rollups.warningNote(warnings));
            return new MonthlyResult(month, choice.weeks(), logs.size(), result, RollupStatus.WRITTEN, outcome.usage(),
                    warnings, rolledUp);
        } catch (RuntimeException e) {
            executionLog.error(component, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    /** The ISO weeks that overlap the month and have no roll-up of exactly their days. */
    static List<Period> missingWeeks(Period days, List<WeeklyRollup> stored) {
        Set<Period> have = new HashSet<>();
        stored.forEach(w -> have.add(w.period()));
        return days.isoWeeks().stream().filter(week -> !have.contains(week)).toList();
    }

    /**
     * A missing week rolled up from the logs already read. In a dry run it is not stored, so the monthly preview
     * cites it by a stand-in id.
     */
    private WeeklyResult rollUpMissing(Period week, List<DailyLog> read, Instant readAt, SummarizeOptions options) {
        List<DailyLog> logs = read.stream().filter(l -> week.contains(l.loggedDate())).toList();
        WeeklyResult result = rollups.week(week, options.withForce(false), logs, readAt);
        if (result.status() == RollupStatus.DRY_RUN) {
            WeeklyRollup preview = result.rollup().withStored("dry-run-" + week.label(), null);
            return new WeeklyResult(week, result.logsRead(), preview, result.status(), result.usage(),
                    result.warnings());
        }
        return result;
    }

    /**
     * A month that is over but whose last week is not: days logged later in that week are not in this run.
     */
    private Optional<String> lastWeekNotOver(YearMonth month) {
        LocalDate now = today.get();
        Period last = Period.isoWeekOf(month.atEndOfMonth());
        if (!now.isAfter(month.atEndOfMonth()) || now.isAfter(last.end())) {
            return Optional.empty();
        }
        return Optional.of("the week holding the month's last day, " + last.describe() + ", is not over yet: what is "
                + "logged in it after this run is not in the month's achievements; the schedule runs the monthly on "
                + Period.monthlyRunDate(month) + ", after that week's weekly");
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
