package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EntryIds;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
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
 * <p>Thread-safe. Delivery passes hold a file lock ({@code delivery.lock}), so a CLI flush and a running server
 * can share one folder without delivering an entry twice.
 */
public final class Outbox implements WorkLogRepository {
    /** The variable naming the outbox folder, shared by the REST server and the CLI's {@code outbox} commands. */
    public static final String DIR_VARIABLE = "WORKLOG_OUTBOX_DIR";
    /** The outbox folder when {@link #DIR_VARIABLE} is unset: {@code worklog-outbox} in the working folder. */
    public static final String DEFAULT_DIR = "worklog-outbox";
    /** The variable saying whether the folder outlives the process ({@code true} unless set). */
    public static final String DURABLE_VARIABLE = "WORKLOG_OUTBOX_DURABLE";

    /** The longest accepted idempotency key, as the IETF draft suggests servers bound it. */
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final DateTimeFormatter ID_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path pendingDir;
    private final Path failedDir;
    private final IdempotencyStore idempotency;
    private final IntentJournal journal;
    private final WorkLogRepository delegate;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration pollInterval;
    private final ExecutionLog executionLog;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final boolean durableFolder;

    /** One delivery pass at a time, so the background deliverer and {@link #flush()} never send an entry twice. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    /** Idempotency keys (hashed) whose first request is still running. */
    private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();
    /** Attempts and last error per pending entry, for listing; lost on restart, which only resets the counters. */
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    /** Lets the background deliverer skip listing the folder when nothing is pending. */
    private final AtomicInteger pendingHint = new AtomicInteger();
    private volatile int consecutiveFailures;
    private volatile Instant nextAttemptAt = Instant.MIN;
    private volatile boolean started;
    private volatile boolean closed;

    private record Attempt(int count, String lastError) {
    }

