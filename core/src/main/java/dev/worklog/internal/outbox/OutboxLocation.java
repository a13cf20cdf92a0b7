package dev.worklog.internal.outbox;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.store.LocalRepositoryFactory;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the outbox lives and whether it may promise anything: a {@code 202 queued} is only true when the folder
 * outlives the process and the machine it runs on. {@value Outbox#DIR_VARIABLE} names the folder (default
 * {@code outbox} under {@code WORKLOG_DATA_DIR}, itself {@code ./worklog-data} by default);
 * {@value Outbox#DURABLE_VARIABLE} is {@code true}, {@code false} or {@code auto} (the default), which decides from
 * where the process runs:
 * <ul>
 * <li>on AWS Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set) not durable: {@code /tmp} goes with the execution
 * environment;</li>
 * <li>on a temporary file system ({@code tmpfs}, {@code ramfs}) not durable: it goes with the machine;</li>
 * <li>in a container's own writable layer ({@code overlay}, {@code aufs}: no volume mounted there) not durable: it
 * goes with the container, at every deploy;</li>
 * <li>on Render ({@code RENDER} set) durable only on a disk of its own (a Render disk mounted at the folder), not
 * on the container's root file system, which a redeploy or restart replaces;</li>
 * <li>anywhere else (a laptop, a server's disk, a Docker volume) durable.</li>
 * </ul>
 *
 * @param directory the outbox folder
 * @param durable whether it may hold entries for later delivery
 * @param reason why, for {@code doctor} and the server's start-up line
 */
public record OutboxLocation(Path directory, boolean durable, String reason) {
    /** The folder under {@code WORKLOG_DATA_DIR} unless {@value Outbox#DIR_VARIABLE} says otherwise. */
    public static final String DEFAULT_SUBFOLDER = "outbox";
    /** The folder worklog used before it moved under {@code WORKLOG_DATA_DIR}, in the working folder. */
    public static final String OLD_DEFAULT = "worklog-outbox";

    private static final Set<String> TEMPORARY = Set.of("tmpfs", "ramfs");
    private static final Set<String> CONTAINER_LAYER = Set.of("overlay", "overlayfs", "aufs");

    /**
     * The outbox a configuration names.
     *
     * @throws ConfigurationException when the folder is not a valid path or the durability is not true, false or auto
     */
    public static OutboxLocation of(WorkLogConfig config) {
        return of(config, directory(config));
    }

    /** {@link #of(WorkLogConfig)} for a folder given in code. */
    public static OutboxLocation of(WorkLogConfig config, Path dir) {
        String mode = config.get(Outbox.DURABLE_VARIABLE, "auto").strip().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "true":
                return new OutboxLocation(dir, true, Outbox.DURABLE_VARIABLE + "=true");
            case "false":
                return new OutboxLocation(dir, false, Outbox.DURABLE_VARIABLE + "=false");
            case "auto":
                return detect(dir, config);
            default:
                throw new ConfigurationException(Outbox.DURABLE_VARIABLE + " must be true, false or auto, got '"
                        + mode + "'");
        }
    }

    /** The folder alone: {@value Outbox#DIR_VARIABLE}, else {@code outbox} under the local store's folder. */
    public static Path directory(WorkLogConfig config) {
        Optional<String> named = config.get(Outbox.DIR_VARIABLE);
        String variable = named.isPresent() ? Outbox.DIR_VARIABLE : ConfigKeys.WORKLOG_DATA_DIR;
        try {
            return named.isPresent() ? Path.of(named.get())
                    : Path.of(config.get(ConfigKeys.WORKLOG_DATA_DIR, LocalRepositoryFactory.DEFAULT_DATA_DIR))
                            .resolve(DEFAULT_SUBFOLDER).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigurationException(variable + " is not a valid path: " + e.getMessage(), e);
        }
    }

    /**
     * Entries left in the old default folder ({@code ./worklog-outbox}) that the configured one no longer sees: how
     * many, when there are any.
     */
    public static Optional<String> leftInOldFolder(WorkLogConfig config) {
        Path old = Path.of(OLD_DEFAULT).toAbsolutePath();
        if (config.isSet(Outbox.DIR_VARIABLE) && directory(config).toAbsolutePath().normalize().equals(old)) {
            return Optional.empty();
        }
        try (var files = Files.list(old.resolve("pending"))) {
            long n = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            return n == 0 ? Optional.empty() : Optional.of(n + " queued entries wait in " + old + ", the outbox's "
                    + "folder before it moved under WORKLOG_DATA_DIR: deliver them with `worklog outbox flush --dir "
                    + OLD_DEFAULT + "`");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OutboxLocation detect(Path dir, WorkLogConfig config) {
        if (config.isSet("AWS_LAMBDA_FUNCTION_NAME")) {
            return new OutboxLocation(dir, false, "on AWS Lambda, where " + dir + " goes with the execution environment");
        }
        Optional<FileStore> store = fileStore(dir);
        String type = store.map(s -> s.type().toLowerCase(Locale.ROOT)).orElse("");
        if (TEMPORARY.contains(type)) {
            return new OutboxLocation(dir, false, dir + " is on a temporary file system (" + type + ")");
        }
        if (CONTAINER_LAYER.contains(type)) {
            return new OutboxLocation(dir, false, dir + " is in the container's own writable layer (" + type
                    + "), which goes with the container: mount a volume there");
        }
        if (config.isSet("RENDER") && store.isPresent() && store.equals(fileStore(Path.of("/")))) {
            return new OutboxLocation(dir, false, "on Render, " + dir + " is on the container's root file system, "
                    + "which a deploy or restart replaces: attach a disk there");
        }
        return new OutboxLocation(dir, true, dir + " is on a persistent file system"
                + (type.isEmpty() ? "" : " (" + type + ")"));
    }

    /** The file system of the folder, or of its nearest existing parent when it does not exist yet. */
    private static Optional<FileStore> fileStore(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Optional.of(Files.getFileStore(p));
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A line for the server's start-up and {@code doctor}: where, and what an outage is answered with. */
    public String describe() {
        return durable ? "outbox " + directory + " is durable (" + reason + "): while the store is down, entries are "
                + "answered 202 and delivered later"
                : "outbox " + directory + " is not durable (" + reason + "): while the store is down, entries are "
                        + "answered 503 with Retry-After and nothing is kept; clients retry with the same "
                        + "Idempotency-Key";
    }
}
