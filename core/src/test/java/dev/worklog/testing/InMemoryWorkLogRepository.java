package dev.worklog.testing;

import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.TransportException;
import dev.worklog.error.UpstreamError;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.spi.WorkLogRepository;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A thread-safe in-memory store for tests and benchmarks: zero latency, with switches to make it unreachable
 * (retryable failure), make it refuse writes for good, or block writes until released.
 */
public final class InMemoryWorkLogRepository implements WorkLogRepository {
    private final List<DailyLog> logs = new CopyOnWriteArrayList<>();
    private final Map<Period, WeeklyRollup> weeklies = new ConcurrentHashMap<>();
    private final Map<YearMonth, MonthlyRollup> monthlies = new ConcurrentHashMap<>();
    private final Map<ReviewPeriod, ReviewPacket> reviews = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger saveAttempts = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean keepLogs = true;
    private final java.util.concurrent.Semaphore saved = new java.util.concurrent.Semaphore(0);
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final Map<String, StoredRef> byEntryId = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile dev.worklog.http.CircuitBreaker breaker;

    /** Saves now fail with a retryable transport error (as a store that stays down after its retries). */
    public InMemoryWorkLogRepository down() {
        failure = () -> new TransportException("memory store request failed: connection refused",
                new UpstreamError("memory", 0, "", "connection refused", "req-down-1", null, ""), null);
        return this;
    }

    /** Saves now fail with the given exception. */
    public InMemoryWorkLogRepository failWith(Supplier<RuntimeException> value) {
        failure = value;
        return this;
    }

    /** Saves now fail for good (a non-retryable refusal). */
    public InMemoryWorkLogRepository refusing() {
        failure = () -> new InvalidRequestException("memory store refused the entry");
        return this;
    }

    /** Saves succeed again. */
    public InMemoryWorkLogRepository up() {
        failure = null;
        return this;
    }

    /** Saves block until {@link #release()}; {@link #awaitEntered} tells when the next one is blocked. */
    public InMemoryWorkLogRepository blocking() {
        entered = new CountDownLatch(1); // awaitEntered now waits for a save that arrives after this call
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets blocked saves go on. */
    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until a save has started (and, when blocking, is blocked). */
    public boolean awaitEntered(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits until {@code n} more saves have succeeded. */
    public boolean awaitSaved(int n, long seconds) throws InterruptedException {
        return saved.tryAcquire(n, seconds, TimeUnit.SECONDS);
    }

    /** Forget stored logs (for long benchmarks that only count). */
    public InMemoryWorkLogRepository discardLogs() {
        keepLogs = false;
        return this;
    }

    /** Daily logs stored. */
    public List<DailyLog> dailyLogs() {
        return List.copyOf(logs);
    }

    /** Every write the store accepted, in order: {@code daily <id>}, {@code weekly <id>}, {@code monthly <id>}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Weekly roll-ups stored. */
    public int weeklyCount() {
        return weeklies.size();
    }

    /** Calls of {@link #saveDailyLog}, successful or not. */
    public int saveAttempts() {
        return saveAttempts.get();
    }

    @Override
    public String describe() {
        return "in-memory store";
    }

    /** Durable unless told otherwise: tests of the intent journal use it as a stand-in for a real store. */
    private volatile boolean durable = true;

    /** Declares the store non-durable (what the benchmark's zero-latency store is): the outbox keeps no intents. */
    public InMemoryWorkLogRepository forgetful() {
        durable = false;
        return this;
    }

    @Override
    public boolean durable() {
        return durable;
    }

    /** Saves ask this breaker first and report to it, as a remote store's HTTP calls do. */
    public InMemoryWorkLogRepository breaker(dev.worklog.http.CircuitBreaker value) {
        breaker = value;
        return this;
    }

    @Override
    public Optional<dev.worklog.http.CircuitBreaker> circuitBreaker() {
        return Optional.ofNullable(breaker);
    }

    /** Calls of {@link #ensureDailyLog}: look-ups by entry id. */
    public int lookups() {
        return lookups.get();
    }

    /** Looks the entry id up, as a store that records entry ids does; stores the log when it is absent. */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        lookups.incrementAndGet();
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        StoredRef found = log.entryId() == null ? null : byEntryId.get(log.entryId());
        return found != null ? found : saveDailyLog(log);
    }

    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        dev.worklog.http.CircuitBreaker b = breaker;
        if (b == null) {
            return save(log);
        }
        b.acquirePermission();
        try {
            StoredRef ref = save(log);
            b.onSuccess();
            return ref;
        } catch (RuntimeException e) {
            b.onFailure(e.getMessage());
            throw e;
        }
    }

    private StoredRef save(DailyLog log) {
        saveAttempts.incrementAndGet();
        entered.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        String id = "mem-" + ids.incrementAndGet();
        StoredRef ref = new StoredRef(id, "memory://daily/" + id);
        if (log.entryId() != null && keepLogs) {
            byEntryId.put(log.entryId(), ref);
        }
        if (keepLogs) {
            // a benchmark discards logs to keep memory flat; the write record would grow just the same
            logs.add(log.withStored(ref.id(), ref.url()));
            writes.add("daily " + id);
        }
        saved.release();
        return ref;
    }

    /** Adds a log directly, bypassing failure switches (to seed data for roll-ups). */
    public DailyLog seed(DailyLog log) {
        String id = "mem-" + ids.incrementAndGet();
        DailyLog stored = log.withStored(id, "memory://daily/" + id);
        logs.add(stored);
        return stored;
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        List<DailyLog> out = new ArrayList<>();
        for (DailyLog l : logs) {
            if (period.contains(l.loggedDate()) && (statuses.isEmpty() || statuses.contains(l.status()))) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparing(DailyLog::loggedDate));
        return out;
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        return Optional.ofNullable(weeklies.get(period));
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        return weeklies.values().stream().filter(w -> w.period().overlaps(overlapping))
                .sorted(Comparator.comparing(w -> w.period().start())).toList();
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        String id = "week-" + rollup.period().start();
        StoredRef ref = new StoredRef(id, "memory://weekly/" + id);
        weeklies.put(rollup.period(), rollup.withStored(ref.id(), ref.url()));
        writes.add("weekly " + id);
        return ref;
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        return Optional.ofNullable(monthlies.get(month));
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        return monthlies.values().stream().filter(m -> Period.of(m.month()).overlaps(overlapping)).toList();
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        String id = "month-" + rollup.month();
        StoredRef ref = new StoredRef(id, "memory://monthly/" + id);
        monthlies.put(rollup.month(), rollup.withStored(ref.id(), ref.url()));
        writes.add("monthly " + id);
        return ref;
    }

    @Override
    public Optional<ReviewPacket> findReview(ReviewPeriod period) {
        return Optional.ofNullable(reviews.get(period));
    }

    @Override
    public StoredRef upsertReview(ReviewPacket packet) {
        String id = "review-" + packet.period().fileName();
        StoredRef ref = new StoredRef(id, "memory://reviews/" + id);
        reviews.put(packet.period(), packet.withStored(ref.id(), ref.url()));
        writes.add("review " + id);
        return ref;
    }
}
