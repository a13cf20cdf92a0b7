package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.RetryPolicy;
import dev.worklog.internal.io.FolderLock;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.StoredRef;
import dev.worklog.spi.WorkLogRepository;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queue's pending entries to the store: every delivery asks the store for the entry id first
 * ({@link WorkLogRepository#ensureDailyLog}), so an earlier attempt that landed is found, not repeated. A retryable
 * failure stops the pass (the store is still down) and backs off by {@link RetryPolicy#backoff}; a refusal for good
 * moves the entry to {@code failed/}. Passes hold the folder's {@code delivery.lock} ({@link FolderLock}), so a CLI
 * flush and a running server never deliver an entry twice; in the background they run on a scheduler, every poll
 * interval once the backoff has passed.
 */
final class Deliverer {
    /** The file locked (between processes) during a delivery pass. */
    static final String LOCK_FILE = "delivery.lock";

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final OutboxParts parts;
    private final RetryPolicy backoff;
    /** Made on first use: a non-durable outbox's folder may never exist. */
    private volatile FolderLock lock;
    private volatile int consecutiveFailures;
    private volatile Instant nextAttemptAt = Instant.MIN;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean ownsScheduler;

    Deliverer(OutboxParts parts, RetryPolicy backoff) {
        this.parts = parts;
        this.backoff = backoff;
    }

    /** The folder's lock; {@code null} while the queue's folders do not exist (nothing to deliver). */
    private FolderLock lock() {
        FolderLock l = lock;
        if (l == null && parts.queue().exists()) {
            l = FolderLock.of(parts.dir(), LOCK_FILE);
            lock = l;
        }
        return l;
    }

    /**
     * Starts delivering in the background on {@code given}, or on a daemon thread of its own (stopped by
     * {@link #stop}) when it is {@code null}.
     */
    void start(ScheduledExecutorService given, Duration pollInterval) {
        ownsScheduler = given == null;
        ScheduledExecutorService s = given != null ? given : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worklog-outbox-deliverer");
            t.setDaemon(true);
            return t;
        });
        scheduler = s;
        s.scheduleWithFixedDelay(this::deliverInBackground, 0, Math.max(1, pollInterval.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Stops a scheduler of its own, waiting for a pass in progress. */
    void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null && ownsScheduler) {
            s.shutdown();
            try {
                s.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link Outbox#flush()}: every pending entry now, waiting for a pass already running. */
    FlushResult flush() {
        try {
            FolderLock l = lock();
            return l == null ? new FlushResult(List.of(), List.of(), List.of()) : l.locked(() -> deliverPending(true));
        } catch (UncheckedIOException e) {
            throw new OutboxException(e.getMessage(), e);
        }
    }

    /** {@link Outbox#deliverDue()}: a pass now if the backoff has passed and no other pass is running. */
    FlushResult deliverDue() {
        try {
            FolderLock l = lock();
            if (l == null) {
                return new FlushResult(List.of(), List.of(), List.of());
            }
            return l.tryLocked(() -> parts.clock().instant().isBefore(nextAttemptAt)
                    ? new FlushResult(List.of(), parts.queue().pending(), List.of())
                    : deliverPending(false)).orElse(new FlushResult(List.of(), List.of(), List.of()));
        } catch (UncheckedIOException e) {
            throw new OutboxException(e.getMessage(), e);
        }
    }

    private void deliverInBackground() {
        if (!parts.queue().mayHavePending()) {
            return;
        }
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // keep the scheduler alive: an unexpected error must not stop later deliveries
            LOG.warn("outbox delivery pass failed: {}", e.toString());
        }
    }

    private FlushResult deliverPending(boolean flush) {
        List<FlushResult.Delivered> delivered = new ArrayList<>();
        List<OutboxEntry> failedNow = new ArrayList<>();
        for (Path file : parts.queue().pendingFiles()) {
            Optional<JsonNode> json = OutboxFiles.read(file);
            if (json.isEmpty()) {
                continue; // deleted meanwhile
            }
            String queueId = json.get().path("queue_id").asText(OutboxQueue.baseName(file));
            DailyLog log;
            try {
                log = OutboxQueue.log(json.get());
            } catch (RuntimeException e) {
                parts.queue().moveToFailed(file, json.get(), "unreadable entry: " + e.getMessage())
                        .ifPresent(failedNow::add);
                continue;
            }
            try {
                delivered.add(deliver(file, queueId, json.get(), log));
            } catch (WorkLogException e) {
                parts.queue().attemptFailed(queueId, e.getMessage());
                if (e.isRetryable()) {
                    Duration wait = failed();
                    LOG.warn("outbox: store still unreachable ({}); next attempt in {} ms", e.getMessage(),
                            wait.toMillis());
                    break;
                }
                parts.queue().moveToFailed(file, json.get(), e.getMessage()).ifPresent(failedNow::add);
                parts.executionLog().error(ExecutionLog.DAILY_LOGGER, "the store refused queued daily log " + queueId
                        + " for good; kept in " + parts.queue().failedDirectory() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // an unexpected bug in a store: keep the entry pending and try again later
                parts.queue().attemptFailed(queueId, e.toString());
                failed();
                LOG.warn("outbox: delivering {} failed unexpectedly: {}", queueId, e.toString());
                break;
            }
        }
        if (flush && !delivered.isEmpty()) {
            LOG.info("outbox flush delivered {} entries", delivered.size());
        }
        return new FlushResult(delivered, parts.queue().pending(), failedNow);
    }

    private FlushResult.Delivered deliver(Path file, String queueId, JsonNode json, DailyLog log) {
        CrashPoints.reach("deliver.started");
        // an earlier attempt (the first create, a delivery cut short) may have landed: look before creating
        StoredRef ref = parts.store().ensureDailyLog(log);
        CrashPoints.reach("deliver.stored");
        String keyHash = json.path("idempotency_key_sha256").asText("");
        if (!keyHash.isEmpty()) {
            parts.idempotency().markStored(keyHash, ref);
        }
        CrashPoints.reach("deliver.idempotency-recorded");
        parts.queue().delivered(file, queueId);
        consecutiveFailures = 0;
        nextAttemptAt = Instant.MIN;
        parts.executionLog().success(ExecutionLog.DAILY_LOGGER, "delivered queued daily log " + queueId + " '"
                + log.title() + "' -> " + ref.id() + " " + ref.url());
        return new FlushResult.Delivered(queueId, ref.id(), ref.url());
    }

    /** The wait before the next background attempt after {@code failures} consecutive failed passes. */
    Duration backoff(int failures) {
        return backoff.backoff(failures);
    }

    /** Counts a failed pass and sets when the next background one may run; returns the wait. */
    private Duration failed() {
        consecutiveFailures++;
        Duration wait = backoff(consecutiveFailures);
        nextAttemptAt = parts.clock().instant().plus(wait);
        return wait;
    }
}
