package dev.worklog.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.notion.fake.FakeNotionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a host without a durable disk runs it (AWS Lambda's {@code /tmp}, Render's free plan): the execution
 * log on stdout only ({@code LOG_FILE=-}), and a daily log the store cannot take answered 503 with
 * {@code Retry-After}, nothing written, the client's retry with the same key storing it once.
 */
class HostingTest {
    @TempDir
    Path dir;

    private FakeNotionServer fake;

    @BeforeEach
    void start() {
        fake = FakeNotionServer.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String entry(String title) {
        return "{\"title\":\"" + title + "\",\"context\":\"### Situation\\nslow\\n### Result\\n40% faster\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"],"
                + "\"logged_date\":\"2026-11-24\"}";
    }

    @Test
    void withoutADurableFolderTheLogIsOnStdoutAndAnOutageIs503WithNothingOnDisk() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> variables = ServerProcess.variables(
                "AWS_LAMBDA_FUNCTION_NAME", "worklog", // with WORKLOG_OUTBOX_DURABLE=auto: not durable here
                "WORKLOG_OUTBOX_DURABLE", "auto",
                "WORKLOG_STORE", "notion",
                "NOTION_API_KEY", "secret_hosting_test_token",
                "NOTION_DB1_ID", FakeNotionServer.DB1,
                "NOTION_DB2_ID", FakeNotionServer.DB2,
                "NOTION_DB3_ID", FakeNotionServer.DB3,
                "NOTION_BASE_URL", fake.baseUrl().toString(),
                "NOTION_RATE_LIMIT", "0",
                "NOTION_RETRY_BUDGET", "1s",
                "NOTION_BREAKER_FAILURES", "100", // the retry right after the outage reaches Notion
                "WORKLOG_DATA_DIR", data.toString(),
                "LOG_FILE", "-");
        try (ServerProcess server = ServerProcess.start(dir, variables, null)) {
            String outboxLine = server.await("api_server - outbox", 30);
            assertThat(outboxLine).matches("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\] \\[INFO\\] api_server - outbox "
                    + ".*not durable \\(on AWS Lambda.*503 with Retry-After.*").contains(data.resolve("outbox").toString());

            assertThat(server.post(entry("stored at once"), "key-1").status()).isEqualTo(201);
            assertThat(server.await("[SUCCESS] api_server - POST /daily-logs stored", 30))
                    .matches("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\] \\[SUCCESS\\] api_server - .*");

            fake.startOutage(503);
            ServerProcess.Answer refused = server.post(entry("not promised"), "key-2");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Long.parseLong(v)).isPositive());
            assertThat(refused.json().path("detail").asText()).contains("not durable")
                    .contains("retry with the same Idempotency-Key");
            assertThat(server.await("[ERROR] daily_logger - store unavailable", 30)).contains("refused, not queued");

            fake.endOutage();
            ServerProcess.Answer retried = server.post(entry("not promised"), "key-2");
            assertThat(retried.status()).isEqualTo(201);
            ServerProcess.Answer replayed = server.post(entry("not promised"), "key-2");
            assertThat(replayed.json().path("id").asText()).isEqualTo(retried.json().path("id").asText());
            assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(2);
            assertThat(server.output()).doesNotContain("secret_hosting_test_token");
        }
        assertThat(Files.exists(data.resolve("outbox"))).as("nothing written for a promise it cannot keep").isFalse();
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.map(p -> dir.relativize(p).toString()).toList();
            assertThat(names).as("LOG_FILE=-: no log file either").noneMatch(n -> n.endsWith(".log"));
        }
    }
}
