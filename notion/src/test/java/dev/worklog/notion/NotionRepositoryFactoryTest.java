package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Period;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotionRepositoryFactoryTest {
    private static SpiContext context(Map<String, String> vars, TestTime time) {
        return new SpiContext(WorkLogConfig.of(vars), time, time, ExecutionLog.disabled());
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(NamedServices.repositories().find("notion")).get().isInstanceOf(NotionRepositoryFactory.class);
    }

    @Test
    void namesTheMissingVariable() {
        TestTime time = TestTime.at("2026-11-26T00:00:00Z");
        NotionRepositoryFactory f = new NotionRepositoryFactory();
        assertThatThrownBy(() -> f.create(context(Map.of("NOTION_DB1_ID", "x"), time)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("NOTION_API_KEY is not set");
        assertThatThrownBy(() -> f.create(context(Map.of("NOTION_API_KEY", "secret_abcd"), time)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("NOTION_DB1_ID is not set");
        assertThatThrownBy(() -> f.create(context(Map.of("NOTION_API_KEY", "secret_abcd", "NOTION_DB1_ID", "x",
                "NOTION_RATE_LIMIT", "fast"), time)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_RATE_LIMIT")
                .hasMessageNotContaining("secret_abcd");
        assertThatThrownBy(() -> f.create(context(Map.of("NOTION_API_KEY", "secret_abcd", "NOTION_DB1_ID", "x",
                "NOTION_VERSION", "latest"), time)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_VERSION");
    }

    @Test
    void wiresEveryVariable() {
        TestTime time = TestTime.at("2026-11-26T09:00:00Z");
        try (FakeNotionServer fake = FakeNotionServer.start(0, "secret_factory_token", time)) {
            fake.removeProperty(FakeNotionServer.DB1, "Name");
            Map<String, String> vars = Map.of("NOTION_API_KEY", "secret_factory_token",
                    "NOTION_DB1_ID", FakeNotionServer.DB1, "NOTION_BASE_URL", fake.baseUrl().toString(),
                    "NOTION_VERSION", "2022-06-28", "NOTION_RATE_LIMIT", "0",
                    "NOTION_PROPERTY_DAILY_TITLE", "Task");
            WorkLogRepository repo = new NotionRepositoryFactory().create(context(vars, time));
            assertThat(repo.describe()).contains("2022-06-28").contains(FakeNotionServer.DB1);
            SchemaReport report = ((NotionWorkLogRepository) repo).verifySchema();
            assertThat(report.message()).contains("'Task' of type title (renamed by NOTION_PROPERTY_DAILY_TITLE)")
                    .contains("NOTION_DB2_ID is not set").contains("NOTION_DB3_ID is not set");
            repo.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 26)), Set.of());
            assertThat(fake.requests()).allSatisfy(r -> assertThat(r.headers())
                    .containsEntry("notion-version", "2022-06-28")
                    .containsEntry("authorization", "Bearer secret_factory_token"));
            assertThat(time.sleeps()).isEmpty();
        }
    }
}
