package dev.worklog.cli;

import dev.worklog.MonthlyResult;
import dev.worklog.SummarizeOptions;
import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code worklog monthly}: rolls a month's weekly roll-ups up into a career brief, achievements and statistics. */
@Command(name = "monthly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise a month's weekly roll-ups into highlights, a career brief and statistics.",
            "Default: the current month (in WORKLOG_TIMEZONE). Run `worklog weekly` for the month's weeks first."},
        footer = {"", "Examples:", "  worklog monthly", "  worklog monthly --month 2026-11 --dry-run",
            "  worklog monthly --year 2026 --month 11"})
final class MonthlyCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11 (or 11 with --year).")
    private String month;

    @Option(names = "--year", paramLabel = "YYYY", description = "The year, with a month number in --month.")
    private String year;


    @Mixin
    private RollupOptions rollup;

    @Override
    public Integer call() {
        try (WorkLogger logger = main.openLogger()) {
            YearMonth explicit = Options.month(month, year, logger.today());
            YearMonth target = explicit != null ? explicit : YearMonth.from(logger.today());
            SummarizeOptions options = rollup.toSummarizeOptions(logger);
            if (rollup.showPrompt()) {
                new Printer(main.io().out()).preview(logger.previewMonth(target, options));
                return 0;
            }
            Interruptions.begin(logger.executionLog(), ExecutionLog.MONTHLY_PROCESSOR, "monthly roll-up " + target,
                    main.io().err());
            MonthlyResult result;
            try {
                result = logger.summarizeMonth(target, options);
            } finally {
                Interruptions.end();
            }
            new Printer(main.io().out()).monthly(result);
            return 0;
        }
    }
}
