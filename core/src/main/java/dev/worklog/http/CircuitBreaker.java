package dev.worklog.http;

import dev.worklog.error.CircuitOpenException;
import dev.worklog.internal.http.HttpExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A circuit breaker over the recent calls to one service, so that a service known to be down is not waited for.
 * After {@code failureThreshold} consecutive failed attempts (5xx, timeouts, broken connections; not rate limits or
 * refusals, which say nothing about the service being down) it opens: calls fail at once with
 * {@link CircuitOpenException} for {@code openDuration}. Then one trial call is let through (half-open): its success
 * closes the breaker, its failure opens it again for twice as long, up to {@code maxOpenDuration}.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder("notion").build();
 * HttpExecutor http = HttpExecutor.builder("notion").circuitBreaker(breaker).build();
 * if (!breaker.isClosed()) { ... queue the write instead of waiting for the retries ... }
 * }</pre>
 *
 * <p>Thread-safe. Time comes from the injected clock, so tests move it instead of waiting.
 */
public final class CircuitBreaker {
    /** Where the breaker stands. */
    public enum State {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls fail at once until the open period ends. */
        OPEN,
        /** One trial call is in flight; others fail at once until it ends. */
        HALF_OPEN
    }

    /**
     * The breaker's state at one moment, for health pages and {@code doctor}.
     *
     * @param service the service the breaker guards
     * @param state the state
     * @param consecutiveFailures failed attempts since the last success
     * @param openUntil when an open breaker lets a trial call through; {@code null} unless open
     * @param since when the breaker last changed state
     * @param lastFailure what the last failed attempt said (redacted by the caller), or {@code null}
     * @param calls attempts seen so far
     * @param failures failed attempts seen so far
     */
    public record Snapshot(String service, State state, int consecutiveFailures, Instant openUntil, Instant since,
            String lastFailure, long calls, long failures) {
        /** One line: {@code notion: open until 2026-11-26T10:00:05Z after 3 consecutive failures (...)}. */
        public String describe() {
            String base = service + ": " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (state == State.OPEN) {
                base += " until " + openUntil + " after " + consecutiveFailures + " consecutive failures";
            } else if (state == State.HALF_OPEN) {
                base += " (a trial call is in flight)";
            } else {
                base += " (" + calls + " calls, " + failures + " failed" + (consecutiveFailures > 0
                        ? ", the last " + consecutiveFailures + " in a row" : "") + ")";
            }
            return lastFailure == null || state == State.CLOSED && consecutiveFailures == 0 ? base
                    : base + "; last failure: " + lastFailure;
        }
    }

    private final String service;
    private final int failureThreshold;
    private final Duration openDuration;
    private final Duration maxOpenDuration;
    private final Clock clock;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Duration currentOpen;
    private Instant openUntil;
    private Instant since;
    private String lastFailure;
    private long calls;
    private long failures;

    private CircuitBreaker(Builder b) {
        this.service = b.service;
        this.failureThreshold = b.failureThreshold;
        this.openDuration = b.openDuration;
        this.maxOpenDuration = b.maxOpenDuration;
        this.clock = b.clock;
        this.currentOpen = openDuration;
        this.since = clock.instant();
    }

    /** A builder for a breaker guarding {@code service}. */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /**
     * Asks to make one attempt. Closed: granted. Open: refused until the open period ends; then the first caller
     * gets the trial call (half-open) and the others are refused until it ends.
     *
     * @throws CircuitOpenException when the attempt must not be made
     */
    public void acquirePermission() {
        Snapshot changed = null;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            Instant now = clock.instant();
            // a trial whose outcome never came (its thread died) must not keep the breaker half-open for good
            boolean trialLost = state == State.HALF_OPEN && !now.isBefore(since.plus(maxOpenDuration));
            if (state == State.OPEN && !now.isBefore(openUntil) || trialLost) {
                state = State.HALF_OPEN;
                since = now;
                changed = snapshotLocked();
            } else {
                Duration wait = state == State.OPEN ? Duration.between(now, openUntil) : Duration.ZERO;
                throw new CircuitOpenException(service + " is failing (" + consecutiveFailures
                        + " consecutive failed calls" + (lastFailure == null ? "" : ", the last: " + lastFailure)
                        + "); not calling it " + (state == State.OPEN ? "for another " + HttpExecutor.seconds(wait)
                        : "while a trial call is in flight"), wait);
            }
        }
        notifyListeners(changed);
    }

    /** Whether calls go through normally: the service is not known to be failing. */
    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Records a successful attempt (any answer that says the service is up, errors of the caller included). */
    public void onSuccess() {
        Snapshot changed = null;
        synchronized (this) {
            calls++;
            consecutiveFailures = 0;
            if (state != State.CLOSED) {
                state = State.CLOSED;
                currentOpen = openDuration;
                openUntil = null;
                since = clock.instant();
                changed = snapshotLocked();
            }
        }
        notifyListeners(changed);
    }

    /** Records a failed attempt: the service answered 5xx, timed out, or the connection broke. */
    public void onFailure(String reason) {
        Snapshot changed = null;
        synchronized (this) {
            calls++;
            failures++;
            consecutiveFailures++;
            lastFailure = reason;
            Instant now = clock.instant();
            if (state == State.HALF_OPEN) {
                currentOpen = min(currentOpen.multipliedBy(2), maxOpenDuration);
                open(now);
                changed = snapshotLocked();
            } else if (state == State.CLOSED && consecutiveFailures >= failureThreshold) {
                currentOpen = openDuration;
                open(now);
                changed = snapshotLocked();
            }
        }
        notifyListeners(changed);
    }

    /** The state now, for health pages. */
    public synchronized Snapshot snapshot() {
        return snapshotLocked();
    }

    /** Tells {@code listener} about every change of state (called outside the breaker's lock). */
    public void onStateChange(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void open(Instant now) {
        state = State.OPEN;
        openUntil = now.plus(currentOpen);
        since = now;
    }

    private Snapshot snapshotLocked() {
        return new Snapshot(service, state, consecutiveFailures, state == State.OPEN ? openUntil : null, since,
                lastFailure, calls, failures);
    }

    private void notifyListeners(Snapshot changed) {
        if (changed != null) {
            for (Consumer<Snapshot> l : listeners) {
                try {
                    l.accept(changed);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not fail the call that changed the state
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds {@link CircuitBreaker}s. */
    public static final class Builder {
        private final String service;
        private int failureThreshold = 3;
        private Duration openDuration = Duration.ofSeconds(5);
        private Duration maxOpenDuration = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** Consecutive failed attempts that open the breaker; default 3. */
        public Builder failureThreshold(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("failureThreshold must be between 1 and 1000, got " + value);
            }
            this.failureThreshold = value;
            return this;
        }

        /** How long the breaker stays open before a trial call; default 5 s, doubled after each failed trial. */
        public Builder openDuration(Duration value) {
            this.openDuration = positive(value, "openDuration");
            return this;
        }

        /** The longest open period; default 1 minute. */
        public Builder maxOpenDuration(Duration value) {
            this.maxOpenDuration = positive(value, "maxOpenDuration");
            return this;
        }

        /** The clock open periods are measured with. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public CircuitBreaker build() {
            if (maxOpenDuration.compareTo(openDuration) < 0) {
                throw new IllegalArgumentException("maxOpenDuration must not be shorter than openDuration");
            }
            return new CircuitBreaker(this);
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
