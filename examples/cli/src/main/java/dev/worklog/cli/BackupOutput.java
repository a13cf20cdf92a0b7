package dev.worklog.cli;

import dev.worklog.backup.BackupReport;
import java.util.function.Consumer;

/**
 * What export and import print: a line per record written (stderr; none with {@code --quiet}), the counts drawn on a
 * terminal ({@link TerminalProgress}), then the summary (stdout).
 */
final class BackupOutput {
    private BackupOutput() {
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
