package dev.worklog.cli;

import dev.worklog.SummarizeOptions;
import dev.worklog.WorkLogger;
import dev.worklog.log.ProgressListener;
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

    @Option(names = "--show-prompt", description = "Print exactly what would be sent to the model (after "
            + "redaction, WORKLOG_REDACT) and stop: nothing is sent or stored, as with --dry-run.")
    private boolean showPrompt;

    /** Whether to print the prompt preview instead of running. */
    boolean showPrompt() {
        return showPrompt;
    }

    /** The SDK's options, statuses checked against the configured ones, progress drawn by {@code progress}. */
    SummarizeOptions toSummarizeOptions(WorkLogger logger, ProgressListener progress) {
        return SummarizeOptions.defaults().withDryRun(dryRun).withForce(force)
                .withStatuses(Options.statuses(logger, statuses)).withProgress(progress);
    }
}
