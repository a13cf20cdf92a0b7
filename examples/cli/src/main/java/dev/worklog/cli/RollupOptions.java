package dev.worklog.cli;

import dev.worklog.SummarizeOptions;
import dev.worklog.WorkLogger;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code weekly} and {@code monthly} share, mixed into both. */
final class RollupOptions {
    @Option(names = "--status", paramLabel = "NAME", description = "Only logs with this status; repeatable.")
    private List<String> statuses;

    @Option(names = "--dry-run", description = "Generate and print; store nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Regenerate even when the inputs are unchanged.")
    private boolean force;

    /** The SDK's options, statuses checked against the configured ones, progress drawn by {@code progress}. */
    SummarizeOptions toSummarizeOptions(WorkLogger logger, TerminalProgress progress) {
        return SummarizeOptions.defaults().withDryRun(dryRun).withForce(force)
                .withStatuses(Options.statuses(logger, statuses)).withProgress(progress);
    }
}
