package dev.worklog.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
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
 * <p><b>Guarantees.</b> An entry is acknowledged as queued only after its file and the folder entry are forced to
 * disk. A pending file is deleted only after the store confirmed the write, so delivery is at least once; the
 * one window for a duplicate is a crash between the store's confirmation and the deletion. The same idempotency key
 * maps to one result ({@code idempotency/<sha256(key)>.json}), also across restarts; the key itself is never
 * written, only its hash. Entries the store refuses for good (e.g. a deleted database) move to {@code failed/} and
 * are listed by {@link #failed()}; nothing is deleted without having been delivered.
 *
 * <p>Thread-safe. Delivery passes hold a file lock ({@code delivery.lock}), so a CLI flush and a running server
 * can share one folder without delivering an entry twice.
 */
public final class Outbox implements WorkLogRepository {
    /** The variable naming the outbox folder, shared by the REST server and the CLI's {@code outbox} commands. */
    public static final String DIR_VARIABLE = "WORKLOG_OUTBOX_DIR";
    /** The outbox folder when {@link #DIR_VARIABLE} is unset: {@code worklog-outbox} in the working folder. */
    public static final String DEFAULT_DIR = "worklog-outbox";

    /** The longest accepted idempotency key, as the IETF draft suggests servers bound it. */
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final DateTimeFormatter ID_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path pendingDir;
    private final Path failedDir;
    private final Path idempotencyDir;
    private final WorkLogRepository delegate;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration pollInterval;
    private final ExecutionLog executionLog;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;

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
        this.idempotencyDir = dir.resolve("idempotency");
        this.delegate = b.delegate;
        this.clock = b.clock;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.pollInterval = b.pollInterval;
        this.executionLog = b.executionLog;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler;
        try {
            Files.createDirectories(pendingDir);
            Files.createDirectories(failedDir);
            Files.createDirectories(idempotencyDir);
            removeStaleTempFiles(pendingDir);
            removeStaleTempFiles(failedDir);
            removeStaleTempFiles(idempotencyDir);
            pendingHint.set(listFiles(pendingDir).size());
        } catch (IOException | UncheckedIOException e) {
            throw new OutboxException("cannot open the outbox folder " + dir + ": " + e.getMessage(), e);
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
     * Stores a daily log, or queues it when the store is unreachable.
     *
     * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}; the same key with the same entry
     *     returns the first result again (marked {@link Submission#replayed()}) and stores nothing
     * @throws IdempotencyConflictException when the key was used with a different entry, or its first request is
     *     still running
     * @throws IllegalArgumentException when the key is empty, longer than {@value #MAX_KEY_LENGTH} characters or
     *     not printable ASCII
     * @throws WorkLogException when the store refuses the entry for good (not retryable): nothing is queued
     * @throws OutboxException when the store is unreachable and the entry cannot be written to disk either
     */
    public Submission submit(DailyLog log, String idempotencyKey) {
        Objects.requireNonNull(log, "log");
        if (idempotencyKey == null) {
            return storeOrQueue(log, null);
        }
        checkKey(idempotencyKey);
        String keyHash = OutboxFiles.sha256(idempotencyKey);
        if (!inFlightKeys.add(keyHash)) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS);
        }
        try {
            String fingerprint = OutboxFiles.fingerprint(log);
            Optional<JsonNode> previous = readJson(idempotencyFile(keyHash));
            if (previous.isPresent()) {
                if (!fingerprint.equals(previous.get().path("fingerprint").asText())) {
                    throw new IdempotencyConflictException(IdempotencyConflictException.Reason.MISMATCH);
                }
                return submissionOf(previous.get()).asReplay();
            }
            Submission result = storeOrQueue(log, keyHash);
            writeIdempotency(keyHash, fingerprint, result);
            return result;
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

    private Submission storeOrQueue(DailyLog log, String keyHash) {
        if (closed) {
            throw new IllegalStateException("the outbox is closed");
        }
        try {
            return Submission.stored(delegate.saveDailyLog(log));
        } catch (WorkLogException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            String queueId = enqueue(log, keyHash, e.getMessage());
            LOG.warn("store unreachable ({}); daily log queued as {}", e.getMessage(), queueId);
            executionLog.info(ExecutionLog.DAILY_LOGGER, "store unreachable (" + e.getMessage() + "); queued '"
                    + log.title() + "' in the outbox as " + queueId);
            return Submission.queued(queueId);
        }
    }

    private String enqueue(DailyLog log, String keyHash, String reason) {
        Instant now = clock.instant();
        String queueId = "q" + ID_STAMP.format(now) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queue_id", queueId);
        n.put("accepted_at", now.toString());
        if (keyHash != null) {
            n.put("idempotency_key_sha256", keyHash);
        }
        n.put("first_error", reason);
        n.set("log", OutboxFiles.logToJson(log));
        try {
            OutboxFiles.writeDurably(pendingDir.resolve(queueId + ".json"), bytes(n));
        } catch (UncheckedIOException e) {
            throw new OutboxException("the store is unreachable and the outbox cannot write " + queueId + ": "
                    + e.getMessage(), e);
        }
        attempts.put(queueId, new Attempt(0, reason));
        pendingHint.incrementAndGet();
        return queueId;
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
            Optional<JsonNode> json = readJson(file);
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
                StoredRef ref = delegate.saveDailyLog(log);
                String keyHash = json.get().path("idempotency_key_sha256").asText("");
                if (!keyHash.isEmpty()) {
                    updateIdempotency(keyHash, ref);
                }
                OutboxFiles.deleteDurably(file);
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
        Optional<JsonNode> json = readJson(file);
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

    private Path idempotencyFile(String keyHash) {
        return idempotencyDir.resolve(keyHash + ".json");
    }

    private void writeIdempotency(String keyHash, String fingerprint, Submission s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("key_sha256", keyHash);
        n.put("fingerprint", fingerprint);
        n.put("created_at", clock.instant().toString());
        putResult(n, s.status(), s.ref(), s.queueId());
        try {
            OutboxFiles.writeDurably(idempotencyFile(keyHash), bytes(n));
        } catch (UncheckedIOException e) {
            // the entry itself is safe (stored or queued); only a retry could now duplicate it
            LOG.warn("outbox: cannot remember the idempotency key: {}", e.getMessage());
        }
    }

    private void updateIdempotency(String keyHash, StoredRef ref) {
        Optional<JsonNode> previous = readJson(idempotencyFile(keyHash));
        if (previous.isEmpty() || !previous.get().isObject()) {
            return;
        }
        ObjectNode n = ((ObjectNode) previous.get()).deepCopy();
        putResult(n, Submission.Status.STORED, ref, n.path("queue_id").asText(null));
        OutboxFiles.writeDurably(idempotencyFile(keyHash), bytes(n));
    }

    private static void putResult(ObjectNode n, Submission.Status status, StoredRef ref, String queueId) {
        n.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        if (ref != null) {
            n.put("page_id", ref.id());
            n.put("url", ref.url());
        }
        if (queueId != null) {
            n.put("queue_id", queueId);
        }
    }

    private static Submission submissionOf(JsonNode n) {
        if ("stored".equals(n.path("status").asText())) {
            return Submission.stored(new StoredRef(n.path("page_id").asText(), n.path("url").asText()));
        }
        return Submission.queued(n.path("queue_id").asText());
    }

    private static Optional<JsonNode> readJson(Path file) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OutboxException("cannot read " + file + ": " + e.getMessage(), e);
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
