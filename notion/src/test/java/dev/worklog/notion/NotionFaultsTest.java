package dev.worklog.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.WorkLogException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.notion.fake.FakeNotionServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fault sequences scripted with WireMock: retries, waits, duplicate protection, error messages. */
class NotionFaultsTest {
    private static final String QUERY = "/v1/data_sources/ds-1/query";
    private static final String EMPTY = "{\"object\":\"list\",\"results\":[],\"has_more\":false,\"next_cursor\":null}";
    /** The daily data source's schema as far as saving needs it: it has the optional Entry ID property. */
    private static final String SCHEMA = "{\"object\":\"data_source\",\"id\":\"ds-1\",\"properties\":{"
            + "\"Entry ID\":{\"id\":\"e1\",\"name\":\"Entry ID\",\"type\":\"rich_text\",\"rich_text\":{}}}}";

    private WireMockServer wm;
    private TestTime time;
    private Path logFile;
    private NotionWorkLogRepository repo;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlEqualTo("/v1/databases/" + FakeNotionServer.DB1)).willReturn(okJson(
                "{\"object\":\"database\",\"id\":\"" + FakeNotionServer.DB1
                        + "\",\"data_sources\":[{\"id\":\"ds-1\",\"name\":\"Daily\"}]}")));
        wm.stubFor(get(urlEqualTo("/v1/data_sources/ds-1")).willReturn(okJson(SCHEMA)));
        time = TestTime.at("2026-11-26T09:00:00Z");
        logFile = dir.resolve("execution.log");
        repo = Fixtures.repo(URI.create(wm.baseUrl()), "2025-09-03", time,
                ExecutionLog.toFile(logFile, time, ZoneOffset.UTC, List.of(Fixtures.TOKEN))).build();
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\""
                        + message + "\",\"request_id\":\"req-" + status + "\"}");
    }

    private void sequence(String path, List<ResponseDefinitionBuilder> responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.size(); i++) {
            String next = i == responses.size() - 1 ? "done" : "step-" + (i + 1);
            wm.stubFor(post(urlEqualTo(path)).inScenario("seq").whenScenarioStateIs(state)
                    .willReturn(responses.get(i)).willSetStateTo(next));
            state = next;
        }
    }

    private static Period week() {
        return Period.isoWeekOf(LocalDate.of(2026, 11, 23));
    }

    @Test
    void rateLimitWaitsTheFullRetryAfterAndIsLogged() throws Exception {
        sequence(QUERY, List.of(
                aResponse().withStatus(429).withHeader("Retry-After", "90").withHeader("Content-Type",
                        "application/json").withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\","
                                + "\"message\":\"You have been rate limited.\",\"request_id\":\"req-429\","
                                + "\"additional_data\":{\"rate_limit_reason\":\"workspace_rate_limit\"}}"),
                okJson(EMPTY)));
        assertThat(repo.findDailyLogs(week(), Set.of())).isEmpty();

        assertThat(time.sleeps()).contains(Duration.ofSeconds(90));
        assertThat(time.slept()).isLessThan(Duration.ofSeconds(91));
        wm.verify(2, postRequestedFor(urlEqualTo(QUERY))
                .withHeader("Notion-Version", equalTo("2025-09-03"))
                .withHeader("Authorization", equalTo("Bearer " + Fixtures.TOKEN))
                .withRequestBody(matchingJsonPath("$.page_size", equalTo("100")))
                .withRequestBody(matchingJsonPath("$.filter.and[0].date.on_or_after", equalTo("2026-11-23")))
                .withRequestBody(matchingJsonPath("$.filter.and[1].date.on_or_before", equalTo("2026-11-29"))));
        String log = Files.readString(logFile);
        assertThat(log).contains("[INFO] notion - rate_limit_exceeded (workspace_rate_limit)")
                .contains("retry 1 of 6 in 90 s").doesNotContain(Fixtures.TOKEN);
    }

    @Test
    void transientFailuresRecoverWithBackoff() {
        // five failures in a row would open the default breaker (three): this one tolerates them
        repo = Fixtures.repo(URI.create(wm.baseUrl()), "2025-09-03", time, ExecutionLog.disabled())
                .circuitBreaker(dev.worklog.http.CircuitBreaker.builder("notion").failureThreshold(6).clock(time)
                        .build()).build();
        sequence(QUERY, List.of(
                error(500, "internal_server_error", "Unexpected error."),
                aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"),
                error(503, "service_unavailable", "Notion is unavailable."),
                error(504, "gateway_timeout", "Timed out."),
                error(529, "service_overload", "Overloaded.").withHeader("Retry-After", "2"),
                okJson(EMPTY)));
        assertThat(repo.findDailyLogs(week(), Set.of())).isEmpty();
        wm.verify(6, postRequestedFor(urlEqualTo(QUERY)));
        // 1 s doubling, minus half the 25 % jitter; the 529 waits what it asked for
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(875), Duration.ofMillis(1750),
                Duration.ofMillis(3500), Duration.ofMillis(7000), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void clientErrorsAreNotRetriedAndSayWhatToDo(int status) {
        String code = status == 400 ? "validation_error" : status == 401 ? "unauthorized"
                : status == 403 ? "restricted_resource" : "object_not_found";
        wm.stubFor(post(urlEqualTo(QUERY)).willReturn(error(status, code, "Notion said no.")));
        assertThatThrownBy(() -> repo.findDailyLogs(week(), Set.of()))
                .isInstanceOf(status == 400 ? InvalidRequestException.class : status == 401
                        ? AuthenticationException.class : status == 403 ? PermissionDeniedException.class
                                : NotFoundException.class)
                .satisfies(e -> {
                    String m = e.getMessage();
                    assertThat(m).contains("HTTP " + status, code, "req-" + status).doesNotContain(Fixtures.TOKEN);
                    if (status == 400) {
                        assertThat(m).contains("verifySchema");
                    } else if (status == 401) {
                        assertThat(m).contains("NOTION_API_KEY");
                    } else {
                        assertThat(m).contains("Connections", "NOTION_DB1_ID");
                    }
                    assertThat(((WorkLogException) e).isRetryable()).isFalse();
                });
        wm.verify(1, postRequestedFor(urlEqualTo(QUERY)));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aConnectionResetAfterTheCreateLandedIsNotSentAgain() {
        wm.stubFor(post(urlEqualTo("/v1/pages")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("landed"));
        wm.stubFor(post(urlEqualTo(QUERY)).inScenario("create").whenScenarioStateIs("landed")
                .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"results\":[{\"object\":\"page\","
                        + "\"id\":\"page-1\",\"url\":\"https://www.notion.so/page1\",\"properties\":{\"Entry ID\":{"
                        + "\"type\":\"rich_text\",\"rich_text\":[{\"plain_text\":\"entry-once\",\"text\":{"
                        + "\"content\":\"entry-once\"}}]}}}]}")));
        StoredRef ref = repo.saveDailyLog(Fixtures.log("once", LocalDate.of(2026, 11, 24), "body")
                .withEntryId("entry-once"));
        assertThat(ref).isEqualTo(new StoredRef("page-1", "https://www.notion.so/page1"));
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/pages"))
                .withRequestBody(matchingJsonPath("$.parent.data_source_id", equalTo("ds-1")))
                .withRequestBody(matchingJsonPath("$.properties['Logged Date'].date.start", equalTo("2026-11-24")))
                .withRequestBody(matchingJsonPath("$.properties['Entry ID'].rich_text[0].text.content",
                        equalTo("entry-once"))));
        // the landed check is an exact look-up by entry id (plus pages of that title and day without one)
        wm.verify(1, postRequestedFor(urlEqualTo(QUERY))
                .withRequestBody(matchingJsonPath("$.filter.or[0].property", equalTo("Entry ID")))
                .withRequestBody(matchingJsonPath("$.filter.or[0].rich_text.equals", equalTo("entry-once")))
                .withRequestBody(matchingJsonPath("$.filter.or[1].and[0].title.equals", equalTo("once")))
                .withRequestBody(matchingJsonPath("$.filter.or[1].and[2].rich_text.is_empty", equalTo("true"))));
    }

    @Test
    void aPageOfTheSameTitleAndDayWithAnotherEntryIdIsNotTakenForTheLostCreate() {
        wm.stubFor(post(urlEqualTo("/v1/pages")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost"));
        // the query finds only another entry's page (same title, same day): the lost create did not land
        wm.stubFor(post(urlEqualTo(QUERY)).inScenario("create").whenScenarioStateIs("lost")
                .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"results\":[{\"object\":\"page\","
                        + "\"id\":\"other\",\"url\":\"https://www.notion.so/other\",\"properties\":{\"Entry ID\":{"
                        + "\"type\":\"rich_text\",\"rich_text\":[{\"plain_text\":\"entry-other\",\"text\":{"
                        + "\"content\":\"entry-other\"}}]}}}]}")).willSetStateTo("looked once"));
        wm.stubFor(post(urlEqualTo(QUERY)).inScenario("create").whenScenarioStateIs("looked once")
                .willReturn(okJson(EMPTY)).willSetStateTo("checked"));
        wm.stubFor(post(urlEqualTo("/v1/pages")).inScenario("create").whenScenarioStateIs("checked")
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"mine\",\"url\":\"https://www.notion.so/mine\"}")));
        StoredRef ref = repo.saveDailyLog(Fixtures.log("same title", LocalDate.of(2026, 11, 24), "body")
                .withEntryId("entry-mine"));
        assertThat(ref.id()).isEqualTo("mine");
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/pages")));
    }

    @Test
    void aServerErrorOnCreateIsRetriedOnlyAfterCheckingItDidNotLand() {
        wm.stubFor(post(urlEqualTo("/v1/pages")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html><title>502</title></html>"))
                .willSetStateTo("failed"));
        wm.stubFor(post(urlEqualTo(QUERY)).inScenario("create").whenScenarioStateIs("failed")
                .willReturn(okJson(EMPTY)).willSetStateTo("looked once"));
        wm.stubFor(post(urlEqualTo(QUERY)).inScenario("create").whenScenarioStateIs("looked once")
                .willReturn(okJson(EMPTY)).willSetStateTo("checked"));
        wm.stubFor(post(urlEqualTo("/v1/pages")).inScenario("create").whenScenarioStateIs("checked")
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-2\",\"url\":\"https://www.notion.so/p2\"}")));
        StoredRef ref = repo.saveDailyLog(Fixtures.log("twice", LocalDate.of(2026, 11, 24), "body"));
        assertThat(ref.id()).isEqualTo("page-2");
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/pages")));
        // not found, so looked up once more a second later (a query may not show a page created a moment before)
        wm.verify(2, postRequestedFor(urlEqualTo(QUERY)));
        assertThat(time.sleeps()).startsWith(Duration.ofSeconds(1));
    }

    @Test
    void anOutageOpensTheBreakerAfterThreeFailedAttemptsAndLaterCallsFailAtOnce() {
        wm.stubFor(post(urlEqualTo(QUERY)).willReturn(error(503, "service_unavailable", "Notion is unavailable.")));
        assertThatThrownBy(() -> repo.findDailyLogs(week(), Set.of()))
                .isInstanceOf(dev.worklog.error.CircuitOpenException.class)
                .hasMessageContaining("notion is failing (3 consecutive failed calls, the last: HTTP 503)");
        wm.verify(3, postRequestedFor(urlEqualTo(QUERY)));
        assertThat(time.sleeps()).hasSize(2); // no wait after the failure that opened it
        assertThatThrownBy(() -> repo.saveDailyLog(Fixtures.log("during the outage", LocalDate.of(2026, 11, 24), "b")))
                .isInstanceOf(dev.worklog.error.CircuitOpenException.class);
        wm.verify(0, postRequestedFor(urlEqualTo("/v1/pages")));
        assertThat(repo.circuitBreaker()).hasValueSatisfying(b -> assertThat(b.isClosed()).isFalse());
    }

    @Test
    void aWaitBeyondTheBudgetFailsClearlyWithoutWaiting() throws Exception {
        wm.stubFor(post(urlEqualTo(QUERY)).willReturn(error(429, "rate_limited", "Slow down.")
                .withHeader("Retry-After", "3600")));
        assertThatThrownBy(() -> repo.findDailyLogs(week(), Set.of()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("retry budget of 900 s would be exceeded");
        assertThat(time.sleeps()).isEmpty();
        assertThat(Files.readString(logFile)).contains("[ERROR] notion - rate_limit_exceeded - gave up: notion HTTP "
                + "429 rate_limited");
    }

    @Test
    void anHtmlGatewayErrorIsDescribedWithTheHeaderRequestId() {
        NotionWorkLogRepository once = Fixtures.repo(URI.create(wm.baseUrl()), "2025-09-03", time,
                ExecutionLog.disabled()).retryPolicy(Fixtures.policy().toBuilder().maxRetries(1).build()).build();
        wm.stubFor(post(urlEqualTo(QUERY)).willReturn(aResponse().withStatus(502)
                .withHeader("x-notion-request-id", "hdr-req-9").withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>")));
        assertThatThrownBy(() -> once.findDailyLogs(week(), Set.of()))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("non-JSON (HTML) response: 502 Bad Gateway")
                .hasMessageContaining("hdr-req-9")
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void theDataSourceIsResolvedOnce() {
        wm.stubFor(post(urlEqualTo(QUERY)).willReturn(okJson(EMPTY)));
        repo.findDailyLogs(week(), Set.of());
        repo.findDailyLogs(week(), Set.of());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/databases/" + FakeNotionServer.DB1)));
        wm.verify(2, postRequestedFor(urlEqualTo(QUERY)));
    }
}
