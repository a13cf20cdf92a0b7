package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.rest.internal.ReviewRoute;
import dev.worklog.rest.internal.SummaryRoutes;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** openapi.json and the implementation describe the same API: routes, fields, statuses and bodies. */
class OpenApiContractTest {
    @TempDir
    Path dir;

    private static Set<String> documentedRoutes() {
        Set<String> out = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = OpenApiContract.DOC.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> out.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey()));
        }
        return out;
    }

    @Test
    void everyRouteTheRouterKnowsIsDocumentedAndViceVersa() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            assertThat(new TreeSet<>(s.api.routes())).isEqualTo(documentedRoutes());
        }
    }

    @Test
    void theServedDocumentIsTheResourceTheTestsCheckAgainst() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            assertThat(s.get("/openapi.json").json()).isEqualTo(OpenApiContract.DOC);
        }
    }

    private static JsonNode requestSchema(String path) {
        JsonNode schema = OpenApiContract.operation("POST", path).path("requestBody").path("content")
                .path("application/json").path("schema");
        return OpenApiContract.VALIDATOR.resolve(schema.path("$ref").asText());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void requestSchemasDeclareExactlyTheFieldsTheParserAccepts() {
        assertThat(names(requestSchema("/daily-logs").path("properties"))).isEqualTo(new LinkedHashSet<>(DailyLogCodec.FIELDS));
        assertThat(names(requestSchema("/weekly-summaries").path("properties")))
                .isEqualTo(SummaryRoutes.WEEKLY_FIELDS.keySet());
        assertThat(names(requestSchema("/monthly-summaries").path("properties")))
                .isEqualTo(SummaryRoutes.MONTHLY_FIELDS.keySet());
        assertThat(names(requestSchema("/reviews").path("properties"))).isEqualTo(ReviewRoute.FIELDS.keySet());
        for (String path : List.of("/daily-logs", "/weekly-summaries", "/monthly-summaries", "/reviews")) {
            assertThat(requestSchema(path).path("additionalProperties").asBoolean(true))
                    .as("%s rejects unknown fields, so must the schema", path).isFalse();
        }
    }

    @Test
    void theRequiredDailyLogFieldsAreTheOnesTheServerRequires() throws Exception {
        Set<String> documented = new TreeSet<>();
        requestSchema("/daily-logs").path("required").forEach(r -> documented.add(r.asText()));
        try (TestServer s = TestServer.start(dir)) {
            JsonNode r = s.postJson("/daily-logs", "{}").json();
            Set<String> required = new TreeSet<>();
            r.path("errors").forEach(e -> required.add(e.path("field").asText()));
            assertThat(required).isEqualTo(documented);
        }
    }

    @Test
    void theRequestsTheTestsSendMatchTheRequestSchemas() throws Exception {
        assertThat(OpenApiContract.VALIDATOR.validate(requestSchema("/daily-logs"), Json.MAPPER.readTree(Samples.VALID)))
                .isEmpty();
        for (String body : List.of("{}", "{\"week\":\"2026-W47\",\"status\":[\"Logged\"],\"force\":true}",
                "{\"start_date\":\"2026-11-16\",\"end_date\":\"2026-11-22\",\"dry_run\":true}")) {
            assertThat(OpenApiContract.VALIDATOR.validate(requestSchema("/weekly-summaries"), Json.MAPPER.readTree(body)))
                    .isEmpty();
        }
        assertThat(OpenApiContract.VALIDATOR.validate(requestSchema("/monthly-summaries"),
                Json.MAPPER.readTree("{\"month\":\"2026-11\",\"dry_run\":false}"))).isEmpty();
        assertThat(OpenApiContract.VALIDATOR.validate(requestSchema("/reviews"), Json.MAPPER.readTree(
                "{\"period\":\"2026-Q4\",\"format\":\"html\",\"lang\":\"en\",\"save\":true,\"status\":[\"Logged\"]}")))
                .isEmpty();
        // and the schema really constrains: an unknown field and a wrong type are caught
        assertThat(OpenApiContract.VALIDATOR.validate(requestSchema("/daily-logs"),
                Json.MAPPER.readTree("{\"title\":1,\"x\":2}"))).hasSize(6);
    }

    @Test
    void theValidatorItselfCanFail() throws Exception {
        JsonNode health = OpenApiContract.VALIDATOR.resolve("#/components/schemas/Health");
        assertThat(OpenApiContract.VALIDATOR.validate(health, Json.MAPPER.readTree("{\"status\":\"ok\"}")))
                .containsExactly("$: missing required 'timestamp'");
        assertThat(OpenApiContract.VALIDATOR.validate(health,
                Json.MAPPER.readTree("{\"status\":\"down\",\"timestamp\":\"2026-11-30T00:00:00Z\",\"x\":1}")))
                .hasSize(2);
        assertThat(OpenApiContract.VALIDATOR.validate(health,
                Json.MAPPER.readTree("{\"status\":\"ok\",\"timestamp\":\"t\"}")))
                .containsExactly("$.timestamp: 't' is not a date-time");
        assertThatThrownBy(() -> OpenApiContract.VALIDATOR.validate(Json.MAPPER.readTree("{\"oneOf\":[]}"),
                Json.MAPPER.readTree("1"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void seed(TestServer s) {
        s.store.seed(new DailyLog(null, null, "Tuned GC", "### Situation\na\n### Task\nb\n### Action\n- c\n### Result\n"
                + "d", "성능개선", ImpactLevel.HIGH, List.of("Java"), LocalDate.parse("2026-11-17"), "Logged", null, null));
    }

    /** Makes every documented status of every operation happen, each reply checked against its schema. */
    @Test
    void everyDocumentedStatusOfEveryOperationOccursAndMatchesItsSchema() throws Exception {
        Set<String> seen = new TreeSet<>();
        try (TestServer s = TestServer.builder(dir.resolve("open")).start()) {
            record(seen, "GET /health", s.get("/health"));
            record(seen, "HEAD /health", s.send("HEAD", "/health", null));
            record(seen, "GET /openapi.json", s.get("/openapi.json"));
            record(seen, "GET /docs", s.get("/docs"));

            String d = "POST /daily-logs";
            record(seen, d, s.postJson("/daily-logs?dry_run=true", Samples.VALID));
            record(seen, d, s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "c1"));
            record(seen, d, s.postJson("/daily-logs", Samples.valid("x", "2026-11-20"), "Idempotency-Key", "c1"));
            record(seen, d, s.postJson("/daily-logs", "{}"));
            record(seen, d, s.send("POST", "/daily-logs", Samples.VALID.getBytes(), "Content-Type", "text/plain"));
            record(seen, d, s.postJson("/daily-logs", "\"" + "x".repeat(WorkLogApi.MAX_BODY_BYTES) + "\""));
            s.store.down();
            record(seen, d, s.postJson("/daily-logs", Samples.VALID));
            s.store.refusing();
            record(seen, d, s.postJson("/daily-logs", Samples.VALID));
            // a store whose configuration is wrong is the server's fault: 500 (a store bug is queued instead)
            s.store.failWith(() -> new dev.worklog.error.ConfigurationException("NOTION_DB1_ID is not set"));
            record(seen, d, s.postJson("/daily-logs", Samples.VALID));
            s.store.up();
            seed(s);
            for (String route : List.of("/weekly-summaries", "/monthly-summaries", "/reviews")) {
                String op = "POST " + route;
                String first = route.startsWith("/weekly") ? "{\"week\":\"2026-W47\"}"
                        : route.startsWith("/monthly") ? "{\"month\":\"2026-11\"}" : "{\"period\":\"2026-Q4\"}";
                record(seen, op, s.postJson(route, first));
                if (!route.equals("/reviews")) {
                    // the other 200: a prompt preview (show_prompt), checked against its schema like every reply
                    TestServer.Reply preview = s.postJson(route, first.replace("}", ",\"show_prompt\":true}"));
                    assertThat(preview.json().path("status").asText()).isEqualTo("prompt_preview");
                    record(seen, op, preview);
                }
                record(seen, op, s.postJson(route, "{\"nope\":1}"));
                record(seen, op, s.send("POST", route, "{}".getBytes(), "Content-Type", "text/plain"));
                record(seen, op, s.postJson(route, "\"" + "x".repeat(WorkLogApi.MAX_BODY_BYTES) + "\""));
                String body = first.replace("}", ",\"force\":true}");
                s.llm.failWith(() -> new ServerException("claude HTTP 500", null, null));
                record(seen, op, s.postJson(route, body));
                s.llm.failWith(() -> new TransportException("claude request failed: timed out", null,
                        new HttpTimeoutException("timed out")));
                record(seen, op, s.postJson(route, body));
                s.llm.failWith(() -> new RateLimitException("claude HTTP 429"));
                record(seen, op, s.postJson(route, body));
                s.llm.failWith(() -> new IllegalStateException("bug"));
                record(seen, op, s.postJson(route, body));
                s.llm.failWith(null);
            }
        }
        // 503 from load shedding needs a pool that is full: one worker, no queue, held by a blocked request
        try (TestServer s = TestServer.builder(dir.resolve("shed")).pool(1, 0).start()) {
            s.store.blocking();
            CompletableFuture<TestServer.Reply> busy = CompletableFuture.supplyAsync(
                    () -> s.postJson("/daily-logs", Samples.VALID));
            assertThat(s.store.awaitEntered(10)).isTrue();
            record(seen, "POST /daily-logs", s.postJson("/daily-logs", Samples.VALID));
            s.store.release();
            record(seen, "POST /daily-logs", busy.get(10, TimeUnit.SECONDS));
        }
        // 409 needs two workers (one holds the key, one answers); 401 needs a token
        try (TestServer s = TestServer.builder(dir.resolve("auth")).token("t0ken").start()) {
            for (String route : documentedRoutes()) {
                String[] mp = route.split(" ");
                if (!mp[1].equals("/health")) {
                    record(seen, route, mp[0].equals("POST") ? s.postJson(mp[1], "{}") : s.get(mp[1]));
                }
            }
            // the plain health check needs no token; its verbose form does
            record(seen, "GET /health", s.get("/health?verbose"));
            record(seen, "GET /health", s.get("/health?verbose", "Authorization", "Bearer t0ken"));
            s.store.blocking();
            CompletableFuture<TestServer.Reply> holder = CompletableFuture.supplyAsync(() -> s.postJson("/daily-logs",
                    Samples.VALID, "Idempotency-Key", "k", "Authorization", "Bearer t0ken"));
            assertThat(s.store.awaitEntered(10)).isTrue();
            record(seen, "POST /daily-logs", s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k",
                    "Authorization", "Bearer t0ken"));
            s.store.release();
            holder.get(10, TimeUnit.SECONDS);
        }
        Set<String> documented = new TreeSet<>();
        for (String route : documentedRoutes()) {
            String[] mp = route.split(" ");
            OpenApiContract.operation(mp[0], mp[1]).path("responses").fieldNames()
                    .forEachRemaining(status -> documented.add(route + " " + status));
        }
        assertThat(seen).isEqualTo(documented);
        assertThat(Files.exists(dir.resolve("open"))).isTrue();
    }

    private static void record(Set<String> seen, String route, TestServer.Reply reply) {
        seen.add(route + " " + reply.status()); // the reply was already checked against openapi.json by TestServer
    }

}
