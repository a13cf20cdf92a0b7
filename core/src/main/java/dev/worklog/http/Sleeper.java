package dev.worklog.http;

import java.time.Duration;

/** Waits. Injected everywhere the SDK waits, so that tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the duration.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps, with {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            }
        };
    }
}
