package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.RetryPolicy;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EntryIds;
import dev.worklog.model.StoredRef;
import dev.worklog.spi.WorkLogRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WorkLogRepository} decorator that never loses a daily log it accepted. Writes go straight to the
 * store; when the store still fails with a retryable error after its own retries (Notion down, a timeout, a rate
 * limit that outlasted the retry budget), the entry is written to a local folder and delivered later, with
 * backoff, by a background deliverer, also after a restart. Reads and roll-ups pass straight through.
 *
 * <pre>{@code
 * Outbox outbox = Outbox.builder(Path.of("worklog-outbox"), store).executionLog(log).build().start();
 * WorkLogger logger = WorkLogger.builder().repository(outbox).build();
 * Submission s = outbox.submit(entry, request.header("Idempotency-Key"));
 * if (s.status() == Submission.Status.QUEUED) { ... answer 202 with s.queueId() ... }
 * }</pre>
 *
 * <p><b>Guarantees.</b> Every entry carries an entry id ({@link dev.worklog.model.EntryIds}): the
 * {@code Idempotency-Key}'s when one is given, else the one made when it was captured. Before the store is called,
 * the intent (entry id and payload) is forced to disk in the {@link IntentJournal}; a create whose outcome is
 * unknown (a crash, a lost answer, a failure after the store's own retries) becomes a pending entry, and every
 * delivery asks the store for the entry id first ({@link WorkLogRepository#ensureDailyLog}), so an earlier attempt
 * that landed is found, not repeated. An entry is acknowledged as queued only after its file and the folder entry
 * are forced to disk; a pending file is deleted only after the store confirmed the write. With a store that looks
 * entry ids up (Notion, the local store), a crash at any step leaves the entry stored exactly once. The same
 * idempotency key maps to one result ({@code idempotency/<sha256(key)>.json}), also across restarts; the key itself
 * is never written, only its hash. Entries the store refuses for good (e.g. a deleted database) move to
 * {@code failed/} and are listed by {@link #failed()}; nothing is deleted without having been delivered.
 *
 * <p><b>Failing fast.</b> When the store's {@link WorkLogRepository#circuitBreaker() circuit breaker} is not closed
 * (the store is known to be failing), a new entry is queued at once instead of waiting out the store's retries.
 *
 * <p>Thread-safe. The work is shared out: the {@link IntentJournal} (creates in flight), the {@link OutboxQueue}
 * (pending and failed files), the {@link IdempotencyStore} (results per key) and the {@link Deliverer} (delivery
 * passes, which hold a file lock, {@code delivery.lock}, so a CLI flush and a running server can share one folder
 * without delivering an entry twice).
 */
public final class Outbox extends ForwardingRepository {
    /**
     * The variable naming the outbox folder, shared by the REST server and the CLI's {@code outbox} commands; default
     * {@code outbox} under {@code WORKLOG_DATA_DIR} ({@link OutboxLocation}).
     */
    public static final String DIR_VARIABLE = "WORKLOG_OUTBOX_DIR";
    /**
     * The variable saying whether the folder outlives the process and the machine: {@code true}, {@code false} or
     * {@code auto} (the default: {@link OutboxLocation} decides from where the process runs).
     */
    public static final String DURABLE_VARIABLE = "WORKLOG_OUTBOX_DURABLE";

    /** The longest accepted idempotency key, as the IETF draft suggests servers bound it. */
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Path dir;
    private final OutboxQueue queue;
    private final IdempotencyStore idempotency;
    private final Intake intake;
    private final Deliverer deliverer;
    private final WorkLogRepository delegate;
    private final BreakerFile breakerFile;
    private final Clock clock;
    private final Duration pollInterval;
    private final ExecutionLog executionLog;
    private final ScheduledExecutorService scheduler;
    private final boolean durableFolder;
    /** Idempotency keys (hashed) whose first request is still running. */
    private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();
    private volatile boolean started;
    private volatile boolean closed;

    private Outbox(Builder b) {
        super(b.delegate);
        this.dir = b.dir.toAbsolutePath();
        this.idempotency = new IdempotencyStore(dir);
        this.delegate = b.delegate;
        this.clock = b.clock;
        this.pollInterval = b.pollInterval;
        this.executionLog = b.executionLog;
        this.scheduler = b.scheduler;
        this.durableFolder = b.durableFolder;
        try {
            // a folder that cannot keep entries is not written at all; one left by an earlier run is still delivered
            this.queue = new OutboxQueue(dir, clock, durableFolder);
            if (durableFolder) {
                IdempotencyStore.createDirectory(dir);
            }
            OutboxParts parts = new OutboxParts(dir, delegate, queue, idempotency, clock, executionLog);
            this.intake = new Intake(parts, durableFolder);
            this.deliverer = new Deliverer(parts, RetryPolicy.builder().initialBackoff(b.initialBackoff)
                    .maxBackoff(b.maxBackoff).jitter(0).build());
        } catch (IOException | UncheckedIOException e) {
            throw new OutboxException("cannot open the outbox folder " + dir + ": " + e.getMessage(), e);
        }
        this.breakerFile = new BreakerFile(dir, clock);
        if (durableFolder) {
            delegate.circuitBreaker().ifPresent(breaker -> breaker.onStateChange(breakerFile::record));
        }
    }

    /**
     * An outbox over {@code dir} with defaults and no background delivery: what a CLI needs to list or flush. Call
     * {@link #start()} to deliver in the background.
     *
     * @throws OutboxException when the folder cannot be created or read
     */
    public static Outbox open(Path dir, WorkLogRepository delegate) {
        return builder(dir, delegate).build();
    }

    /**
     * The outbox folder a configuration names ({@link OutboxLocation#directory}).
     *
     * @throws dev.worklog.error.ConfigurationException when the value is not a valid path
     */
    public static Path directory(dev.worklog.config.WorkLogConfig config) {
        return OutboxLocation.directory(config);
    }

    /** A builder for an outbox in {@code dir} in front of {@code delegate}. */
    public static Builder builder(Path dir, WorkLogRepository delegate) {
        return new Builder(dir, delegate);
    }

    /**
     * Starts the background deliverer: pending entries (from an earlier run too) are tried at once, then every
     * poll interval once their backoff has passed. Idempotent.
     *
     * @return this outbox
     */
    public synchronized Outbox start() {
        if (started || closed) {
            return this;
        }
        started = true;
        deliverer.start(scheduler, pollInterval);
        return this;
    }

    /** The outbox folder. */
    public Path directory() {
        return dir;
    }

    /** Whether it may queue entries (its folder is durable); else it stores at once or refuses. */
    public boolean durableFolder() {
        return durableFolder;
    }

    /**
     * Stores a daily log, or queues it when the store is unreachable or known to be failing.
     *
     * @param log the entry; its entry id is replaced by the key's ({@link EntryIds#fromIdempotencyKey}) when a key
     *     is given, and a fresh one is made when it has none
     * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}; the same key with the same entry
     *     returns the first result again (marked {@link Submission#replayed()}) and stores nothing
     * @throws IdempotencyConflictException when the key was used with a different entry, or its first request is
     *     still running
     * @throws IllegalArgumentException when the key is empty, longer than {@value #MAX_KEY_LENGTH} characters or
     *     not printable ASCII
     * @throws WorkLogException when the store refuses the entry for good (not retryable): nothing is queued
     * @throws OutboxException when the entry cannot be written to disk (the intent journal or the outbox)
     */
    public Submission submit(DailyLog log, String idempotencyKey) {
        Objects.requireNonNull(log, "log");
        if (idempotencyKey == null) {
            return intake.storeOrQueue(log.entryId() == null ? log.withEntryId(EntryIds.generate()) : log, null, null);
        }
        checkKey(idempotencyKey);
        DailyLog entry = log.withEntryId(EntryIds.fromIdempotencyKey(idempotencyKey));
        String keyHash = IdempotencyStore.keyHash(idempotencyKey);
        if (!inFlightKeys.add(keyHash)) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS);
        }
        try {
            String fingerprint = IdempotencyStore.fingerprint(entry);
            Optional<JsonNode> previous = idempotency.read(keyHash);
            if (previous.isPresent()) {
                if (!fingerprint.equals(previous.get().path("fingerprint").asText())) {
                    throw new IdempotencyConflictException(IdempotencyConflictException.Reason.MISMATCH);
                }
                Submission replay = IdempotencyStore.replayOf(previous.get());
                return replay.entryId() != null ? replay : replay.withEntryId(entry.entryId());
            }
            return intake.storeOrQueue(entry, keyHash, fingerprint);
        } finally {
            inFlightKeys.remove(keyHash);
        }
    }

    /** Checks a key the way {@link #submit} does; callers use it to answer 400 before doing any work. */
    public static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Idempotency-Key must be printable ASCII");
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws QueuedException when the store is unreachable and the entry was queued instead (it is safe on disk)
     */
    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        Submission s = submit(log, null);
        if (s.status() == Submission.Status.QUEUED) {
            throw new QueuedException(s.queueId(), null);
        }
        return s.ref();
    }

    /** Entries waiting for delivery, oldest first. */
    public List<OutboxEntry> pending() {
        return queue.pending();
    }

    /** Entries the store refused for good, oldest first; they stay until a person removes the files. */
    public List<OutboxEntry> failed() {
        return queue.failed();
    }

    /**
     * Delivers every pending entry now, ignoring the backoff, waiting for a delivery pass already running. Stops at
     * the first retryable failure (the store is still down, so the rest would fail too).
     */
    public FlushResult flush() {
        return deliverer.flush(); // nothing to do for a non-durable outbox that never had a folder
    }

    /**
     * One background delivery pass, done now on the calling thread: delivers pending entries if the backoff after
     * the last failure has passed (by the outbox's clock). The background deliverer calls this; tests call it with
     * a controlled clock instead of waiting. Returns at once with nothing delivered when another pass is running.
     */
    public FlushResult deliverDue() {
        return deliverer.deliverDue();
    }

    /** The time before the next background attempt after {@code failures} consecutive failures. */
    Duration backoff(int failures) {
        return deliverer.backoff(failures);
    }

    /**
     * The store's breaker as last recorded in {@code breaker.json} by any process using this folder (a running
     * server writes it on every change of state), for {@code doctor} and operators.
     */
    public Optional<JsonNode> recordedBreakerState() {
        return breakerFile.read();
    }

    @Override
    public String describe() {
        return delegate.describe() + " (outbox at " + dir + ")";
    }

    /**
     * Stops the background deliverer (waiting for a pass in progress) and closes the store. Pending entries stay on
     * disk for the next start; call {@link #flush()} first to try them now.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        deliverer.stop();
        intake.close();
        delegate.close();
    }

    /** Builds an {@link Outbox}. */
    public static final class Builder {
        private final Path dir;
        private final WorkLogRepository delegate;
        private Clock clock = Clock.systemUTC();
        private Duration initialBackoff = Duration.ofSeconds(2);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private ExecutionLog executionLog = ExecutionLog.disabled();
        private ScheduledExecutorService scheduler;
        private boolean durableFolder = true;

        private Builder(Path dir, WorkLogRepository delegate) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** The clock backoff is measured with; tests pass a controllable one. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Wait after the first failed background attempt (default 2 s); doubled per failure up to the maximum
         * ({@link RetryPolicy#backoff}, without jitter).
         */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = positive(value, "initialBackoff");
            return this;
        }

        /** Longest wait between background attempts (default 5 minutes). */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
            return this;
        }

        /** How often the background deliverer looks whether an attempt is due (default 1 s). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /**
         * Whether the folder outlives the process and the machine (default; {@link OutboxLocation} tells from a
         * configuration). When it does not (AWS Lambda's {@code /tmp}, a tmpfs, a container's own layer), nothing is
         * written to it and nothing is promised: an entry is stored at once (looked up by its entry id first when it
         * has an idempotency key, so that a client's retry of a create whose answer was lost finds it), or refused
         * with a {@link NotQueuedException} (503 with {@code Retry-After}) when the store cannot take it now, and
         * the client's retry with its key is the durable path. Entries an earlier run left in the folder are still
         * delivered.
         */
        public Builder durableFolder(boolean value) {
            this.durableFolder = value;
            return this;
        }

        /** Where queued and delivered entries are recorded (component {@code daily_logger}). */
        public Builder executionLog(ExecutionLog value) {
            this.executionLog = Objects.requireNonNull(value, "executionLog");
            return this;
        }

        /**
         * The executor the background deliverer runs on; by default a daemon thread of its own. One passed in is
         * not shut down by {@link Outbox#close()}: tests pass one they drive by hand.
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Opens the outbox (creating its folders).
         *
         * @throws OutboxException when the folder cannot be created or read
         */
        public Outbox build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
            }
            return new Outbox(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
