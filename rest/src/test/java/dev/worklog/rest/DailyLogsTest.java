package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.UpstreamError;
import dev.worklog.model.DailyLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyLogsTest {
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static List<String> fields(JsonNode error) {
        List<String> out = new ArrayList<>();
        error.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    @Test
    void storesAValidEntryAnd201sWithPageIdAndUrl() {
        TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("page_id").asText()).isEqualTo("mem-1");
        assertThat(r.json().path("url").asText()).isEqualTo("memory://daily/mem-1");
        DailyLog stored = s.store.dailyLogs().get(0);
        assertThat(stored.title()).isEqualTo("Cut p99 latency of search");
        assertThat(stored.techStack()).containsExactly("Java", "Redis");
        assertThat(stored.loggedDate()).hasToString("2026-11-24");
        assertThat(stored.status()).isEqualTo("Logged");
        assertThat(s.executionLog()).contains("[SUCCESS] api_server - POST /daily-logs stored 'Cut p99 latency");
    }

    @Test
    void defaultsTheDateToTodayAndWarnsAboutMissingStarSections() {
        TestServer.Reply r = s.postJson("/daily-logs", "{\"title\":\"t\",\"context\":\"just text\",\"category\":"
                + "\"기타\",\"impact_level\":\"low\",\"tech_stack\":[\"Go\"]}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("warnings").size()).isPositive();
        assertThat(s.store.dailyLogs().get(0).loggedDate()).hasToString("2026-11-26");
    }

    @Test
    void dryRunValidatesAndPreviewsWithoutWriting() {
        TestServer.Reply r = s.postJson("/daily-logs?dry_run=true", Samples.VALID);
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("dry_run").asBoolean()).isTrue();
        assertThat(j.path("entry").path("impact_level").asText()).isEqualTo("High");
        assertThat(j.path("entry").path("status").asText()).isEqualTo("Logged");
        assertThat(j.path("preview").path("title").asText()).isEqualTo("Cut p99 latency of search");
        assertThat(s.store.saveAttempts()).isZero();
        assertThat(s.postJson("/daily-logs?dry_run=false", Samples.VALID).status()).isEqualTo(201);
        assertThat(s.postJson("/daily-logs?dry_run=maybe", Samples.VALID).status()).isEqualTo(400);
        assertThat(s.postJson("/daily-logs?verbose=1", Samples.VALID).json().path("errors").get(0)
                .path("field").asText()).isEqualTo("verbose");
    }

    @Test
    void listsEveryFieldErrorAtOnce() {
        TestServer.Reply r = s.postJson("/daily-logs", "{\"title\":\" \",\"category\":\"없음\",\"impact_level\":"
                + "\"Huge\",\"tech_stack\":[],\"logged_date\":\"2026-02-30\",\"status\":\"Done\",\"ticket_url\":"
                + "\"ftp://x\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.json())).containsExactly("title", "context", "category", "impact_level", "tech_stack",
                "logged_date", "status", "ticket_url");
        assertThat(r.json().path("detail").asText()).contains("8 field errors");
        assertThat(s.store.saveAttempts()).isZero();
    }

    @Test
    void rejectsUnknownFieldsByName() {
        TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID.replace("{", "{\"titel\":\"x\",\"extra\":1,"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.json())).containsExactly("titel", "extra");
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains("unknown field");
    }

    @Test
    void reportsWrongTypesPerFieldAndItem() {
        TestServer.Reply r = s.postJson("/daily-logs", "{\"title\":5,\"context\":[\"a\"],\"category\":\"기타\","
                + "\"impact_level\":true,\"tech_stack\":[\"Java\",3,null],\"metrics\":{}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.json())).containsExactly("title", "context", "impact_level", "tech_stack[1]",
                "tech_stack[2]", "metrics");
        assertThat(r.json().path("errors").get(0).path("message").asText()).isEqualTo("must be a string, got a number");
    }

    @Test
    void unsupportedContentTypeIs415() {
        TestServer.Reply r = s.send("POST", "/daily-logs", Samples.VALID.getBytes(), "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(s.send("POST", "/daily-logs", Samples.VALID.getBytes()).status()).isEqualTo(415);
        assertThat(s.send("POST", "/daily-logs", Samples.VALID.getBytes(), "Content-Type",
                "application/json; charset=latin1").status()).isEqualTo(415);
        assertThat(s.send("POST", "/daily-logs", Samples.VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "Application/JSON; charset=UTF-8").status()).isEqualTo(201);
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        String huge = "{\"title\":\"" + "x".repeat(WorkLogApi.MAX_BODY_BYTES) + "\"}";
        TestServer.Reply r = s.postJson("/daily-logs", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("detail").asText()).contains("1 MiB");
    }

    @Test
    void aStoreThatRefusesForGoodIs502WithTheUpstreamRequestId() {
        s.store.failWith(() -> new AuthenticationException("notion HTTP 401 unauthorized: API token is invalid",
                new UpstreamError("notion", 401, "unauthorized", "API token is invalid", "req-abc-123", null, ""), null));
        TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID);
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().path("upstream").path("request_id").asText()).isEqualTo("req-abc-123");
        assertThat(r.json().path("upstream").path("status").asInt()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("at dev.worklog", "Exception");
        assertThat(s.outbox.pending()).isEmpty();
        assertThat(s.executionLog()).contains("[ERROR] api_server - POST /daily-logs failed");
    }

    @Test
    void anUnexpectedStoreBugKeepsTheEntryQueuedWithoutShowingInternals() {
        // the bug may have struck after the write landed: the entry is kept, and its delivery looks it up first
        s.store.failWith(() -> new IllegalStateException("secret internals"));
        TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).doesNotContain("secret internals", "at dev.");
        assertThat(s.outbox.pending()).singleElement()
                .satisfies(e -> assertThat(e.log().entryId()).isEqualTo(r.json().path("entry_id").asText()));
    }

    @Test
    void aBugOutsideTheStoreIsAGeneric500WithoutAStackTrace() {
        s.llm.failWith(() -> new IllegalStateException("secret internals"));
        s.postJson("/daily-logs", Samples.VALID);
        TestServer.Reply r = s.postJson("/weekly-summaries", "{\"week\":\"2026-W48\"}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().path("detail").asText()).isEqualTo("internal server error");
        assertThat(r.body()).doesNotContain("secret internals", "at dev.");
    }

    @Test
    void theAnswerNamesTheEntryIdWhichTheKeyDecides() {
        TestServer.Reply a = s.postJson("/daily-logs", Samples.VALID);
        TestServer.Reply b = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "abc-1");
        assertThat(a.json().path("entry_id").asText()).isNotBlank();
        assertThat(b.json().path("entry_id").asText()).isEqualTo(dev.worklog.model.EntryIds.fromIdempotencyKey("abc-1"));
        assertThat(s.store.dailyLogs()).extracting(dev.worklog.model.DailyLog::entryId)
                .containsExactly(a.json().path("entry_id").asText(), b.json().path("entry_id").asText());
        TestServer.Reply dry = s.postJson("/daily-logs?dry_run=true", Samples.VALID, "Idempotency-Key", "abc-1");
        assertThat(dry.json().path("entry").path("entry_id").asText()).isEqualTo(b.json().path("entry_id").asText());
    }

    @Test
    void aCompressedBodyIs415() {
        TestServer.Reply r = s.send("POST", "/daily-logs", Samples.VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Content-Encoding", "gzip");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().path("detail").asText()).contains("Content-Encoding gzip is not supported");
    }
}
