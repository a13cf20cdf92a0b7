package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.log.ProgressListener.Step;
import dev.worklog.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the CLI draws on a terminal: items done of all, elapsed, and the rate limit's wait when it dominates. */
class TerminalProgressTest {
    @Test
    void theRateLimitsWaitIsShownOnlyWhenItIsMostOfTheTime() {
        assertThat(TerminalProgress.line(new Step("reading daily logs", 40, 111, Duration.ofSeconds(9)),
                Duration.ofSeconds(14))).isEqualTo("reading daily logs 40/111 · 14 s · 9 s waiting for the rate limit");
        assertThat(TerminalProgress.line(new Step("reading daily logs", 40, 111, Duration.ofSeconds(3)),
                Duration.ofSeconds(14))).isEqualTo("reading daily logs 40/111 · 14 s");
        assertThat(TerminalProgress.line(new Step("summarizing 12 daily logs with claude", 0, 1), Duration.ofSeconds(2)))
                .isEqualTo("summarizing 12 daily logs with claude · 2 s");
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondAndClearsTheLineAtTheEnd() {
        StringWriter text = new StringWriter();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
        TerminalProgress progress = TerminalProgress.drawingOn(new PrintWriter(text), clock);
        progress.onStep(new Step("reading daily logs", 0, 3));
        clock.advance(Duration.ofMillis(10));
        progress.onStep(new Step("reading daily logs", 1, 3)); // too soon after the last drawing
        clock.advance(Duration.ofMillis(200));
        progress.onStep(new Step("reading daily logs", 2, 3));
        progress.onStep(new Step("reading daily logs", 3, 3)); // a finished task is always drawn
        progress.close();

        String drawn = text.toString();
        assertThat(drawn).doesNotContain("\n").doesNotContain("1/3").contains("\rreading daily logs 0/3 · 0 s")
                .contains("\rreading daily logs 2/3 · 0 s").contains("\rreading daily logs 3/3 · 0 s");
        assertThat(drawn).endsWith("\r" + " ".repeat("reading daily logs 3/3 · 0 s".length()) + "\r");
    }
}
