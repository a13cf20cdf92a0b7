package dev.worklog.cli;

import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.Period;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code worklog weekly}: rolls a week's daily logs up into at most five STAR achievements and stores them. */
@Command(name = "weekly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise a week of daily logs into achievements and key highlights.",
            "Default period: the current ISO week, Monday to Sunday (in WORKLOG_TIMEZONE); --previous: the last "
                + "complete one, as the schedule runs it. A period that is not one ISO week is named by its dates. "
                + "Running it again for the same period replaces the stored roll-up; with unchanged inputs the LLM "
                + "is not called."},
        footer = {"", "Examples:", "  worklog weekly", "  worklog weekly --previous",
            "  worklog weekly --week 2026-W47 --dry-run",
            "  worklog weekly --dry-run --show-prompt        (what would leave the machine, after redaction)",
            "  worklog weekly --start-date 2026-11-16 --end-date 2026-11-22 --status Logged"})
final class WeeklyCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First day (alone: 7 days from it).")
    private String startDate;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Last day (alone: the 7 days ending on it).")
    private String endDate;

    @Option(names = "--week", paramLabel = "YYYY-Www", description = "An ISO week, e.g. 2026-W47 (Monday to Sunday).")
    private String week;

    @Option(names = "--previous", description = "The last complete ISO week (what the Monday schedule rolls up).")
    private boolean previous;

    @Mixin
    private RollupOptions rollup;

    @Override
    public Integer call() {
        Period explicit = period();
        try (WorkLogger logger = main.openLogger()) {
            Period period = explicit != null ? explicit
                    : previous ? Period.previousIsoWeek(logger.today()) : Period.isoWeekOf(logger.today());
            if (rollup.showPrompt()) {
                new Printer(main.io().out()).preview(logger.previewWeek(period,
                        rollup.toSummarizeOptions(logger, ProgressListener.none())));
                return 0;
            }
            Interruptions.begin(logger.executionLog(), ExecutionLog.WEEKLY_PROCESSOR,
                    "weekly roll-up " + period.describe(), main.io().err());
            WeeklyResult result;
            try (TerminalProgress progress = TerminalProgress.of(main)) {
                result = logger.summarizeWeek(period, rollup.toSummarizeOptions(logger, progress));
            } finally {
                Interruptions.end();
            }
            new Printer(main.io().out()).weekly(result);
            return 0;
        }
    }

    /** The period the options name, or {@code null} for the default. */
    private Period period() {
        if (previous && (week != null || startDate != null || endDate != null)) {
            throw new CliException("give --previous, --week or --start-date/--end-date, not two of them");
        }
        if (week != null) {
            if (startDate != null || endDate != null) {
                throw new CliException("give --week or --start-date/--end-date, not both");
            }
            try {
                return Period.parseIsoWeek(week);
            } catch (IllegalArgumentException e) {
                throw new CliException("--week: " + e.getMessage());
            }
        }
        LocalDate start = startDate == null ? null : Options.date("--start-date", startDate);
        LocalDate end = endDate == null ? null : Options.date("--end-date", endDate);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                throw new CliException("--end-date " + end + " is before --start-date " + start);
            }
            return new Period(start, end);
        }
        if (start != null) {
            return new Period(start, start.plusDays(6));
        }
        if (end != null) {
            return Period.sevenDaysEnding(end);
        }
        return null;
    }
}
