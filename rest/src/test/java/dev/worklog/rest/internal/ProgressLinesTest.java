package dev.worklog.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener.Step;
import dev.worklog.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST server's progress of a long roll-up: one execution-log line per 25 items, with the rate limit's share. */
class ProgressLinesTest {
    @TempDir
    Path dir;

    @Test
    void aWeeklyOver111LogsSaysFourTimesHowFarItHasGot() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
        Path file = dir.resolve("execution.log");
        ExecutionLog log = ExecutionLog.toFile(file, clock, ZoneId.of("UTC"), List.of());
        ProgressLines lines = new ProgressLines(log, ExecutionLog.WEEKLY_PROCESSOR,
                "weekly roll-up 2026-W48 (2026-11-23 ~ 2026-11-29)", clock);

        lines.onStep(new Step("reading daily logs", 0, 111));
        for (int done = 1; done <= 111; done++) {
            clock.advance(Duration.ofMillis(333)); // Notion's 3 requests a second
            lines.onStep(new Step("reading daily logs", done, 111, Duration.ofMillis(300L * done)));
        }
        lines.onStep(new Step("summarizing 111 daily logs with offline", 1, 1));

        List<String> written = Files.readAllLines(file);
        assertThat(written).hasSize(4);
        assertThat(written.get(0)).isEqualTo("[2026-11-30 00:00:08] [INFO] weekly_processor - weekly roll-up 2026-W48 "
                + "(2026-11-23 ~ 2026-11-29): reading daily logs 25/111 (8.3 s, 7.5 s of it waiting for the rate limit)");
        assertThat(written.get(3)).contains("reading daily logs 100/111 (33.3 s, 30.0 s of it waiting");
    }

    @Test
    void aTaskWithoutWaitsSaysNothingOfTheRateLimit() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
        Path file = dir.resolve("execution.log");
        ProgressLines lines = new ProgressLines(ExecutionLog.toFile(file, clock, ZoneId.of("UTC"), List.of()),
                ExecutionLog.MONTHLY_PROCESSOR, "monthly roll-up 2026-11", clock);
        lines.onStep(new Step("reading daily logs", 25, 30));
        lines.onStep(new Step("reading daily logs", 30, 30));
        assertThat(Files.readAllLines(file)).containsExactly("[2026-11-30 00:00:00] [INFO] monthly_processor - "
                + "monthly roll-up 2026-11: reading daily logs 25/30 (0.0 s)");
    }
}
