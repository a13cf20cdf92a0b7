package dev.worklog.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A call was not sent because the service is known to be failing: its circuit breaker is open after several
 * consecutive failures. Nothing reached the service, so the call is safe to repeat once the breaker lets calls
 * through again ({@link #retryAfter()}).
 */
public final class CircuitOpenException extends RetryableException {
    private final Duration retryAfter;

    public CircuitOpenException(String message, Duration retryAfter) {
        super(message, null, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the breaker lets a trial call through; zero when one is due now. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
