package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WorkLogApi} without any HTTP server: requests and answers as values, the way another framework mounts it.
 * The builder's configuration (token, outbox folder) and the queue it exposes.
 */
class WorkLogApiTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private final InMemoryWorkLogRepository store = new InMemoryWorkLogRepository();

    private WorkLogApi.Builder api(Map<String, String> variables) {
        return WorkLogApi.builder().config(WorkLogConfig.of(variables)).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .logger(WorkLogger.builder().repository(store).llmProvider(new OfflineSummarizer())
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).zone(ZoneOffset.UTC)
                        .executionLog(ExecutionLog.disabled()));
    }

    private Map<String, String> outboxIn(Path folder, String... more) {
        // a durable folder wherever the build runs (CI's /tmp may be a container's own layer)
        Map<String, String> v = new java.util.HashMap<>(Map.of("WORKLOG_OUTBOX_DIR", folder.toString(),
                "WORKLOG_OUTBOX_DURABLE", "true"));
        for (int i = 0; i < more.length; i += 2) {
            v.put(more[i], more[i + 1]);
        }
        return v;
    }

    private static ApiRequest post(String path, String json, String... headers) {
        ApiRequest.Builder b = ApiRequest.builder("POST", path).header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    private static JsonNode json(ApiResponse r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void answersRequestsAsValuesWithoutAServer() throws IOException {
        try (WorkLogApi api = api(outboxIn(dir.resolve("outbox"))).build()) {
            ApiResponse health = api.handle(ApiRequest.of("GET", "/health", Map.of(), null));
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.bodyText()).isEqualTo("{\"status\":\"ok\",\"timestamp\":\"2026-11-26T10:00:00Z\"}");
            assertThat(health.header("content-type")).isEqualTo("application/json");

            ApiResponse created = api.handle(post("/daily-logs", Samples.VALID));
            assertThat(created.status()).isEqualTo(201);
            assertThat(json(created).path("page_id").asText()).isEqualTo("mem-1");
            assertThat(store.dailyLogs()).singleElement().satisfies(log ->
                    assertThat(log.title()).isEqualTo("Cut p99 latency of search"));

            ApiResponse wrongMethod = api.handle(ApiRequest.of("DELETE", "/daily-logs", Map.of(), null));
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
            assertThat(api.handle(ApiRequest.of("GET", "/nope", Map.of(), null)).status()).isEqualTo(404);
            assertThat(api.routes()).containsExactly("GET /health", "HEAD /health", "POST /daily-logs",
                    "POST /weekly-summaries", "POST /monthly-summaries", "POST /reviews", "GET /openapi.json",
                    "GET /docs");
        }
    }

    @Test
    void theTokenComesFromTheConfigurationAndEveryRouteButHealthNeedsIt() throws IOException {
        try (WorkLogApi api = api(outboxIn(dir.resolve("outbox"), "API_AUTH_TOKEN", "s3cret-token")).build()) {
            assertThat(api.authEnabled()).isTrue();
            ApiResponse refused = api.handle(post("/daily-logs", Samples.VALID, "Authorization", "Bearer wrong"));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"worklog\", error=\"invalid_token\"");
            assertThat(json(refused).path("detail").asText()).isEqualTo("invalid bearer token");
            assertThat(store.saveAttempts()).isZero();
            assertThat(api.handle(post("/daily-logs", Samples.VALID, "authorization", "bearer s3cret-token")).status())
                    .isEqualTo(201);
            assertThat(api.handle(ApiRequest.of("GET", "/health", Map.of(), null)).status()).isEqualTo(200);
        }
    }

    @Test
    void anExplicitTokenWinsOverTheConfigurationAndBlankMeansNone() {
        Map<String, String> v = outboxIn(dir.resolve("outbox"), "API_AUTH_TOKEN", "from-config");
        try (WorkLogApi api = api(v).authToken("explicit").build()) {
            assertThat(api.handle(post("/daily-logs", Samples.VALID, "Authorization", "Bearer from-config")).status())
                    .isEqualTo(401);
            assertThat(api.handle(post("/daily-logs", Samples.VALID, "Authorization", "Bearer explicit")).status())
                    .isEqualTo(201);
        }
        try (WorkLogApi open = api(v).authToken("  ").build()) {
            assertThat(open.authEnabled()).isFalse();
        }
    }

    @Test
    void aTokenThatCannotTravelInAHeaderIsRefusedNamingTheVariableNotTheValue() {
        assertThatThrownBy(() -> api(outboxIn(dir.resolve("outbox"), "API_AUTH_TOKEN", "two words")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("API_AUTH_TOKEN must be printable")
                .hasMessageNotContaining("two words");
        assertThatThrownBy(() -> WorkLogApi.builder().authToken("qx7\tzz9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("qx7");
        assertThatThrownBy(() -> api(outboxIn(dir.resolve("outbox"), "WORKLOG_OUTBOX_BACKOFF", "0s")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_OUTBOX_BACKOFF");
    }

    @Test
    void anEntryTheStoreCannotTakeIsQueuedAndDeliveredOnRequest() throws IOException {
        Path folder = dir.resolve("elsewhere");
        try (WorkLogApi api = api(Map.of()).outboxDirectory(folder).build()) {
            store.down();
            ApiResponse queued = api.handle(post("/daily-logs", Samples.VALID));
            assertThat(queued.status()).isEqualTo(202);
            String queueId = json(queued).path("queue_id").asText();
            assertThat(folder.resolve("pending/" + queueId + ".json")).exists();
            assertThat(api.queuedEntries()).isEqualTo(1);
            assertThat(api.deliverQueued()).isZero(); // still down
            store.up();
            assertThat(api.deliverQueued()).isEqualTo(1);
            assertThat(api.queuedEntries()).isZero();
            assertThat(store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void requestsKeepEveryHeaderValueAndLookThemUpInAnyCase() {
        ApiRequest r = ApiRequest.builder("post", "/daily-logs").query(null).header("X-A", "1").header("x-a", "2")
                .header("Content-Type", "application/json").build();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.query()).isEmpty();
        assertThat(r.body()).isEmpty();
        assertThat(r.headerValues("X-a")).containsExactly("1", "2");
        assertThat(r.header("CONTENT-TYPE")).contains("application/json");
        assertThat(r.header("Accept")).isEmpty();

        ApiRequest split = ApiRequest.of("GET", "/health?verbose=1", Map.of("A", List.of("x")), "");
        assertThat(split.path()).isEqualTo("/health");
        assertThat(split.query()).isEqualTo("verbose=1");
    }

    @Test
    void anErrorABindingMakesHasTheApisShape() throws IOException {
        ApiResponse r = ApiResponse.error(400, "the request body is not \"base64\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(r).path("detail").asText()).isEqualTo("the request body is not \"base64\"");
        assertThat(json(r).path("errors").isArray()).isTrue();
        assertThat(json(r).path("errors")).isEmpty();
    }
}
