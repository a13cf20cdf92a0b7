package dev.worklog.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded API Gateway HTTP API (payload format 2.0) and EventBridge events fed through the handler, as the Lambda
 * runtime would: bytes in, bytes out. The store is the real local store in a temporary folder and the LLM the
 * offline summarizer, so every route runs end to end without a network.
 */
class LambdaHandlerTest {
    /** Monday 2026-11-30 09:00 in Seoul: when the weekly schedule fires. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private LambdaHandler handler;

    Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("WORKLOG_STORE", "local");
        c.put("WORKLOG_DATA_DIR", dir.resolve("data").toString());
        c.put("WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString());
        c.put("AWS_LAMBDA_FUNCTION_NAME", "work-logging-api-test"); // as on Lambda: the outbox is not durable
        c.put("LOG_FILE", dir.resolve("logs/execution.log").toString());
        c.put("LLM_PROVIDER", "offline");
        c.put("API_AUTH_TOKEN", TOKEN);
        c.put("WORKLOG_TIMEZONE", "Asia/Seoul");
        // core's test jar brings a simplelogger.properties at WARN; the access log is INFO, as in production
        c.put("LOG_LEVEL", "INFO");
        return c;
    }

    @BeforeEach
    void start() {
        handler = new LambdaHandler(WorkLogConfig.of(config()), CLOCK, new PrintStream(logBytes, true,
                StandardCharsets.UTF_8));
    }

    static String event(String name) throws IOException {
        try (InputStream in = LambdaHandlerTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("event fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonNode invoke(LambdaHandler h, String eventJson) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out);
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        assertThat(response.fieldNames()).toIterable().containsExactlyInAnyOrder("statusCode", "headers", "body",
                "isBase64Encoded");
        return response;
    }

    JsonNode invoke(String fixture) throws IOException {
        return invoke(handler, event(fixture));
    }

    static JsonNode body(JsonNode response) throws IOException {
        String text = response.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(response.path("body").asText()), StandardCharsets.UTF_8)
                : response.path("body").asText();
        return Json.MAPPER.readTree(text);
    }

    @Test
    void healthAnswersWithoutATokenAndWithoutTouchingTheStore() throws IOException {
        JsonNode r = invoke("health.json");

        assertThat(r.path("statusCode").asInt()).isEqualTo(200);
        assertThat(r.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(r.path("headers").path("Content-Type").asText()).startsWith("application/json");
        assertThat(body(r).path("status").asText()).isEqualTo("ok");
        assertThat(body(r).path("timestamp").asText()).startsWith("2026-11-30T00:00");
    }

    @Test
    void aNamedStagePrefixIsNotPartOfTheRoute() throws IOException {
        assertThat(invoke("health-named-stage.json").path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void aDailyLogIsStoredWithEveryFieldAndKoreanText() throws IOException {
        JsonNode r = invoke("daily-log-create.json");

        assertThat(r.path("statusCode").asInt()).as(r.toString()).isEqualTo(201);
        String id = body(r).path("page_id").asText();
        assertThat(id).isNotBlank();
        assertThat(body(r).path("url").asText()).startsWith("file:");
        try (var files = Files.list(dir.resolve("data/daily"))) {
            Path file = files.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow();
            assertThat(Files.readString(file)).contains("검색 API p99 지연 개선", "성능개선", "p99 800ms → 120ms",
                    "https://jira.example.com/browse/SEARCH-42", "- Redis 캐시 도입", "2026-11-24");
        }
        assertThat(Files.readString(dir.resolve("logs/execution.log")))
                .contains("[SUCCESS] api_server - POST /daily-logs stored '검색 API p99 지연 개선'");
    }

    @Test
    void aBase64BodyIsDecoded() throws IOException {
        JsonNode r = invoke("daily-log-base64.json");

        assertThat(r.path("statusCode").asInt()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void aDryRunValidatesAndWritesNothing() throws IOException {
        JsonNode r = invoke("daily-log-dry-run.json");

        assertThat(r.path("statusCode").asInt()).as(r.toString()).isEqualTo(200);
        assertThat(r.path("body").asText()).contains("검색 API p99 지연 개선");
        try (var files = Files.list(dir.resolve("data/daily"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".md"))).isEmpty();
        }
    }

    @Test
    void invalidInputIsA400ListingEveryField() throws IOException {
        JsonNode r = invoke("daily-log-invalid.json");

        assertThat(r.path("statusCode").asInt()).isEqualTo(400);
        JsonNode b = body(r);
        assertThat(b.path("detail").asText()).isNotBlank();
        assertThat(b.path("errors").findValuesAsText("field")).contains("title", "category", "impact_level",
                "tech_stack");
    }

    @Test
    void malformedJsonAndAWrongContentTypeAreClientErrors() throws IOException {
        assertThat(invoke("daily-log-malformed-json.json").path("statusCode").asInt()).isEqualTo(400);
        assertThat(invoke("daily-log-text-plain.json").path("statusCode").asInt()).isEqualTo(415);
    }

    @Test
    void aMissingOrWrongTokenIs401WithTheChallengeAndNothingIsStored() throws IOException {
        JsonNode missing = invoke("daily-log-no-auth.json");
        JsonNode wrong = invoke("daily-log-wrong-token.json");

        for (JsonNode r : new JsonNode[] {missing, wrong}) {
            assertThat(r.path("statusCode").asInt()).isEqualTo(401);
            assertThat(r.path("headers").path("WWW-Authenticate").asText()).startsWith("Bearer");
            assertThat(body(r).has("detail")).isTrue();
            assertThat(r.toString()).doesNotContain(TOKEN);
        }
        assertThat(body(missing).path("detail").asText()).contains("missing Authorization header");
        assertThat(body(wrong).path("detail").asText()).isEqualTo("invalid bearer token");
        try (var files = Files.list(dir.resolve("data/daily"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".md"))).isEmpty();
        }
    }

    @Test
    void theSchemeNameIsCaseInsensitive() throws IOException {
        assertThat(invoke("daily-log-lowercase-bearer.json").path("statusCode").asInt()).isEqualTo(201);
    }

    @Test
    void weeklyAndMonthlyRollupsRunThroughTheServersRoutes() throws IOException {
        assertThat(invoke("daily-log-create.json").path("statusCode").asInt()).isEqualTo(201);

        JsonNode week = invoke("weekly-summary.json");
        assertThat(week.path("statusCode").asInt()).as(week.toString()).isEqualTo(200);
        assertThat(body(week).path("week").asText()).isEqualTo("2026-W48");
        assertThat(body(week).path("logs_read").asInt()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("data/weekly/2026-11-23_2026-11-29.md"))).isTrue();

        JsonNode dry = invoke("weekly-summary-dry-run.json");
        assertThat(dry.path("statusCode").asInt()).isEqualTo(200);

        JsonNode month = invoke("monthly-summary.json");
        assertThat(month.path("statusCode").asInt()).as(month.toString()).isEqualTo(200);
        assertThat(body(month).path("month").asText()).isEqualTo("2026-11");
        assertThat(Files.exists(dir.resolve("data/monthly/2026-11.md"))).isTrue();

        assertThat(invoke("monthly-summary-invalid.json").path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void documentationRoutesAreServed() throws IOException {
        JsonNode openapi = invoke("openapi.json");
        assertThat(openapi.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(openapi).path("openapi").asText()).startsWith("3.1");
        assertThat(body(openapi).path("paths").has("/daily-logs")).isTrue();

        JsonNode docs = invoke("docs.json");
        assertThat(docs.path("statusCode").asInt()).isEqualTo(200);
        assertThat(docs.path("headers").path("Content-Type").asText()).startsWith("text/html");
        assertThat(docs.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(docs.path("body").asText()).contains("<html");
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() throws IOException {
        JsonNode notFound = invoke("unknown-route.json");
        assertThat(notFound.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(notFound).path("detail").asText()).contains("no such route");

        JsonNode wrongMethod = invoke("health-wrong-method.json");
        assertThat(wrongMethod.path("statusCode").asInt()).isEqualTo(405);
        assertThat(wrongMethod.path("headers").path("Allow").asText()).contains("GET");
    }

    @Test
    void theAccessLogLineIsPrinted() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple resolves System.out when each line is written
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invoke("daily-log-create.json");
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("POST /daily-logs 201");
    }

    @Test
    void executionLogLinesOfEachInvocationReachTheFunctionLog() throws IOException {
        logBytes.reset();

        invoke("daily-log-create.json");

        assertThat(logBytes.toString(StandardCharsets.UTF_8))
                .contains("[SUCCESS] api_server - POST /daily-logs stored '검색 API p99 지연 개선'");
        logBytes.reset();
        invoke("health.json");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).as("nothing twice").doesNotContain("POST /daily-logs");
    }

    @Test
    void anEventBridgeRuleWithoutInputRunsLastWeeksRollup() throws IOException {
        invoke("daily-log-create.json");

        JsonNode r = invoke("scheduled-weekly-rule.json");

        assertThat(r.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(r).path("week").asText()).isEqualTo("2026-W48");
        assertThat(Files.exists(dir.resolve("data/weekly/2026-11-23_2026-11-29.md"))).isTrue();
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("weekly_processor");
    }

    @Test
    void theScheduleInputsOfTheTemplateRunTheRollups() throws IOException {
        invoke("daily-log-create.json");

        assertThat(body(invoke("schedule-input-weekly.json")).path("week").asText()).isEqualTo("2026-W48");
        JsonNode month = invoke("schedule-input-monthly-dry-run.json");
        // the clock says 2026-11-30: "last month" is October, which has no weeks; a dry run stores nothing
        assertThat(body(month).path("month").asText()).isEqualTo("2026-10");
        assertThat(Files.exists(dir.resolve("data/monthly/2026-10.md"))).isFalse();
    }

    @Test
    void aMonthlyRuleOnTheFirstMondayRollsUpTheMonthWhoseWeeksAreAllOver() throws IOException {
        // Monday 7 December, 00:15 UTC: November's last ISO week (30 November to 6 December) has just ended
        LambdaHandler december = new LambdaHandler(WorkLogConfig.of(config()),
                Clock.fixed(Instant.parse("2026-12-07T00:15:00Z"), ZoneOffset.UTC), new PrintStream(logBytes, true,
                        StandardCharsets.UTF_8));
        invoke(december, event("daily-log-create.json"));
        invoke(december, event("weekly-summary.json"));

        JsonNode r = invoke(december, event("scheduled-monthly-rule.json"));

        assertThat(body(r).path("month").asText()).isEqualTo("2026-11");
        assertThat(Files.exists(dir.resolve("data/monthly/2026-11.md"))).isTrue();
        // on Tuesday 1 December that week was not over: the rule then still meant October
        LambdaHandler early = new LambdaHandler(WorkLogConfig.of(config()),
                Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC), new PrintStream(logBytes, true,
                        StandardCharsets.UTF_8));
        assertThat(body(invoke(early, event("scheduled-monthly-rule.json"))).path("month").asText())
                .isEqualTo("2026-10");
    }

    @Test
    void aFailedScheduledRollupFailsTheInvocation() throws IOException {
        assertThatThrownBy(() -> invoke(handler, "{\"worklog\": \"weekly\", \"start_date\": \"2026-13-01\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("weekly roll-up failed: 400");
    }

    @Test
    void unknownEventsAndKindsAreInvocationErrors() {
        assertThatThrownBy(() -> invoke("s3-put.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported event");
        assertThatThrownBy(() -> invoke("schedule-input-unknown.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"weekly\" or \"monthly\"");
        assertThatThrownBy(() -> invoke("scheduled-unnamed-rule.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which roll-up");
        assertThatThrownBy(() -> invoke(handler, "[1, 2]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadConfigurationAnswers503AndLogsTheVariableOnce() throws IOException {
        Map<String, String> c = config();
        c.put("WORKLOG_STORE", "notion");
        c.put("NOTION_API_KEY", "secret_abcdefghijklmnop");
        ByteArrayOutputStream startLog = new ByteArrayOutputStream();

        LambdaHandler broken = new LambdaHandler(WorkLogConfig.of(c), CLOCK, new PrintStream(startLog, true,
                StandardCharsets.UTF_8));

        String printed = startLog.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("cannot start").doesNotContain("secret_abcdefghijklmnop");
        JsonNode r = invoke(broken, event("daily-log-create.json"));
        assertThat(r.path("statusCode").asInt()).isEqualTo(503);
        assertThat(body(r).path("detail").asText()).contains("not configured").doesNotContain("NOTION");
        assertThatThrownBy(() -> invoke(broken, event("schedule-input-weekly.json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
    }

    @Test
    void lambdaDefaultsPutWritableStateInTmpOnlyWhenUnset() {
        WorkLogConfig filled = LambdaHandler.withLambdaDefaults(WorkLogConfig.of(Map.of("LOG_FILE", "/mnt/efs/x.log")));

        assertThat(filled.get("LOG_FILE")).contains("/mnt/efs/x.log");
        assertThat(filled.get("WORKLOG_DATA_DIR")).contains("/tmp/worklog-data");
        assertThat(dev.worklog.internal.outbox.OutboxLocation.directory(filled))
                .isEqualTo(java.nio.file.Path.of("/tmp/worklog-data/outbox"));
        WorkLogConfig bare = LambdaHandler.withLambdaDefaults(WorkLogConfig.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", "w")));
        assertThat(bare.get("LOG_FILE")).as("the execution log on stdout only: CloudWatch keeps it").contains("-");
        assertThat(dev.worklog.internal.outbox.OutboxLocation.of(bare).durable()).isFalse();
    }
}
