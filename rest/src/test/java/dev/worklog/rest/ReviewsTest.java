package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /reviews} over a real server (today is 2026-11-26); every reply is checked against openapi.json. */
class ReviewsTest {
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
        int n = 0;
        for (String day : List.of("2026-10-06", "2026-10-21", "2026-11-03", "2026-11-17", "2026-11-19")) {
            n++;
            s.store.seed(new DailyLog(null, null, "Task " + n + ": tuned service " + n, "### Situation\nslow\n### Task\n"
                    + "faster\n### Action\n- cached\n### Result\nlatency " + (10 * n) + "% lower", n % 2 == 0 ? "성능개선"
                    : "신규기능", n == 4 ? ImpactLevel.HIGH : ImpactLevel.MEDIUM, List.of("Java"), LocalDate.parse(day),
                    "Logged", (10 * n) + "%", "https://jira.example.com/browse/T-" + n));
        }
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void a_quarter_is_rolled_up_first_then_made_into_a_packet_and_an_unchanged_rerun_calls_no_model() {
        TestServer.Reply r = s.postJson("/reviews", "{\"period\":\"2026-Q4\",\"save\":true,\"format\":\"html\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("status").asText()).isEqualTo("saved");
        assertThat(j.path("period").asText()).isEqualTo("2026-Q4");
        assertThat(j.path("days").path("end_date").asText()).isEqualTo("2026-12-31");
        assertThat(j.path("page_id").asText()).isEqualTo("review-2026-Q4");
        // four ISO weeks and two months were missing: rolled up first
        assertThat(j.path("rolled_up")).hasSize(6);
        JsonNode p = j.path("packet");
        assertThat(p.path("achievements").size()).isBetween(1, 5);
        assertThat(p.path("achievements").get(0).path("impact").asText()).isEqualTo("High");
        assertThat(p.path("stats").path("logs").asInt()).isEqualTo(5);
        assertThat(p.path("stats").path("weeks").asInt()).isEqualTo(9);
        List<String> gaps = new ArrayList<>();
        p.path("gaps").forEach(g -> gaps.add(g.path("week").asText()));
        assertThat(gaps).containsExactly("2026-W40", "2026-W42", "2026-W44", "2026-W46", "2026-W48");
        assertThat(j.path("document").asText()).startsWith("<!DOCTYPE html>")
                .contains("href=\"https://jira.example.com/browse/T-4\"");
        int calls = s.llm.calls;

        TestServer.Reply again = s.postJson("/reviews", "{\"period\":\"2026-Q4\",\"format\":\"markdown\"}");
        assertThat(again.json().path("status").asText()).isEqualTo("unchanged");
        assertThat(again.json().path("token_usage").path("total_tokens").asLong()).isZero();
        assertThat(again.json().path("document").asText()).startsWith("# Review 2026-Q4");
        assertThat(s.llm.calls).as("no model call for an unchanged packet").isEqualTo(calls);

        TestServer.Reply resume = s.postJson("/reviews", "{\"period\":\"2026-Q4\",\"format\":\"json-resume\"}");
        assertThat(resume.json().path("document").asText()).contains("\"highlights\"", "Task 4: tuned service 4");
    }

    @Test
    void json_resume_adds_the_achievements_to_the_roles_of_worklog_resume_file() throws java.io.IOException {
        Path base = dir.resolve("resume.json");
        java.nio.file.Files.writeString(base, "{\"basics\":{\"name\":\"Kim\"},\"work\":[{\"name\":\"Acme\","
                + "\"position\":\"Engineer\",\"startDate\":\"2020-01\"}]}");
        s.close();
        s = TestServer.builder(dir.resolve("with-resume")).config(java.util.Map.of("WORKLOG_RESUME_FILE", base.toString()))
                .store(s.store).start();
        TestServer.Reply r = s.postJson("/reviews", "{\"period\":\"2026-Q4\",\"format\":\"json-resume\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode resume = dev.worklog.internal.Json.MAPPER.readTree(r.json().path("document").asText());
        assertThat(resume.path("basics").path("name").asText()).isEqualTo("Kim");
        assertThat(resume.path("work")).hasSize(1);
        assertThat(resume.path("work").get(0).path("name").asText()).isEqualTo("Acme");
        assertThat(resume.path("work").get(0).path("highlights").toString()).contains("Task 4: tuned service 4");

        java.nio.file.Files.writeString(base, "not json");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WorkLogApi.builder()
                .config(dev.worklog.config.WorkLogConfig.of(java.util.Map.of("WORKLOG_RESUME_FILE", base.toString())))
                .outboxDirectory(dir.resolve("bad-outbox")).build()))
                .isInstanceOf(dev.worklog.error.ConfigurationException.class).hasMessageContaining("WORKLOG_RESUME_FILE");
    }

    @Test
    void a_dry_run_returns_the_prompt_and_leaves_the_store_alone() {
        TestServer.Reply r = s.postJson("/reviews?dry_run=true", "{\"period\":\"2026-10~2026-11\",\"lang\":\"ko\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("status").asText()).isEqualTo("dry_run");
        assertThat(j.path("packet").isNull()).isTrue();
        assertThat(j.path("prompt").asText()).contains("2026-10~2026-11");
        assertThat(j.path("missing_months")).hasSize(2);
        assertThat(s.store.findWeeklies(new dev.worklog.model.Period(LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-30")))).isEmpty();
        assertThat(s.llm.calls).isZero();
    }

    @Test
    void without_a_body_the_current_quarter_and_every_field_error_at_once() {
        TestServer.Reply r = s.send("POST", "/reviews", new byte[0]);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("period").asText()).isEqualTo("2026-Q4");
        assertThat(r.json().path("status").asText()).isEqualTo("generated");

        TestServer.Reply bad = s.postJson("/reviews", "{\"period\":\"2026-Q5\",\"format\":\"pdf\",\"lang\":\"fr\","
                + "\"status\":[\"Nope\"],\"save\":\"yes\"}");
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("period", "format", "lang", "status[0]", "save");

        TestServer.Reply future = s.postJson("/reviews", "{\"period\":\"2027\"}");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().path("errors").get(0).path("message").asText()).contains("has not started yet");
    }
}
