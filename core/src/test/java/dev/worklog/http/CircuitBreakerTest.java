package dev.worklog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.CircuitOpenException;
import dev.worklog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final CircuitBreaker breaker = CircuitBreaker.builder("notion").failureThreshold(3)
            .openDuration(Duration.ofSeconds(5)).maxOpenDuration(Duration.ofSeconds(20)).clock(clock).build();

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresOnly() {
        breaker.onFailure("HTTP 503");
        breaker.onFailure("HTTP 503");
        breaker.onSuccess(); // resets the run
        breaker.onFailure("HTTP 503");
        breaker.onFailure("HTTP 503");
        assertThat(breaker.isClosed()).isTrue();
        breaker.onFailure("connection reset");
        assertThat(breaker.isClosed()).isFalse();
        CircuitBreaker.Snapshot s = breaker.snapshot();
        assertThat(s.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(s.openUntil()).isEqualTo(Instant.parse("2026-11-26T10:00:05Z"));
        assertThat(s.describe()).isEqualTo("notion: open until 2026-11-26T10:00:05Z after 3 consecutive failures; "
                + "last failure: connection reset");
    }

    @Test
    void refusesAtOnceWhileOpenThenLetsOneTrialThrough() {
        open();
        assertThatThrownBy(breaker::acquirePermission).isInstanceOfSatisfying(CircuitOpenException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("notion is failing", "for another 5 s");
        });
        clock.advance(Duration.ofSeconds(5));
        breaker.acquirePermission(); // the trial
        assertThat(breaker.snapshot().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(breaker::acquirePermission).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("while a trial call is in flight");
        breaker.onSuccess();
        assertThat(breaker.isClosed()).isTrue();
        breaker.acquirePermission();
    }

    @Test
    void aFailedTrialDoublesTheOpenPeriodUpToTheMaximum() {
        open();
        List<Duration> periods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant until = breaker.snapshot().openUntil();
            periods.add(Duration.between(clock.instant(), until));
            clock.advance(periods.get(i));
            breaker.acquirePermission();
            breaker.onFailure("HTTP 503");
        }
        assertThat(periods).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        breaker.acquirePermission();
        breaker.onSuccess();
        breaker.onFailure("x");
        breaker.onFailure("x");
        breaker.onFailure("x");
        assertThat(Duration.between(clock.instant(), breaker.snapshot().openUntil()))
                .as("a success resets the period").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTrialWhoseOutcomeNeverCameDoesNotKeepItHalfOpenForever() {
        open();
        clock.advance(Duration.ofSeconds(5));
        breaker.acquirePermission(); // its thread dies without reporting
        clock.advance(Duration.ofSeconds(20));
        breaker.acquirePermission(); // a new trial after the longest open period
        breaker.onSuccess();
        assertThat(breaker.isClosed()).isTrue();
    }

    @Test
    void listenersHearEveryChangeOfState() {
        List<CircuitBreaker.State> seen = new ArrayList<>();
        breaker.onStateChange(s -> seen.add(s.state()));
        open();
        clock.advance(Duration.ofSeconds(5));
        breaker.acquirePermission();
        breaker.onSuccess();
        breaker.onSuccess();
        assertThat(seen).containsExactly(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.CLOSED);
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.acquirePermission();
            breaker.onFailure("HTTP 503");
        }
    }
}
