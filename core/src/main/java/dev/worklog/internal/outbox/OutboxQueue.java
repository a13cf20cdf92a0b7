package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.io.DurableFiles;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's files: {@code pending/<queue id>.json} for entries accepted and not yet delivered, {@code failed/} for
 * those the store refused for good. A pending file is acknowledged only once it and its folder entry are on disk; it
 * is deleted only after the store confirmed the write. Attempts and last errors are counted in memory, for listing.
 */
final class OutboxQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxQueue.class);
    private static final DateTimeFormatter ID_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path pendingDir;
    private final Path failedDir;
    private final Clock clock;
    /** Attempts and last error per pending entry, for listing; lost on restart, which only resets the counters. */
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    /** Lets the background deliverer skip listing the folder when nothing is pending. */
    private final AtomicInteger pendingHint = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();

    private record Attempt(int count, String lastError) {
    }

    /**
     * Opens the queue's folders in {@code dir}, creating them ({@code create}) and clearing temporary files a crash
     * left; without {@code create}, folders that do not exist are read as empty and left uncreated.
     *
     * @throws IOException when they cannot be created or listed
     */
    OutboxQueue(Path dir, Clock clock, boolean create) throws IOException {
        this.pendingDir = dir.resolve("pending");
        this.failedDir = dir.resolve("failed");
        this.clock = clock;
        if (create) {
            Files.createDirectories(pendingDir);
            Files.createDirectories(failedDir);
        }
        if (exists()) {
            DurableFiles.removeTempFiles(pendingDir);
            DurableFiles.removeTempFiles(failedDir);
        }
        pendingHint.set(files(pendingDir).size());
    }

    /** Whether the queue's folders exist (always, unless it was opened without creating them). */
    boolean exists() {
        return Files.isDirectory(pendingDir) && Files.isDirectory(failedDir);
    }

    /** Time of acceptance, then a counter (entries accepted in the same millisecond keep their order), then noise. */
    String newQueueId() {
        return "q" + ID_STAMP.format(clock.instant()) + "-" + String.format("%04x%04x",
                sequence.incrementAndGet() & 0xffff, ThreadLocalRandom.current().nextInt() & 0xffff);
    }

    /** A pending entry's document: its id, when it was accepted, its key's hash, why it waits, the entry. */
    static ObjectNode document(String queueId, String acceptedAt, String keyHash, String firstError, JsonNode log) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", acceptedAt);
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
        }
        n.put("first_error", firstError);
        n.set("log", log);
        return n;
    }

    /**
     * Writes a pending entry; durable when this returns.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    void add(String queueId, ObjectNode document) {
        Path file = pendingDir.resolve(queueId + ".json");
        boolean existed = Files.exists(file);
        OutboxFiles.write(file, document);
        if (!existed) {
            pendingHint.incrementAndGet();
        }
        attempts.putIfAbsent(queueId, new Attempt(0, document.path("first_error").asText(null)));
    }

    /** Whether anything may be pending, without listing the folder. */
    boolean mayHavePending() {
        return pendingHint.get() > 0;
    }

    /** The pending files, oldest first. */
    List<Path> pendingFiles() {
        List<Path> files = files(pendingDir);
        pendingHint.set(files.size());
        return files;
    }

    /** A delivered entry's file goes, not forced: one that comes back after a power cut is looked up and found. */
    void delivered(Path file, String queueId) {
        DurableFiles.delete(file);
        attempts.remove(queueId);
        pendingHint.decrementAndGet();
    }

    /** Counts a failed delivery attempt. */
    void attemptFailed(String queueId, String error) {
        attempts.merge(queueId, new Attempt(1, error), (a, b) -> new Attempt(a.count() + 1, error));
    }

    /**
     * Moves an entry the store refused for good to {@code failed/}, with why; returns it as listed there.
     */
    Optional<OutboxEntry> moveToFailed(Path file, JsonNode json, String reason) {
        ObjectNode copy = json.isObject() ? ((ObjectNode) json).deepCopy() : Json.MAPPER.createObjectNode();
        copy.put("failed_at", clock.instant().toString());
        copy.put("last_error", reason == null ? "" : reason);
        Path target = failedDir.resolve(file.getFileName());
        OutboxFiles.write(target, copy);
        DurableFiles.deleteDurably(file);
        pendingHint.decrementAndGet();
        attempts.remove(baseName(file));
        return entry(target, true);
    }

    /** The folder of entries refused for good. */
    Path failedDirectory() {
        return failedDir;
    }

    /** Entries waiting for delivery, oldest first. */
    List<OutboxEntry> pending() {
        return entries(pendingDir, false);
    }

    /** Entries the store refused for good, oldest first. */
    List<OutboxEntry> failed() {
        return entries(failedDir, true);
    }

    /** A queue id as its file names it. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private List<OutboxEntry> entries(Path folder, boolean failed) {
        List<OutboxEntry> out = new ArrayList<>();
        for (Path file : files(folder)) {
            entry(file, failed).ifPresent(out::add);
        }
        return out;
    }

    private Optional<OutboxEntry> entry(Path file, boolean failed) {
        Optional<JsonNode> json = OutboxFiles.read(file);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = json.get();
        String queueId = n.path("queue_id").asText(baseName(file));
        try {
            Attempt a = attempts.getOrDefault(queueId, new Attempt(0, null));
            String lastError = failed ? n.path("last_error").asText(null)
                    : a.lastError() != null ? a.lastError() : n.path("first_error").asText(null);
            return Optional.of(new OutboxEntry(queueId, Instant.parse(n.path("accepted_at").asText()),
                    DailyLogCodec.readEntry(n.path("log")), a.count(), lastError, failed));
        } catch (RuntimeException e) {
            LOG.warn("outbox: cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of(); // a non-durable outbox's folder that was never made
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new OutboxException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The entry a document holds. */
    static DailyLog log(JsonNode document) {
        return DailyLogCodec.readEntry(document.path("log"));
    }
}
