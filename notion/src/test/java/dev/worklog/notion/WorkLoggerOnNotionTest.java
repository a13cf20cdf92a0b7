package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.MonthlyResult;
import dev.worklog.RollupStatus;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import dev.worklog.notion.fake.FakeNotionServer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core's facade, configured from variables only, running daily, weekly and monthly on the fake Notion. */
class WorkLoggerOnNotionTest {
    @Test
    void dailyWeeklyMonthlyFromConfiguration() {
        TestTime time = TestTime.at("2026-11-30T09:00:00Z");
        try (FakeNotionServer fake = FakeNotionServer.start(0, "secret_facade_token", time)) {
            WorkLogConfig config = WorkLogConfig.of(Map.of("NOTION_API_KEY", "secret_facade_token",
                    "NOTION_DB1_ID", FakeNotionServer.DB1, "NOTION_DB2_ID", FakeNotionServer.DB2,
                    "NOTION_DB3_ID", FakeNotionServer.DB3, "NOTION_BASE_URL", fake.baseUrl().toString(),
                    "LLM_PROVIDER", "offline", "WORKLOG_TIMEZONE", "UTC"));
            try (WorkLogger logger = WorkLogger.builder().config(config).clock(time).sleeper(time)
                    .executionLog(ExecutionLog.disabled()).build()) {
                assertThat(logger.repository()).isInstanceOf(NotionWorkLogRepository.class);
                for (int day = 23; day <= 30; day++) {
                    logger.log(DailyLogDraft.builder().title("작업 " + day)
                            .context("### Situation\n\n상황 " + day + "\n\n### Task\n\n과제\n\n### Action\n\n- 조치 A\n"
                                    + "- 조치 B\n\n### Result\n\n결과 " + day * 10 + "% 개선")
                            .category("성능개선").impactLevel("High").techStack(List.of("Java"))
                            .loggedDate(LocalDate.of(2026, 11, day).toString()).build());
                }
                Period week = Period.isoWeekOf(LocalDate.of(2026, 11, 23));
                WeeklyResult w = logger.summarizeWeek(week, SummarizeOptions.defaults());
                assertThat(w.status()).isEqualTo(RollupStatus.WRITTEN);
                assertThat(w.logsRead()).hasSize(7);
                assertThat(w.logsRead().get(0).context()).contains("- 조치 A\n- 조치 B");
                WeeklyResult again = logger.summarizeWeek(week, SummarizeOptions.defaults());
                assertThat(again.status()).isEqualTo(RollupStatus.UNCHANGED);
                assertThat(fake.pageIds(FakeNotionServer.DB2)).hasSize(1);

                // 30 November is the Monday of 2026-W49, which ends in December: rolled up first, from Notion
                MonthlyResult m = logger.summarizeMonth(YearMonth.of(2026, 11), SummarizeOptions.defaults());
                assertThat(m.weeksRolledUp()).singleElement().satisfies(r -> {
                    assertThat(r.period()).isEqualTo(Period.parseIsoWeek("2026-W49"));
                    assertThat(r.status()).isEqualTo(RollupStatus.WRITTEN);
                });
                assertThat(m.weeksRead()).extracting(r -> r.period().label()).containsExactly("2026-W48", "2026-W49");
                assertThat(m.logsRead()).isEqualTo(8);
                assertThat(m.rollup().stats().totalLogs()).isEqualTo(8);
                assertThat(m.rollup().stats().weeks()).isEqualTo(2);
                assertThat(fake.pageIds(FakeNotionServer.DB2)).hasSize(2);
                assertThat(fake.relation(fake.pageIds(FakeNotionServer.DB3).get(0), "Source Weeks"))
                        .containsExactlyInAnyOrderElementsOf(fake.pageIds(FakeNotionServer.DB2));
            }
        }
    }

    @Test
    void startUpNamesAMissingDatabaseId() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("NOTION_API_KEY", "secret_facade_token",
                "LLM_PROVIDER", "offline"));
        assertThatThrownBy(() -> WorkLogger.builder().config(config).executionLog(ExecutionLog.disabled()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_DB1_ID");
    }
}
