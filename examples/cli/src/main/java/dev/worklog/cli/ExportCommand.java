package dev.worklog.cli;

import dev.worklog.backup.Backups;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private BackupOutput.Since since;

    @Override
    public Integer call() {
        return BackupOutput.run(main, Backups::export, to, since, "Exported to");
    }
}
