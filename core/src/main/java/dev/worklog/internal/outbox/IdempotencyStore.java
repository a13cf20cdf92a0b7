package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Hashes;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import dev.worklog.model.StoredRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of requests sent with an {@code Idempotency-Key}: {@code idempotency/<sha256(key)>.json}, written
 * durably (temp file, fsync, rename, fsync of the folder). The key itself is never written.
 *
 * <p>A record's first state is the intent in the {@link IntentJournal}, written before the store is called; its
 * final state is written here after the store answered ({@code stored}, with the page) or the entry was queued
 * ({@code queued}, with the queue id, then {@code stored} once delivered).
 */
final class IdempotencyStore {
    static final String DIR = "idempotency";

    private final Path dir;

    IdempotencyStore(Path outboxDir) {
        this.dir = outboxDir.resolve(DIR);
    }

    Path directory() {
        return dir;
    }

    /** The hash a key is known by: its SHA-256, so that the key itself is never written. */
    static String keyHash(String idempotencyKey) {
        return Hashes.sha256Hex(idempotencyKey);
    }

    /**
     * A stable hash of the entry's content (not its entry id), to tell a retry of the same request from a different
     * one: the entry's JSON ({@link DailyLogCodec#write}) without its entry id and absent fields, as the fingerprints
     * recorded before the entry form spelt absent fields as null.
     */
    static String fingerprint(DailyLog log) {
        ObjectNode content = DailyLogCodec.write(log);
        content.remove(DailyLogCodec.ENTRY_ID);
        List<String> absent = new ArrayList<>();
        content.properties().forEach(f -> {
            if (f.getValue().isNull()) {
                absent.add(f.getKey());
            }
        });
        content.remove(absent);
        return Hashes.sha256Hex(Json.write(content));
    }

    /** The record for a key hash, if one was written. */
    Optional<JsonNode> read(String keyHash) {
        return OutboxFiles.read(file(keyHash));
    }

    /** Writes the result of a key's first request; durable when this returns. */
    void record(String keyHash, String fingerprint, String entryId, Submission result, Instant now) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("key_sha256", keyHash);
        n.put("fingerprint", fingerprint);
        if (entryId != null) {
            n.put("entry_id", entryId);
        }
        n.put("created_at", now.toString());
        putResult(n, result.status(), result.ref(), result.queueId());
        OutboxFiles.write(file(keyHash), n);
    }

    /** Moves a queued record to stored once its entry was delivered; nothing when there is no record. */
    void markStored(String keyHash, StoredRef ref) {
        Optional<JsonNode> previous = read(keyHash);
        if (previous.isEmpty() || !previous.get().isObject()) {
            return;
        }
        ObjectNode n = ((ObjectNode) previous.get()).deepCopy();
        putResult(n, Submission.Status.STORED, ref, n.path("queue_id").asText(null));
        OutboxFiles.write(file(keyHash), n);
    }

    /** The result a record holds, as a replay. */
    static Submission replayOf(JsonNode n) {
        String entryId = n.path("entry_id").asText(null);
        if ("stored".equals(n.path("status").asText())) {
            return new Submission(Submission.Status.STORED, new StoredRef(n.path("page_id").asText(),
                    n.path("url").asText()), n.path("queue_id").asText(null), true, entryId);
        }
        return new Submission(Submission.Status.QUEUED, null, n.path("queue_id").asText(), true, entryId);
    }

    private Path file(String keyHash) {
        return dir.resolve(keyHash + ".json");
    }

    private static void putResult(ObjectNode n, Submission.Status status, StoredRef ref, String queueId) {
        n.put("status", status.name().toLowerCase(Locale.ROOT));
        if (ref != null) {
            n.put("page_id", ref.id());
            n.put("url", ref.url());
        }
        if (queueId != null) {
            n.put("queue_id", queueId);
        }
    }

    static void createDirectory(Path outboxDir) throws IOException {
        Files.createDirectories(outboxDir.resolve(DIR));
    }
}
