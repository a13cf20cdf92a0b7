package dev.worklog.notion.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How long one task (a period's daily logs read by several threads) waited for the {@link RateLimiter}, as
 * wall-clock time: the union of the waits of every thread working for it, since readers wait side by side and two
 * threads waiting at once are one wait for the person watching. The limiter records into the meter of the calling
 * thread, set by {@link #measure}.
 */
public final class WaitMeter {
    private static final ThreadLocal<WaitMeter> CURRENT = new ThreadLocal<>();

    private Instant waitedUntil = Instant.MIN;
    private long nanos;

    /** The wall-clock time waited so far. */
    public synchronized Duration total() {
        return Duration.ofNanos(nanos);
    }

    /** Runs {@code work} with this meter counting the calling thread's waits for the limiter. */
    public <T> T measure(Supplier<T> work) {
        WaitMeter outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Counts a wait of the calling thread from {@code from}, when it has a meter. */
    static void record(Instant from, Duration wait) {
        WaitMeter meter = CURRENT.get();
        if (meter != null && !wait.isZero() && !wait.isNegative()) {
            meter.add(from, from.plus(wait));
        }
    }

    /**
     * Adds the part of {@code [from, to)} not already counted. The limiter hands out slots in order, so waits end
     * in the order they start, and what lies before the latest end counted so far was counted already.
     */
    private synchronized void add(Instant from, Instant to) {
        Instant start = from.isBefore(waitedUntil) ? waitedUntil : from;
        if (to.isAfter(start)) {
            nanos += Duration.between(start, to).toNanos();
        }
        if (to.isAfter(waitedUntil)) {
            waitedUntil = to;
        }
    }
}
