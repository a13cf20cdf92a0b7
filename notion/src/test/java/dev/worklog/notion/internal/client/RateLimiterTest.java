package dev.worklog.notion.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** The limiter's clock and sleeper: a sleep is recorded and moves the clock. */
    static final class Time {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
        final List<Duration> sleeps = new ArrayList<>();

        void sleep(Duration d) {
            sleeps.add(d);
            clock.advance(d);
        }
    }

    @Test
    void burstThenAverageRate() {
        Time t = new Time();
        RateLimiter limiter = new RateLimiter(3, 10, t.clock, t::sleep);
        // one request of headroom below the burst of 10
        for (int i = 0; i < 9; i++) {
            limiter.acquire();
        }
        assertThat(t.sleeps).isEmpty();
        for (int i = 0; i < 30; i++) {
            limiter.acquire();
        }
        assertThat(t.sleeps).hasSize(30);
        // 30 more at 3/s take 10 s
        Duration total = t.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total.toMillis()).isBetween(9_990L, 10_010L);
        assertThat(t.sleeps).allSatisfy(d -> assertThat(d.toMillis()).isBetween(330L, 340L));
    }

    @Test
    void pauseHoldsEveryCaller() {
        Time t = new Time();
        RateLimiter limiter = new RateLimiter(3, 10, t.clock, t::sleep);
        limiter.pauseFor(Duration.ofSeconds(90));
        limiter.acquire();
        assertThat(t.sleeps).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void sharedByToken() {
        Time t = new Time();
        dev.worklog.http.Sleeper sleeper = t::sleep;
        RateLimiter a = RateLimiter.shared("token-one-for-test", 3, 10, t.clock, sleeper);
        assertThat(RateLimiter.shared("token-one-for-test", 5, 1, t.clock, sleeper)).isSameAs(a);
        assertThat(RateLimiter.shared("token-two-for-test", 3, 10, t.clock, sleeper)).isNotSameAs(a);
        assertThat(RateLimiter.shared("token-one-for-test", 3, 10, new Time().clock, sleeper)).isNotSameAs(a);
        dev.worklog.http.Sleeper real = dev.worklog.http.Sleeper.system();
        RateLimiter system = RateLimiter.shared("token-one-for-test", 3, 10, Clock.systemUTC(), real);
        assertThat(RateLimiter.shared("token-one-for-test", 3, 10, Clock.systemUTC(), real)).isSameAs(system);
    }
}
