package dev.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, line for line, on the zero-configuration path (local store, offline summarizer). */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void the_readme_example_runs() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("WORKLOG_DATA_DIR", dir.resolve("data").toString(),
                "LOG_FILE", dir.resolve("execution.log").toString()));
        StringBuilder printed = new StringBuilder();
        try (WorkLogger logger = WorkLogger.fromConfig(config)) {
            LogResult logged = logger.log(DailyLogDraft.builder()
                    .title("Cut p99 latency of the search API")
                    .context("### Situation\n...\n### Task\n...\n### Action\n- Redis cache\n### Result\np99 800 ms -> 120 ms")
                    .category("성능개선").impactLevel("High").techStack(List.of("Java", "Redis"))
                    .build());
            WeeklyResult week = logger.summarizeWeek(Period.isoWeekOf(logger.today()), SummarizeOptions.defaults());
            week.rollupIfAny().ifPresent(r -> r.achievements().forEach(a -> printed.append(a.title())));
            printed.append(' ').append(week.status());
            assertThat(logged.stored()).isTrue();
        }
        assertThat(printed.toString()).isEqualTo("Cut p99 latency of the search API WRITTEN");
    }
}