    private Outbox(Builder b) {
        this.dir = b.dir.toAbsolutePath();
        this.pendingDir = dir.resolve("pending");
        this.failedDir = dir.resolve("failed");
        this.idempotency = new IdempotencyStore(dir);
        this.delegate = b.delegate;
        this.clock = b.clock;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.pollInterval = b.pollInterval;
        this.executionLog = b.executionLog;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler;
        this.durableFolder = b.durableFolder;
        try {
            Files.createDirectories(pendingDir);
            Files.createDirectories(failedDir);
            IdempotencyStore.createDirectory(dir);
            removeStaleTempFiles(pendingDir);
            removeStaleTempFiles(failedDir);
            removeStaleTempFiles(idempotency.directory());
            // creates of processes that died in flight become pending entries (delivered with a look-up first)
            this.journal = IntentJournal.open(dir, this::recoverIntent);
            pendingHint.set(listFiles(pendingDir).size());
        } catch (IOException | UncheckedIOException e) {
            throw new OutboxException("cannot open the outbox folder " + dir + ": " + e.getMessage(), e);
        }
        delegate.circuitBreaker().ifPresent(breaker -> breaker.onStateChange(this::recordBreaker));
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
     * The outbox folder a configuration names ({@value #DIR_VARIABLE}, default {@value #DEFAULT_DIR}).
     *
     * @throws dev.worklog.error.ConfigurationException when the value is not a valid path
     */
    public static Path directory(dev.worklog.config.WorkLogConfig config) {
        String value = config.get(DIR_VARIABLE, DEFAULT_DIR);
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new dev.worklog.error.ConfigurationException(DIR_VARIABLE + " is not a valid path: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a configuration says the outbox folder outlives the process ({@value #DURABLE_VARIABLE}, default
     * {@code true}).
     *
     * @throws dev.worklog.error.ConfigurationException when the value is not true or false
     */
    public static boolean durable(dev.worklog.config.WorkLogConfig config) {
        String value = config.get(DURABLE_VARIABLE, "true").toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new dev.worklog.error.ConfigurationException(DURABLE_VARIABLE + " must be true or false, got '"
                    + value + "'");
        }
        return value.equals("true");
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
        ScheduledExecutorService s = scheduler != null ? scheduler : newDaemonScheduler();
        startedScheduler = s;
        long pollMillis = Math.max(1, pollInterval.toMillis());
        s.scheduleWithFixedDelay(this::deliverInBackground, 0, pollMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private volatile ScheduledExecutorService startedScheduler;

    private static ScheduledExecutorService newDaemonScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worklog-outbox-deliverer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The outbox folder. */
    public Path directory() {
        return dir;
    }

    /** The store behind the outbox. */
    public WorkLogRepository delegate() {
        return delegate;
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
            return storeOrQueue(log.entryId() == null ? log.withEntryId(EntryIds.generate()) : log, null, null);
        }
        checkKey(idempotencyKey);
        DailyLog entry = log.withEntryId(EntryIds.fromIdempotencyKey(idempotencyKey));
        String keyHash = OutboxFiles.sha256(idempotencyKey);
        if (!inFlightKeys.add(keyHash)) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS);
        }
        try {
            String fingerprint = OutboxFiles.fingerprint(entry);
            Optional<JsonNode> previous = idempotency.read(keyHash);
            if (previous.isPresent()) {
                if (!fingerprint.equals(previous.get().path("fingerprint").asText())) {
                    throw new IdempotencyConflictException(IdempotencyConflictException.Reason.MISMATCH);
                }
                Submission replay = IdempotencyStore.replayOf(previous.get());
                return replay.entryId() != null ? replay : replay.withEntryId(entry.entryId());
            }
            return storeOrQueue(entry, keyHash, fingerprint);
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

    private Submission storeOrQueue(DailyLog log, String keyHash, String fingerprint) {
        if (closed) {
            throw new IllegalStateException("the outbox is closed");
        }
        String queueId = newQueueId();
        Optional<CircuitBreaker> breaker = delegate.circuitBreaker();
        if (breaker.isPresent() && !breaker.get().isClosed()) {
            if (!durableFolder) {
                // nothing to promise with: refuse now (503 with the time until the breaker's trial call)
                breaker.get().acquirePermission();
            }
            // the store is known to be failing: queue now instead of waiting out its retries
            String reason = "the store is failing (" + breaker.get().snapshot().describe() + ")";
            enqueue(log, queueId, keyHash, fingerprint, reason);
            logQueued(log, queueId, reason);
            return Submission.queued(queueId).withEntryId(log.entryId());
        }
        IntentJournal.Intent intent = null;
        if (delegate.durable()) {
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
            ref = delegate.saveDailyLog(log);
        } catch (WorkLogException e) {
            if (!e.isRetryable()) {
                done(intent); // refused for good: nothing was stored, nothing to recover
                throw e;
            }
            if (!durableFolder) {
                // the create may have landed, so the intent stays: a restart of this environment looks it up
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
                idempotency.record(keyHash, fingerprint, log.entryId(), stored, clock.instant());
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
        executionLog.info(ExecutionLog.DAILY_LOGGER, "store unreachable (" + reason + "); queued '" + log.title()
                + "' in the outbox as " + queueId);
    }

    /** Time of acceptance, then a counter (entries accepted in the same millisecond keep their order), then noise. */
    private String newQueueId() {
        return "q" + ID_STAMP.format(clock.instant()) + "-" + String.format("%04x%04x",
                queueSequence.incrementAndGet() & 0xffff, ThreadLocalRandom.current().nextInt() & 0xffff);
    }

    private final AtomicInteger queueSequence = new AtomicInteger();

    private ObjectNode intentRecord(DailyLog log, String queueId, String keyHash, String fingerprint) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", clock.instant().toString());
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
            n.put("fingerprint", fingerprint);
        }
        n.set("log", OutboxFiles.logToJson(log));
        return n;
    }

    /**
     * Writes a pending entry (and, with a key, its idempotency record as queued): durable when this returns.
     *
     * @throws OutboxException when it cannot be written
     */
    private void enqueue(DailyLog log, String queueId, String keyHash, String fingerprint, String reason) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", clock.instant().toString());
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
        }
        n.put("first_error", reason);
        n.set("log", OutboxFiles.logToJson(log));
        writePending(queueId, n, keyHash, fingerprint, log.entryId());
        attempts.put(queueId, new Attempt(0, reason));
    }

    private void writePending(String queueId, ObjectNode n, String keyHash, String fingerprint, String entryId) {
        Path file = pendingDir.resolve(queueId + ".json");
        boolean existed = Files.exists(file);
        try {
            OutboxFiles.writeDurably(file, bytes(n));
            if (keyHash != null) {
                idempotency.record(keyHash, fingerprint, entryId, Submission.queued(queueId), clock.instant());
            }
        } catch (UncheckedIOException e) {
            throw new OutboxException("the store is unreachable and the outbox cannot write " + queueId + ": "
                    + e.getMessage(), e);
        }
        if (!existed) {
            pendingHint.incrementAndGet();
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
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", intent.path("accepted_at").asText(clock.instant().toString()));
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
        }
        n.put("first_error", "the process stopped while the store was being called; the entry is looked up "
                + "before it is stored again");
        n.set("log", log);
        writePending(queueId, n, keyHash, intent.path("fingerprint").asText(""), log.path("entry_id").asText(null));
        LOG.info("outbox: recovered the interrupted create of entry {} as {}", log.path("entry_id").asText("?"),
                queueId);
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
        List<OutboxEntry> out = new ArrayList<>();
        for (Path file : listFiles(pendingDir)) {
            readEntry(file, false).ifPresent(out::add);
        }
        return out;
    }

    /** Entries the store refused for good, oldest first; they stay until a person removes the files. */
    public List<OutboxEntry> failed() {
        List<OutboxEntry> out = new ArrayList<>();
        for (Path file : listFiles(failedDir)) {
            readEntry(file, true).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Delivers every pending entry now, ignoring the backoff, waiting for a delivery pass already running. Stops at
     * the first retryable failure (the store is still down, so the rest would fail too).
     */
    @SuppressWarnings("try") // the lock is held by being open, not referenced
    public FlushResult flush() {
        deliveryLock.lock();
        try (java.nio.channels.FileChannel lockFile = lockChannel(); java.nio.channels.FileLock held = lockFile.lock()) {
            return deliverPending(true);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // another Outbox over the same folder in this JVM is delivering right now
            return new FlushResult(List.of(), pending(), List.of());
        } catch (IOException e) {
            throw new OutboxException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        } finally {
            deliveryLock.unlock();
        }
    }

    /**
     * The file locked (between processes) during a delivery pass, so that {@code worklog outbox flush} and a
     * running server never deliver the same entry twice.
     */
    private static final String LOCK_FILE = "delivery.lock";

    private java.nio.channels.FileChannel lockChannel() throws IOException {
        return java.nio.channels.FileChannel.open(dir.resolve(LOCK_FILE), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
    }

    /**
     * One background delivery pass, done now on the calling thread: delivers pending entries if the backoff after
     * the last failure has passed (by the outbox's clock). The background deliverer calls this; tests call it with
     * a controlled clock instead of waiting. Returns at once with nothing delivered when another pass is running.
     */
    @SuppressWarnings("try") // the lock is held by being open, not referenced
    public FlushResult deliverDue() {
        if (!deliveryLock.tryLock()) {
            return new FlushResult(List.of(), List.of(), List.of());
        }
        try (java.nio.channels.FileChannel lockFile = lockChannel()) {
            if (clock.instant().isBefore(nextAttemptAt)) {
                return new FlushResult(List.of(), pending(), List.of());
            }
            java.nio.channels.FileLock held;
            try {
                held = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null; // another Outbox over the same folder in this JVM
            }
            if (held == null) {
                return new FlushResult(List.of(), List.of(), List.of()); // another process is delivering
            }
            try (java.nio.channels.FileLock lock = held) {
                return deliverPending(false);
            }
        } catch (IOException e) {
            throw new OutboxException("cannot lock " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        } finally {
            deliveryLock.unlock();
        }
    }

    private void deliverInBackground() {
        if (closed || pendingHint.get() <= 0) {
            return;
        }
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // keep the scheduler alive: an unexpected error must not stop later deliveries
            LOG.warn("outbox delivery pass failed: {}", e.toString());
        }
    }

    /** The time before the next background attempt after {@code failures} consecutive failures. */
    Duration backoff(int failures) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < failures && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private FlushResult deliverPending(boolean flush) {
        List<FlushResult.Delivered> delivered = new ArrayList<>();
        List<OutboxEntry> failedNow = new ArrayList<>();
        List<Path> files = listFiles(pendingDir);
        pendingHint.set(files.size());
        int index = 0;
        for (; index < files.size(); index++) {
            Path file = files.get(index);
            Optional<JsonNode> json = OutboxFiles.readJson(file);
            if (json.isEmpty()) {
                continue; // deleted meanwhile
            }
            String queueId = json.get().path("queue_id").asText(baseName(file));
            DailyLog log;
            try {
                log = OutboxFiles.logFromJson(json.get().path("log"));
            } catch (RuntimeException e) {
                moveToFailed(file, json.get(), "unreadable entry: " + e.getMessage());
                readEntry(failedDir.resolve(file.getFileName()), true).ifPresent(failedNow::add);
                continue;
            }
            try {
                CrashPoints.reach("deliver.started");
                // an earlier attempt (the first create, a delivery cut short) may have landed: look before creating
                StoredRef ref = delegate.ensureDailyLog(log);
                CrashPoints.reach("deliver.stored");
                String keyHash = json.get().path("idempotency_key_sha256").asText("");
                if (!keyHash.isEmpty()) {
                    idempotency.markStored(keyHash, ref);
                }
                CrashPoints.reach("deliver.idempotency-recorded");
                // not forced: a file that comes back after a power cut is looked up and found, not stored again
                OutboxFiles.delete(file);
                attempts.remove(queueId);
                pendingHint.decrementAndGet();
                consecutiveFailures = 0;
                nextAttemptAt = Instant.MIN;
                delivered.add(new FlushResult.Delivered(queueId, ref.id(), ref.url()));
                executionLog.success(ExecutionLog.DAILY_LOGGER, "delivered queued daily log " + queueId + " '"
                        + log.title() + "' -> " + ref.id() + " " + ref.url());
            } catch (WorkLogException e) {
                Attempt a = attempts.getOrDefault(queueId, new Attempt(0, null));
                attempts.put(queueId, new Attempt(a.count() + 1, e.getMessage()));
                if (e.isRetryable()) {
                    consecutiveFailures++;
                    Duration wait = backoff(consecutiveFailures);
                    nextAttemptAt = clock.instant().plus(wait);
                    LOG.warn("outbox: store still unreachable ({}); next attempt in {} ms", e.getMessage(),
                            wait.toMillis());
                    break;
                }
                moveToFailed(file, json.get(), e.getMessage());
                readEntry(failedDir.resolve(file.getFileName()), true).ifPresent(failedNow::add);
                executionLog.error(ExecutionLog.DAILY_LOGGER, "the store refused queued daily log " + queueId
                        + " for good; kept in " + failedDir + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // an unexpected bug in a store: keep the entry pending and try again later
                Attempt a = attempts.getOrDefault(queueId, new Attempt(0, null));
                attempts.put(queueId, new Attempt(a.count() + 1, e.toString()));
                consecutiveFailures++;
                nextAttemptAt = clock.instant().plus(backoff(consecutiveFailures));
                LOG.warn("outbox: delivering {} failed unexpectedly: {}", queueId, e.toString());
                break;
            }
        }
        if (flush && !delivered.isEmpty()) {
            LOG.info("outbox flush delivered {} entries", delivered.size());
        }
        return new FlushResult(delivered, pending(), failedNow);
    }

    private void moveToFailed(Path file, JsonNode json, String reason) {
        ObjectNode copy = json.isObject() ? ((ObjectNode) json).deepCopy() : Json.MAPPER.createObjectNode();
        copy.put("failed_at", clock.instant().toString());
        copy.put("last_error", reason == null ? "" : reason);
        Path target = failedDir.resolve(file.getFileName());
        OutboxFiles.writeDurably(target, bytes(copy));
        OutboxFiles.deleteDurably(file);
        pendingHint.decrementAndGet();
        attempts.remove(baseName(file));
    }

    private Optional<OutboxEntry> readEntry(Path file, boolean failed) {
        Optional<JsonNode> json = OutboxFiles.readJson(file);
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
                    OutboxFiles.logFromJson(n.path("log")), a.count(), lastError, failed));
        } catch (RuntimeException e) {
            LOG.warn("outbox: cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static List<Path> listFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new OutboxException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void removeStaleTempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                // a temp file is never acknowledged: the rename had not happened, so no client was told "queued"
                Files.deleteIfExists(p);
            }
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private static byte[] bytes(JsonNode n) {
        return (Json.write(n) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    // --- pass-through: only daily-log writes are queued; roll-ups are regenerated on the next run anyway ---

    /** The store's: it looks the entry id up and stores the entry only when absent; nothing is queued. */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        return delegate.ensureDailyLog(log);
    }

    /** The store's breaker, whose state decides whether new entries are queued at once. */
    @Override
    public Optional<CircuitBreaker> circuitBreaker() {
        return delegate.circuitBreaker();
    }

    /**
     * The store's breaker as last recorded in {@code breaker.json} by any process using this folder (a running
     * server writes it on every change of state), for {@code doctor} and operators.
     */
    public Optional<JsonNode> recordedBreakerState() {
        return OutboxFiles.readJson(dir.resolve(BREAKER_FILE));
    }

    private void recordBreaker(CircuitBreaker.Snapshot s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("service", s.service());
        n.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        n.put("since", s.since().toString());
        if (s.openUntil() != null) {
            n.put("open_until", s.openUntil().toString());
        }
        n.put("consecutive_failures", s.consecutiveFailures());
        n.put("description", s.describe());
        n.put("recorded_at", clock.instant().toString());
        n.put("pid", ProcessHandle.current().pid());
        try {
            // informational: written atomically, not forced
            Path tmp = dir.resolve("." + BREAKER_FILE + ".tmp");
            Files.write(tmp, bytes(n));
            Files.move(tmp, dir.resolve(BREAKER_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.debug("cannot record the breaker state: {}", e.toString());
        }
    }

    /** The file the store's breaker state is recorded in. */
    static final String BREAKER_FILE = "breaker.json";

    @Override
    public String describe() {
        return delegate.describe() + " (outbox at " + dir + ")";
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        return delegate.findDailyLogs(period, statuses);
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        return delegate.findWeekly(period);
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        return delegate.findWeeklies(overlapping);
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        return delegate.upsertWeekly(rollup);
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        return delegate.findMonthly(month);
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        return delegate.findMonthlies(overlapping);
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        return delegate.upsertMonthly(rollup);
    }

    @Override
    public Map<String, Object> previewDailyLog(DailyLog log) {
        return delegate.previewDailyLog(log);
    }

    @Override
    public Optional<List<dev.worklog.model.EditStamp>> findDailyLogStamps(Period period, Set<String> statuses) {
        return delegate.findDailyLogStamps(period, statuses);
    }

    @Override
    public WeeklyRollup asStored(WeeklyRollup rollup) {
        return delegate.asStored(rollup);
    }

    @Override
    public MonthlyRollup asStored(MonthlyRollup rollup) {
        return delegate.asStored(rollup);
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
        ScheduledExecutorService s = startedScheduler;
        if (s != null && ownsScheduler) {
            s.shutdown();
            try {
                s.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
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

        /** Wait after the first failed background attempt (default 2 s); doubled per failure up to the maximum. */
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
         * Whether the folder outlives the process (default). When it does not (AWS Lambda's {@code /tmp}), an entry
         * the store cannot take now is not queued with a promise the folder cannot keep: the store's error is
         * thrown ({@link dev.worklog.error.CircuitOpenException}, a 503 with {@code Retry-After}, once its breaker
         * is open), so the client retries with its key.
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
