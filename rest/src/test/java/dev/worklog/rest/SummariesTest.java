package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.error.UpstreamError;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {
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

    private void seed(String date, String title, String status) {
        s.store.seed(new DailyLog(null, null, title, "### Situation\nx\n### Task\ny\n### Action\n- z\n### Result\n"
                + "latency 40% lower", "성능개선", ImpactLevel.HIGH, List.of("Java"), LocalDate.parse(date), status,
                "40%", null));
    }

    @Test
    void weeklyWritesThenKeepsAnUnchangedRollup() {
        seed("2026-11-17", "Tuned GC", "Logged");
        seed("2026-11-19", "Cached search", "Logged");
        TestServer.Reply r = s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("status").asText()).isEqualTo("written");
        assertThat(j.path("week").asText()).isEqualTo("2026-W47");
        assertThat(j.path("period").path("start_date").asText()).isEqualTo("2026-11-16");
        assertThat(j.path("logs_read").asInt()).isEqualTo(2);
        assertThat(j.path("page_id").asText()).isEqualTo("week-2026-11-16");
        assertThat(j.path("rollup").path("achievements").size()).isBetween(1, 5);
        assertThat(j.path("token_usage").path("total_tokens").asLong()).isGreaterThanOrEqualTo(0);

        TestServer.Reply again = s.postJson("/weekly-summaries", "{\"start_date\":\"2026-11-16\",\"end_date\":"
                + "\"2026-11-22\"}");
        assertThat(again.json().path("status").asText()).isEqualTo("unchanged");
        TestServer.Reply forced = s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\",\"force\":true}");
        assertThat(forced.json().path("status").asText()).isEqualTo("written");
    }

    @Test
    void weeklyDryRunStoresNothingAndTheDefaultPeriodIsTheCurrentIsoWeek() {
        seed("2026-11-25", "Fixed bug", "Logged");
        TestServer.Reply r = s.postJson("/weekly-summaries", "{\"dry_run\":true}");
        assertThat(r.json().path("status").asText()).isEqualTo("dry_run");
        // today is Thursday 2026-11-26: Monday to Sunday around it
        assertThat(r.json().path("period").path("start_date").asText()).isEqualTo("2026-11-23");
        assertThat(r.json().path("period").path("end_date").asText()).isEqualTo("2026-11-29");
        assertThat(r.json().path("week").asText()).isEqualTo("2026-W48");
        assertThat(r.json().path("label").asText()).isEqualTo("2026-W48");
        assertThat(r.json().path("page_id").isNull()).isTrue();
        assertThat(s.store.findWeeklies(dev.worklog.model.Period.of(java.time.YearMonth.of(2026, 11)))).isEmpty();
        // an empty body without a content type means "all defaults", and dry_run works as a query parameter too
        TestServer.Reply bare = s.send("POST", "/weekly-summaries?dry_run=true", null);
        assertThat(bare.json().path("status").asText()).isEqualTo("dry_run");
    }

    @Test
    void previousIsTheLastCompleteWeekAndAnyOtherPeriodIsNamedByItsDates() {
        seed("2026-11-17", "Tuned GC", "Logged");
        JsonNode previous = s.postJson("/weekly-summaries", "{\"previous\":true,\"dry_run\":true}").json();
        assertThat(previous.path("week").asText()).isEqualTo("2026-W47");
        assertThat(previous.path("period").path("start_date").asText()).isEqualTo("2026-11-16");

        JsonNode dates = s.postJson("/weekly-summaries", "{\"start_date\":\"2026-11-17\",\"end_date\":\"2026-11-23\","
                + "\"dry_run\":true}").json();
        assertThat(dates.path("week").isNull()).as("not an ISO week: no week label").isTrue();
        assertThat(dates.path("label").asText()).isEqualTo("2026-11-17 ~ 2026-11-23");

        TestServer.Reply both = s.postJson("/weekly-summaries", "{\"previous\":true,\"week\":\"2026-W47\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("errors").get(0).path("field").asText()).isEqualTo("previous");
        // the monthly's previous: the latest month whose every ISO week is over (October, on 26 November)
        assertThat(s.postJson("/monthly-summaries", "{\"previous\":true,\"dry_run\":true}").json().path("month")
                .asText()).isEqualTo("2026-10");
        assertThat(s.postJson("/monthly-summaries", "{\"previous\":true,\"month\":\"2026-10\"}").status())
                .isEqualTo(400);
    }

    @Test
    void monthlyRollsUpAMissingWeekFirstUnlessTurnedOffAndListsTheWeeksUsed() {
        seed("2026-11-03", "Early", "Logged");
        seed("2026-11-17", "Tuned GC", "Logged");
        s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}");

        JsonNode off = s.postJson("/monthly-summaries", "{\"month\":\"2026-11\",\"dry_run\":true,"
                + "\"roll_up_missing_weeks\":false}").json();
        assertThat(off.path("weeks").get(0).asText()).isEqualTo("2026-W47");
        assertThat(off.path("weeks").size()).isEqualTo(1);
        assertThat(off.path("weeks_rolled_up").size()).isZero();

        JsonNode on = s.postJson("/monthly-summaries", "{\"month\":\"2026-11\"}").json();
        assertThat(on.path("weeks_read").asInt()).isEqualTo(2);
        assertThat(on.path("weeks").get(0).asText()).isEqualTo("2026-W45");
        assertThat(on.path("weeks_rolled_up").get(0).path("label").asText()).isEqualTo("2026-W45");
        assertThat(on.path("weeks_rolled_up").get(0).path("status").asText()).isEqualTo("written");
        assertThat(on.path("weeks_rolled_up").get(0).path("logs_read").asInt()).isEqualTo(1);
        assertThat(s.store.findWeekly(dev.worklog.model.Period.parseIsoWeek("2026-W45"))).isPresent();
    }

    @Test
    void weeklyFiltersByStatusAndReportsNoSources() {
        seed("2026-11-17", "Draft", "In Review");
        TestServer.Reply r = s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\",\"status\":[\"published\"]}");
        assertThat(r.json().path("status").asText()).isEqualTo("no_sources");
        assertThat(r.json().path("rollup").isNull()).isTrue();
        assertThat(s.llm.calls).isZero();
    }

    @Test
    void weeklyRequestErrorsAreAllListed() {
        TestServer.Reply r = s.postJson("/weekly-summaries", "{\"week\":\"2026-W99\",\"start_date\":\"x\","
                + "\"status\":[\"Nope\"],\"dry_run\":\"yes\",\"bogus\":1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("dry_run", "bogus", "week", "status[0]");
        assertThat(s.postJson("/weekly-summaries", "{\"start_date\":\"2026-11-20\"}").json().path("errors")
                .get(0).path("field").asText()).isEqualTo("end_date");
        assertThat(s.postJson("/weekly-summaries", "{\"start_date\":\"2026-11-20\",\"end_date\":\"2026-11-10\"}")
                .status()).isEqualTo(400);
        assertThat(s.postJson("/weekly-summaries", "{\"start_date\":\"2026-01-01\",\"end_date\":\"2026-12-31\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void monthlyRollsUpTheWeeks() {
        seed("2026-11-17", "Tuned GC", "Logged");
        s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}");
        TestServer.Reply r = s.postJson("/monthly-summaries", "{\"month\":\"2026-11\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("written");
        assertThat(r.json().path("month").asText()).isEqualTo("2026-11");
        assertThat(r.json().path("weeks_read").asInt()).isEqualTo(1);
        assertThat(r.json().path("rollup").path("stats").path("total_logs").asInt()).isEqualTo(1);
        assertThat(r.json().path("rollup").path("career_brief").size()).isPositive();
        TestServer.Reply dry = s.postJson("/monthly-summaries", "{\"month\":\"2026-11\",\"dry_run\":true,\"force\":true}");
        assertThat(dry.json().path("status").asText()).isEqualTo("dry_run");
    }

    @Test
    void monthlyWithoutWeeksIsNoSourcesAndBadMonthsAre400() {
        assertThat(s.postJson("/monthly-summaries", "{}").json().path("status").asText()).isEqualTo("no_sources");
        assertThat(s.postJson("/monthly-summaries", "{\"month\":\"2026-13\"}").status()).isEqualTo(400);
        assertThat(s.postJson("/monthly-summaries", "{\"month\":\"Nov\"}").json().path("errors").get(0)
                .path("field").asText()).isEqualTo("month");
    }

    @Test
    void llmFailuresBecome502504Or503WithTheUpstreamRequestId() {
        seed("2026-11-17", "Tuned GC", "Logged");
        UpstreamError overloaded = new UpstreamError("claude", 529, "overloaded_error", "Overloaded", "req_011", null, "");
        s.llm.failWith(() -> new ServerException("claude HTTP 529 overloaded_error", overloaded, null));
        TestServer.Reply bad = s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}");
        assertThat(bad.status()).isEqualTo(502);
        assertThat(bad.json().path("upstream").path("request_id").asText()).isEqualTo("req_011");

        s.llm.failWith(() -> new TransportException("claude request failed: timed out", null,
                new HttpTimeoutException("request timed out")));
        assertThat(s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}").status()).isEqualTo(504);

        UpstreamError limited = new UpstreamError("claude", 429, "rate_limit_error", "slow down", "req_012",
                Duration.ofSeconds(42), "");
        s.llm.failWith(() -> new RateLimitException("claude HTTP 429 rate_limit_error", limited, null));
        TestServer.Reply slow = s.postJson("/weekly-summaries", "{\"week\":\"2026-W47\"}");
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.header("Retry-After")).isEqualTo("42");
        assertThat(slow.json().path("upstream").path("request_id").asText()).isEqualTo("req_012");
        assertThat(s.executionLog()).contains("[ERROR] api_server - POST /weekly-summaries failed");
    }
}
