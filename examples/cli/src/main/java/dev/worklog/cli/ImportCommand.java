package dev.worklog.cli;

import dev.worklog.backup.Backups;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code worklog import}: a folder written by {@code worklog export} copied into the configured store. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy a folder written by `worklog export` into the configured store (e.g. a new Notion "
                + "workspace), relations rewritten to the new ids.",
            "Idempotent: what is already there is skipped, so a second import creates nothing."},
        footer = {"", "Examples:", "  worklog import --from backups/2026-11"})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The folder `worklog export` wrote.")
    private Path from;

    @Mixin
    private BackupOutput.Since since;

    @Override
    public Integer call() {
        return BackupOutput.run(main, Backups::importFrom, from, since, "Imported from");
    }
}
