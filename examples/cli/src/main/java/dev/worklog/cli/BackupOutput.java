package dev.worklog.cli;

import dev.worklog.backup.BackupReport;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.log.ProgressListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * What export and import print: a line per record written (stderr; none with {@code --quiet}), the counts drawn on a
 * terminal ({@link TerminalProgress}), then the summary (stdout).
 */
final class BackupOutput {
    private BackupOutput() {
    }

    /** {@code --since}, the same for export and import. */
    static final class Since {
        @Option(names = "--since", paramLabel = "YYYY-MM-DD",
                description = "Only what lies on or after this day (and the weeks and months reaching it).")
        LocalDate value;
    }

    /** A copy between the configured store and a folder: {@code Backups::export} or {@code Backups::importFrom}. */
    interface Copy {
        BackupReport run(WorkLogConfig config, Path dir, LocalDate since, Consumer<BackupReport.Item> items,
                ProgressListener counts, Clock clock);
    }

    /** Runs the copy with the configuration from the environment, drawing its progress, then prints the summary. */
    static int run(Main main, Copy copy, Path dir, Since since, String headline) {
        BackupReport report;
        try (TerminalProgress progress = TerminalProgress.of(main)) {
            report = copy.run(WorkLogConfig.fromEnvironment(), dir, since.value, items(main, progress), progress,
                    Clock.systemUTC());
        }
        summary(main, report, headline + " " + dir.toAbsolutePath().normalize());
        return 0;
    }

    static Consumer<BackupReport.Item> items(Main main, TerminalProgress progress) {
        return item -> {
            if (!main.quiet && (item.action() != BackupReport.Action.SKIPPED || main.verbose)) {
                progress.close(); // the drawn line gives way to the record's line, and is drawn again below it
                main.io().err().println("  " + item.action().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + item.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + item.label());
            }
        };
    }

    static void summary(Main main, BackupReport report, String headline) {
        main.io().out().println(headline + " (" + report.source() + " -> " + report.target() + ")");
        report.summaryLines().forEach(l -> main.io().out().println("  " + l));
        for (String w : report.warnings()) {
            main.io().out().println("  warning: " + w);
        }
        main.io().out().flush();
    }
}
