package dev.worklog.cli;

import dev.worklog.backup.BackupReport;
import java.util.function.Consumer;

/** What export and import print: a line per record written (stderr, as progress), then the summary (stdout). */
final class BackupOutput {
    private BackupOutput() {
    }

    static Consumer<BackupReport.Item> progress(Main main) {
        return item -> {
            if (item.action() != BackupReport.Action.SKIPPED || main.verbose) {
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
