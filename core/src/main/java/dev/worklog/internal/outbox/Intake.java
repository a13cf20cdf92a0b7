package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.CircuitOpenException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.StoredRef;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the outbox takes an entry: the intent (entry id and entry) forced to disk in the {@link IntentJournal} before
 * the store is called (for a durable store), then the store's answer recorded for the idempotency key; an entry the
 * store cannot take now, or that a known-failing store (open breaker) is not even asked to take, goes to the queue.
 * Intents a dead process left open become pending entries when the journal is opened. Without a durable folder
 * nothing is written: the entry is stored at once or refused ({@link NotQueuedException}).
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** What a refused entry is told to wait when neither the breaker nor the upstream says. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final OutboxParts parts;
    private final boolean durableFolder;
    private final IntentJournal journal;
    private volatile boolean closed;

    /**
     * Opens the intent journal in {@code dir} (with a durable folder), recovering what a dead process left in flight.
     *
     * @throws UncheckedIOException when the journal cannot be opened
     */
    Intake(OutboxParts parts, boolean durableFolder) {
        this.parts = parts;
        this.durableFolder = durableFolder;
        // creates of processes that died in flight become pending entries (delivered with a look-up first)
        this.journal = durableFolder ? IntentJournal.open(parts.dir(), this::recoverIntent) : null;
    }

    /**
     * Stores the entry, or queues it when the store is unreachable or known to be failing.
     *
     * @param keyHash the idempotency key's hash, or {@code null}
     * @param fingerprint the entry's fingerprint when there is a key
     */
    Submission storeOrQueue(DailyLog log, String keyHash, String fingerprint) {
        if (closed) {
            throw new IllegalStateException("the outbox is closed");
        }
        if (!durableFolder) {
            return storeWithoutFolder(log, keyHash != null);
        }
        String queueId = parts.queue().newQueueId();
        Optional<CircuitBreaker> breaker = parts.store().circuitBreaker();
        if (breaker.isPresent() && !breaker.get().isClosed()) {
            // the store is known to be failing: queue now instead of waiting out its retries
            String reason = "the store is failing (" + breaker.get().snapshot().describe() + ")";
            enqueue(log, queueId, keyHash, fingerprint, reason);
            logQueued(log, queueId, reason);
            return Submission.queued(queueId).withEntryId(log.entryId());
        }
        IntentJournal.Intent intent = null;
        if (parts.store().durable()) {
            try {
                intent = journal.begin(intentRecord(log, queueId, keyHash, fingerprint));
            } catch (UncheckedIOException e) {
                throw new OutboxException("cannot record the intent to store '" + log.title() + "' on disk: "
                        + e.getMessage(), e);
            }
        }
        CrashPoints.reach("create.intent-recorded");
        StoredRef ref;
        try {
            ref = parts.store().saveDailyLog(log);
        } catch (WorkLogException e) {
            if (!e.isRetryable()) {
                done(intent); // refused for good: nothing was stored, nothing to recover
                throw e;
            }
            return queueAfterFailure(log, intent, queueId, keyHash, fingerprint, e.getMessage());
        } catch (RuntimeException e) {
            // a bug in the store, possibly after the write landed: keep the entry and let delivery look it up
            LOG.warn("outbox: storing '{}' failed unexpectedly: {}", log.title(), e.toString());
            return queueAfterFailure(log, intent, queueId, keyHash, fingerprint, e.toString());
        }
        CrashPoints.reach("create.stored");
        Submission stored = Submission.stored(ref).withEntryId(log.entryId());
        if (keyHash != null) {
            try {
                parts.idempotency().record(keyHash, fingerprint, log.entryId(), stored, parts.clock().instant());
            } catch (UncheckedIOException e) {
                // the entry is stored; the intent stays open, so a restart looks it up and records the key then
                LOG.warn("outbox: cannot remember the idempotency key: {}", e.getMessage());
                return stored;
            }
        }
        CrashPoints.reach("create.idempotency-recorded");
        done(intent);
        return stored;
    }

    /**
     * Without a durable folder nothing is promised and nothing is written: the entry is stored now, looked up by its
     * entry id first when a key made it (the key's retry of a create whose answer was lost then finds the page), or
     * refused with how long to wait. An open circuit breaker refuses at once (the store's call fails fast).
     */
    private Submission storeWithoutFolder(DailyLog log, boolean keyed) {
        try {
            StoredRef ref = keyed ? parts.store().ensureDailyLog(log) : parts.store().saveDailyLog(log);
            return Submission.stored(ref).withEntryId(log.entryId());
        } catch (WorkLogException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            Duration wait = retryAfter(e);
            parts.executionLog().error(ExecutionLog.DAILY_LOGGER, "store unavailable (" + e.getMessage() + "); '"
                    + log.title() + "' refused, not queued: the outbox folder is not durable here; the client "
                    + "retries after " + wait.toSeconds() + " s");
            throw new NotQueuedException(e.getMessage(), wait, e);
        }
    }

    /** How long the client should wait: the breaker's time to its trial call, the upstream's hint, else 5 s. */
    private Duration retryAfter(WorkLogException e) {
        if (e instanceof CircuitOpenException open) {
            return open.retryAfter();
        }
        Optional<Duration> hint = e.upstream().flatMap(UpstreamError::retryAfterHint);
        if (hint.isPresent()) {
            return hint.get();
        }
        return parts.store().circuitBreaker().map(CircuitBreaker::snapshot).map(CircuitBreaker.Snapshot::openUntil)
                .filter(until -> until.isAfter(parts.clock().instant()))
                .map(until -> Duration.between(parts.clock().instant(), until)).orElse(DEFAULT_RETRY_AFTER);
    }

    private void done(IntentJournal.Intent intent) {
        if (intent != null) {
            journal.done(intent);
        }
    }

    private Submission queueAfterFailure(DailyLog log, IntentJournal.Intent intent, String queueId, String keyHash,
            String fingerprint, String reason) {
        enqueue(log, queueId, keyHash, fingerprint, reason);
        CrashPoints.reach("queue.pending-written");
        done(intent);
        logQueued(log, queueId, reason);
        return Submission.queued(queueId).withEntryId(log.entryId());
    }

    private void logQueued(DailyLog log, String queueId, String reason) {
        LOG.warn("store unreachable ({}); daily log queued as {}", reason, queueId);
        parts.executionLog().info(ExecutionLog.DAILY_LOGGER, "store unreachable (" + reason + "); queued '"
                + log.title() + "' in the outbox as " + queueId);
    }

    private ObjectNode intentRecord(DailyLog log, String queueId, String keyHash, String fingerprint) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", parts.clock().instant().toString());
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
            n.put("fingerprint", fingerprint);
        }
        n.set("log", DailyLogCodec.write(log));
        return n;
    }

    /**
     * Writes a pending entry (and, with a key, its idempotency record as queued): durable when this returns.
     *
     * @throws OutboxException when it cannot be written
     */
    private void enqueue(DailyLog log, String queueId, String keyHash, String fingerprint, String reason) {
        writePending(queueId, OutboxQueue.document(queueId, parts.clock().instant().toString(), keyHash, reason,
                DailyLogCodec.write(log)), keyHash, fingerprint, log.entryId());
    }

    private void writePending(String queueId, ObjectNode n, String keyHash, String fingerprint, String entryId) {
        try {
            parts.queue().add(queueId, n);
            if (keyHash != null) {
                parts.idempotency().record(keyHash, fingerprint, entryId, Submission.queued(queueId),
                        parts.clock().instant());
            }
        } catch (UncheckedIOException e) {
            throw new OutboxException("the store is unreachable and the outbox cannot write " + queueId + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * An intent a dead process left open: its create may or may not have reached the store, so it becomes a
     * pending entry (with its idempotency record as queued), and its delivery looks the entry id up first.
     */
    private void recoverIntent(ObjectNode intent) {
        String queueId = intent.path("queue_id").asText("");
        JsonNode log = intent.path("log");
        if (queueId.isEmpty() || !log.isObject()) {
            LOG.warn("outbox: skipping an unreadable intent in the journal: {}", intent.path("seq").asText());
            return;
        }
        String keyHash = intent.path("idempotency_key_sha256").asText(null);
        writePending(queueId, OutboxQueue.document(queueId, intent.path("accepted_at").asText(parts.clock().instant()
                .toString()), keyHash, "the process stopped while the store was being called; the entry is looked up "
                + "before it is stored again", log), keyHash, intent.path("fingerprint").asText(""),
                log.path("entry_id").asText(null));
        LOG.info("outbox: recovered the interrupted create of entry {} as {}", log.path("entry_id").asText("?"),
                queueId);
    }

    /** Refuses new entries and closes the journal. */
    void close() {
        closed = true;
        if (journal != null) {
            journal.close();
        }
    }
}
