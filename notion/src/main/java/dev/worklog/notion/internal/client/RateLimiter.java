package dev.worklog.notion.internal.client;

import dev.worklog.error.TransportException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket: {@code rate} requests per second on average, up to {@code burst} at once. Callers reserve a slot
 * under the lock and wait outside it, so concurrent callers queue in arrival order instead of all waking together.
 *
 * <p>The bucket holds one request less than the burst allowed (when the burst is above 1): requests reach the server
 * a little later or earlier than they leave, and that headroom absorbs up to one request interval of such jitter
 * instead of turning it into a 429.
 *
 * <p>Notion's limit is per integration token, so every client using one token must draw from one bucket:
 * {@link #shared} keeps one limiter per token hash (the token itself is never stored).
 */
public final class RateLimiter {
    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final double rate;
    private final double burst;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private Instant last;
    private Instant pausedUntil = Instant.MIN;

    /**
     * @param rate requests per second, above zero
     * @param burst the bucket size, at least 1
     */
    public RateLimiter(double rate, int burst, Clock clock, Sleeper sleeper) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be above zero, got " + rate);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        this.rate = rate;
        this.burst = burst > 1 ? burst - 1 : burst;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = this.burst;
    }

    /**
     * The limiter of this token, made on first use with these settings; later callers share it whatever settings
     * they pass, because two buckets for one token would together exceed the limit. Callers with an injected
     * clock or sleeper (tests) get a bucket of their own.
     */
    public static RateLimiter shared(String token, double rate, int burst, Clock clock, Sleeper sleeper) {
        // time is part of the key: clients on the real clock share, a test's injected clock gets its own bucket
        String time = clock.getClass().getName().startsWith("java.time.") ? "system:" + clock.getZone()
                : "clock@" + System.identityHashCode(clock);
        String key = Hashes.sha256Hex(token) + "|" + time + "|sleeper@" + System.identityHashCode(sleeper);
        return SHARED.computeIfAbsent(key, k -> new RateLimiter(rate, burst, clock, sleeper));
    }

    /**
     * Checks a client's settings: a rate of zero (no limit) or more requests per second, a burst of at least 1.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkSettings(double rate, int burst) {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate limit must be zero or more requests per second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }

    /**
     * The limiter a client uses: none when {@code rate} is 0, else the token's {@link #shared} one, or one of its own
     * when {@code shared} is false (tests with an injected clock).
     *
     * @return {@code null} when there is no limit
     */
    public static RateLimiter forClient(String token, double rate, int burst, boolean shared, Clock clock,
            Sleeper sleeper) {
        if (rate <= 0) {
            return null;
        }
        return shared ? shared(token, rate, burst, clock, sleeper) : new RateLimiter(rate, burst, clock, sleeper);
    }

    /** Requests per second. */
    public double rate() {
        return rate;
    }

    /** Bucket size: the configured burst less the headroom. */
    public int burst() {
        return (int) burst;
    }

    /** Waits until a request may be sent; the wait is counted by the calling thread's {@link WaitMeter}, if any. */
    public void acquire() {
        Instant asked = clock.instant();
        Duration wait = reserve();
        WaitMeter.record(asked, wait);
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("notion request interrupted while waiting for the rate limiter");
            }
        }
    }

    /**
     * Holds every caller back until {@code wait} from now, e.g. after a 429, so that other threads using the same
     * token do not keep hitting the limit while one of them waits for Retry-After.
     */
    public synchronized void pauseFor(Duration wait) {
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    synchronized Duration reserve() {
        Instant now = clock.instant();
        if (last != null) {
            double elapsed = Math.max(0, Duration.between(last, now).toNanos() / 1e9);
            tokens = Math.min(burst, tokens + elapsed * rate);
        }
        last = now;
        tokens -= 1;
        long nanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * 1e9);
        Instant ready = now.plusNanos(nanos);
        if (pausedUntil.isAfter(ready)) {
            ready = pausedUntil;
        }
        return Duration.between(now, ready);
    }
}
