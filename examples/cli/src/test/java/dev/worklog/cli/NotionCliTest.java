package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.notion.fake.FakeNotionServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a process with {@code WORKLOG_STORE=notion}, against the stateful fake Notion server on loopback. */
class NotionCliTest {
    private static final String TOKEN = "secret_fake_notion_token_0123456789";

    @TempDir
    Path work;

    private FakeNotionServer notion;
    private CliRunner cli;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        notion = FakeNotionServer.start(0, TOKEN, java.time.Clock.systemUTC());
        cli = new CliRunner(work, work.resolve("unused-local-store"), work.resolve("execution.log"), "Asia/Seoul");
        env = new LinkedHashMap<>();
        env.put("WORKLOG_STORE", "notion");
        env.put("NOTION_API_KEY", TOKEN);
        env.put("NOTION_BASE_URL", notion.baseUrl().toString());
        env.put("NOTION_DB1_ID", FakeNotionServer.DB1);
        env.put("NOTION_DB2_ID", FakeNotionServer.DB2);
        env.put("NOTION_DB3_ID", FakeNotionServer.DB3);
        env.put("LLM_PROVIDER", "offline");
        // the fake enforces no rate limit here; a higher client rate keeps the test short
        env.put("NOTION_RATE_LIMIT", "50");
    }

    @AfterEach
    void stop() {
        notion.close();
    }

    @Test
    void daily_weekly_monthly_and_demo_work_against_notion() throws IOException {
        for (String date : new String[] {"2026-11-17", "2026-11-19"}) {
            CliRunner.Run daily = cli.run("", env, "daily", "--title", "결제 API 개선 " + date, "--category", "성능개선",
                    "--impact", "High", "--tech", "Java", "--date", date, "--context",
                    "### Situation\n느렸다\n### Action\n- 캐시\n- 인덱스\n### Result\n지연 40% 감소");
            assertThat(daily.code).as(daily.toString()).isZero();
            assertThat(daily.out).contains("Logged: 결제 API 개선 " + date);
        }
        assertThat(notion.pageIds(FakeNotionServer.DB1)).hasSize(2);

        CliRunner.Run weekly = cli.run("", env, "weekly", "--week", "2026-W47");
        assertThat(weekly.code).as(weekly.toString()).isZero();
        assertThat(weekly.out).contains("- 인덱스", "지연 40% 감소");
        CliRunner.Run again = cli.run("", env, "weekly", "--week", "2026-W47", "--force");
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(notion.pageIds(FakeNotionServer.DB2)).as("a rerun updates the week's page").hasSize(1);
        String week = notion.pageIds(FakeNotionServer.DB2).get(0);
        assertThat(notion.relation(week, "Source Logs"))
                .containsExactlyInAnyOrderElementsOf(notion.pageIds(FakeNotionServer.DB1));

        CliRunner.Run monthly = cli.run("", env, "monthly", "--month", "2026-11");
        assertThat(monthly.code).as(monthly.toString()).isZero();
        assertThat(notion.pageIds(FakeNotionServer.DB3)).hasSize(1);
        assertThat(notion.relation(notion.pageIds(FakeNotionServer.DB3).get(0), "Source Weeks")).containsExactly(week);

        CliRunner.Run demo = cli.run("", env, "demo", "--data-dir", work.resolve("demo").toString());
        assertThat(demo.code).as(demo.toString()).isZero();
        assertThat(demo.out).contains("Notion databases", "weekly:", "monthly:");
        assertThat(notion.pageIds(FakeNotionServer.DB1).size()).isGreaterThan(2);

        assertThat(Files.exists(work.resolve("unused-local-store").resolve("daily"))).isFalse();
        String everything = weekly.out + weekly.err + monthly.out + monthly.err + demo.out + demo.err
                + Files.readString(work.resolve("execution.log"));
        assertThat(everything).doesNotContain(TOKEN);
    }
}
