package dev.worklog.cli;

import dev.worklog.MonthlyResult;
import dev.worklog.SummarizeOptions;
import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.Period;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code worklog monthly}: rolls a month's weekly roll-ups up into a career brief, achievements and statistics. */
@Command(name = "monthly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise a month's weekly roll-ups into highlights, a career brief and statistics.",
            "Default: the current month (in WORKLOG_TIMEZONE); --previous: the latest month whose weeks are all "
                + "over (what the schedule runs on the first Monday of a month).",
            "Every ISO week that overlaps the month takes part, also the one holding its last day; a week with daily "
                + "logs and no weekly roll-up is rolled up first (stored), unless --no-roll-up-missing-weeks. Of "
                + "overlapping weekly roll-ups one set is used, ISO weeks first; the warnings name the others."},
        footer = {"", "Examples:", "  worklog monthly", "  worklog monthly --previous",
            "  worklog monthly --month 2026-11 --dry-run",
            "  worklog monthly --year 2026 --month 11"})
final class MonthlyCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11 (or 11 with --year).")
    private String month;

    @Option(names = "--year", paramLabel = "YYYY", description = "The year, with a month number in --month.")
    private String year;

    @Option(names = "--previous", description = "The latest month whose every ISO week is over.")
    private boolean previous;

    @Option(names = "--no-roll-up-missing-weeks", negatable = false,
            description = "Do not roll up the month's missing weeks first; name them in the warnings instead.")
    private boolean noMissingWeeks;

    @Mixin
    private RollupOptions rollup;

    @Override
    public Integer call() {
        try (WorkLogger logger = main.openLogger()) {
            YearMonth explicit = Options.month(month, year, logger.today());
            if (previous && explicit != null) {
                throw new CliException("give --previous or --month, not both");
            }
            YearMonth target = explicit != null ? explicit
                    : previous ? Period.previousMonth(logger.today()) : YearMonth.from(logger.today());
            if (rollup.showPrompt()) {
                new Printer(main.io().out()).preview(logger.previewMonth(target,
                        rollup.toSummarizeOptions(logger, ProgressListener.none())));
                return 0;
            }
            Interruptions.begin(logger.executionLog(), ExecutionLog.MONTHLY_PROCESSOR, "monthly roll-up " + target,
                    main.io().err());
            MonthlyResult result;
            try (TerminalProgress progress = TerminalProgress.of(main)) {
                SummarizeOptions options = rollup.toSummarizeOptions(logger, progress)
                        .withRollUpMissingWeeks(!noMissingWeeks);
                result = logger.summarizeMonth(target, options);
            } finally {
                Interruptions.end();
            }
            new Printer(main.io().out()).monthly(result);
            return 0;
        }
    }
}
