package dev.worklog.cli;

import dev.worklog.backup.BackupReport;
import dev.worklog.backup.Backups;
import dev.worklog.config.WorkLogConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code worklog export}: the configured store (Notion) copied into local markdown files — the monthly backup. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy every daily log, weekly and monthly roll-up (properties, bodies, relations) from the "
                + "configured store into a folder in the local store's format.",
            "Idempotent: a second run creates nothing; a failed run can simply be run again."},
        footer = {"", "Examples:", "  worklog export --to backups/2026-11",
            "  worklog export --to backups/2026-11 --since 2026-11-01"})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The folder to write (created).")
    private Path to;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Only what lies on or after this day (and the weeks and months reaching it).")
    private LocalDate since;

    @Override
    public Integer call() {
        BackupReport report;
        try (TerminalProgress progress = TerminalProgress.of(main)) {
            report = Backups.export(WorkLogConfig.fromEnvironment(), to, since, BackupOutput.items(main, progress),
                    progress, Clock.systemUTC());
        }
        BackupOutput.summary(main, report, "Exported to " + to.toAbsolutePath().normalize());
        return 0;
    }
}
