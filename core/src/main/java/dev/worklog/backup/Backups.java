package dev.worklog.backup;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.backup.Backup;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.store.LocalWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code worklog export} and {@code worklog import} as SDK calls: the configured store (chosen as
 * {@link dev.worklog.WorkLogger} chooses it: {@code WORKLOG_STORE}, else the store the configuration selects, such as
 * Notion when its key is set, else the local store) copied to or from a folder in the local store's format, with a line
 * in the execution log for each run.
 *
 * <pre>{@code
 * BackupReport report = Backups.export(WorkLogConfig.fromEnvironment(), Path.of("backups/2026-11"), null,
 *         item -> {}, Clock.systemUTC());
 * }</pre>
 */
public final class Backups {
    /** The execution-log component of exports and imports. */
    public static final String LOG_COMPONENT = "backup";

    private Backups() {
    }

    /**
     * Copies the configured store into {@code dir} (created when missing).
     *
     * @param since only what lies on or after this day, or {@code null} for everything
     * @param progress told about each record as it is handled
     * @throws ConfigurationException when the configured store cannot be opened (naming the variable)
     * @throws dev.worklog.error.WorkLogException when a store fails; rerunning copies only what is missing
     */
    public static BackupReport export(WorkLogConfig config, Path dir, LocalDate since, Consumer<BackupReport.Item> progress,
            Clock clock) {
        return export(config, dir, since, progress, ProgressListener.none(), clock);
    }

    /**
     * {@link #export(WorkLogConfig, Path, LocalDate, Consumer, Clock)}, telling {@code counts} how far it has got:
     * the source's daily logs read, then records of each kind copied out of those read.
     */
    public static BackupReport export(WorkLogConfig config, Path dir, LocalDate since, Consumer<BackupReport.Item> items,
            ProgressListener counts, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        ResolvedConfig resolved = ResolvedConfig.of(Objects.requireNonNull(config, "config"));
        SpiContext context = context(resolved, clock);
        try (WorkLogRepository from = resolved.store().create(context);
                WorkLogRepository to = LocalWorkLogRepository.open(dir, clock)) {
            return run("export", from, to, since, Backup.withListener(items).withProgress(counts),
                    context.executionLog());
        }
    }

    /**
     * Copies a folder written by {@link #export} (or any local store folder) into the configured store.
     *
     * @throws ConfigurationException when {@code dir} is not a local store folder, or the configured store cannot
     *     be opened
     */
    public static BackupReport importFrom(WorkLogConfig config, Path dir, LocalDate since,
            Consumer<BackupReport.Item> progress, Clock clock) {
        return importFrom(config, dir, since, progress, ProgressListener.none(), clock);
    }

    /** {@link #importFrom(WorkLogConfig, Path, LocalDate, Consumer, Clock)}, telling {@code counts} how far it has got. */
    public static BackupReport importFrom(WorkLogConfig config, Path dir, LocalDate since,
            Consumer<BackupReport.Item> items, ProgressListener counts, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir.resolve("daily"))) {
            // opening would create an empty store there and "import" nothing: a typo must not look like success
            throw new ConfigurationException(dir + " is not a worklog export (it has no daily/ folder); give the "
                    + "folder that `worklog export --to` wrote");
        }
        ResolvedConfig resolved = ResolvedConfig.of(Objects.requireNonNull(config, "config"));
        SpiContext context = context(resolved, clock);
        try (WorkLogRepository from = LocalWorkLogRepository.open(dir, clock);
                WorkLogRepository to = resolved.store().create(context)) {
            return run("import", from, to, since, Backup.withListener(items).withProgress(counts),
                    context.executionLog());
        }
    }

    private static BackupReport run(String what, WorkLogRepository from, WorkLogRepository to, LocalDate since,
            Backup backup, ExecutionLog log) {
        String description = what + " from " + from.describe() + " to " + to.describe()
                + (since == null ? "" : " (since " + since + ")");
        log.info(LOG_COMPONENT, description + ": started");
        try {
            BackupReport report = backup.run(from, to, since);
            log.success(LOG_COMPONENT, description + ": " + String.join("; ", report.summaryLines())
                    + (report.warnings().isEmpty() ? "" : "; " + report.warnings().size() + " warnings"));
            for (String w : report.warnings()) {
                log.info(LOG_COMPONENT, what + " warning: " + w);
            }
            return report;
        } catch (RuntimeException e) {
            log.error(LOG_COMPONENT, description + " failed (rerun to copy what is missing): " + e.getMessage());
            throw e;
        }
    }

    /** The store's context, as the facade makes it: the configured zone and execution log, the real sleeper. */
    private static SpiContext context(ResolvedConfig resolved, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return resolved.context(clock, Sleeper.system(), resolved.executionLog(clock, resolved.zone()));
    }
}
