package dev.worklog.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.error.UpstreamError;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpExecutorTest {
    private static final String KEY = "sk-test-supersecret-123";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String BODY = "{\"model\":\"m\",\"prompt\":\"주간 요약\"}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<RetryEvent> events = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private static RetryPolicy.Builder policy() {
        return RetryPolicy.builder().random(() -> 0.0);
    }

    private HttpExecutor executor(RetryPolicy policy) {
        return executor(policy, ErrorReader.generic());
    }

    private HttpExecutor executor(RetryPolicy policy, ErrorReader reader) {
        return HttpExecutor.builder("claude")
                .retryPolicy(policy)
                .clock(CLOCK)
                .sleeper(sleeps::add)
                .errorReader(reader)
                .secrets(List.of(KEY))
                .beforeAttempt(attempts::incrementAndGet)
                .onRetry(events::add)
                .build();
    }

    private static HttpRequest postRequest() {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/v1/messages"))
                .header("x-api-key", KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
    }

    private static void stubSequence(ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            wm.stubFor(post(urlEqualTo("/v1/messages")).inScenario("sequence").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("content-type", "application/json")
                .withBody("{\"text\":\"완료 ✅\"}");
    }

    private static ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withHeader("content-type", "application/json")
                .withHeader("request-id", "req_" + status)
                .withBody("{\"error\":{\"type\":\"e" + status + "\",\"message\":\"failure " + status + "\"}}");
    }

    private static void verifyPosts(int count) {
        wm.verify(count, postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("content-type", equalTo("application/json"))
                .withRequestBody(equalToJson(BODY)));
        assertThat(wm.getAllServeEvents()).hasSize(count);
    }

    @Test
    void returnsASuccessfulResponseAsUtf8Text() {
        stubSequence(ok());

        HttpResult result = executor(policy().build()).execute(postRequest());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("{\"text\":\"완료 ✅\"}");
        assertThat(result.headers().firstValue("content-type")).contains("application/json");
        verifyPosts(1);
        assertThat(sleeps).isEmpty();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void rateLimitWithRetryAfterSecondsWaitsThatLong() {
        stubSequence(error(429).withHeader("Retry-After", "2"), ok());

        HttpResult result = executor(policy().build()).execute(postRequest());

        assertThat(result.status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        verifyPosts(2);
        assertThat(attempts).hasValue(2);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.isRateLimit()).isTrue();
            assertThat(e.retry()).isEqualTo(1);
            assertThat(e.maxRetries()).isEqualTo(2);
            assertThat(e.delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(e.describe()).startsWith("rate_limit_exceeded - claude HTTP 429").contains("retry 1 of 2 in 2 s");
        });
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        stubSequence(error(429).withHeader("retry-after-ms", "1500").withHeader("Retry-After", "30"), ok());

        executor(policy().build()).execute(postRequest());

        assertThat(sleeps).containsExactly(Duration.ofMillis(1500));
        verifyPosts(2);
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() {
        stubSequence(error(503).withHeader("Retry-After", "Tue, 24 Nov 2026 10:00:07 GMT"), ok());

        executor(policy().build()).execute(postRequest());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        verifyPosts(2);
    }

    @Test
    void shouldRetryFalseStopsAtOnce() {
        stubSequence(error(500).withHeader("x-should-retry", "false"), ok());

        assertThatThrownBy(() -> executor(policy().build()).execute(postRequest()))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("claude HTTP 500 e500: failure 500 (request id req_500)")
                .hasMessageNotContaining("attempts");
        assertThat(sleeps).isEmpty();
        verifyPosts(1);
    }

    @Test
    void shouldRetryTrueRetriesEvenA400() {
        stubSequence(error(400).withHeader("x-should-retry", "true"), ok());

        assertThat(executor(policy().build()).execute(postRequest()).status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
        verifyPosts(2);
    }

    @Test
    void aClientErrorIsNotRetried() {
        stubSequence(error(400), ok());

        assertThatThrownBy(() -> executor(policy().build()).execute(postRequest()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("failure 400");
        verifyPosts(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorsRecoverWithThePolicysBackoff() {
        stubSequence(error(500), error(500), ok());
        RetryPolicy p = policy().initialBackoff(Duration.ofMillis(300)).maxRetries(3).build();

        HttpResult result = executor(p).execute(postRequest());

        assertThat(result.status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(p.backoff(1), p.backoff(2)).containsExactly(Duration.ofMillis(300),
                Duration.ofMillis(600));
        verifyPosts(3);
        assertThat(events).extracting(RetryEvent::retry).containsExactly(1, 2);
        assertThat(events).noneMatch(RetryEvent::isRateLimit);
    }

    @Test
    void givesUpAfterMaxRetriesSayingHowManyAttempts() {
        stubSequence(error(503));

        assertThatThrownBy(() -> executor(policy().maxRetries(2).build()).execute(postRequest()))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("failure 503")
                .hasMessageContaining("gave up; after 3 attempts");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        verifyPosts(3);
    }

    @Test
    void aServerWaitOverTheMaximumGivesUpSayingSo() {
        stubSequence(error(429).withHeader("Retry-After", "120"), ok());

        assertThatThrownBy(() -> executor(policy().maxServerWait(Duration.ofSeconds(60)).build()).execute(postRequest()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("the server asked to wait 120 s, more than the configured maximum of 60 s; not waiting")
                .satisfies(e -> assertThat(((RateLimitException) e).upstream()).get()
                        .extracting(UpstreamError::retryAfter).isEqualTo(Duration.ofSeconds(120)));
        assertThat(sleeps).isEmpty();
        verifyPosts(1);
    }

    @Test
    void noServerWaitCapMeansTheLongWaitIsHonoured() {
        stubSequence(error(429).withHeader("Retry-After", "120"), ok());

        executor(policy().maxServerWait(null).build()).execute(postRequest());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(120));
    }

    @Test
    void theTotalBudgetEndsRetries() {
        stubSequence(error(503).withHeader("Retry-After", "3"));

        assertThatThrownBy(() -> executor(policy().maxRetries(5).totalBudget(Duration.ofSeconds(5)).build())
                .execute(postRequest()))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("the retry budget of 5 s would be exceeded (waited 3 s, next wait 3 s); giving up");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        verifyPosts(2);
    }

    @Test
    void landedCheckIsConsultedOnA502AndItsResultReturned() {
        stubSequence(error(502), ok());
        AtomicInteger checks = new AtomicInteger();
        HttpResult landed = new HttpResult(200, HttpHeaders.of(Map.of(), (a, b) -> true), "{\"id\":\"page-1\"}");

        HttpResult result = executor(policy().build()).execute(postRequest(), () -> {
            checks.incrementAndGet();
            return Optional.of(landed);
        });

        assertThat(result).isSameAs(landed);
        assertThat(checks).hasValue(1);
        assertThat(sleeps).isEmpty();
        verifyPosts(1);
    }

    @Test
    void whenTheWriteDidNotLandItIsSentAgain() {
        stubSequence(error(502), ok());
        AtomicInteger checks = new AtomicInteger();

        HttpResult result = executor(policy().build()).execute(postRequest(), () -> {
            checks.incrementAndGet();
            return Optional.empty();
        });

        assertThat(result.body()).contains("완료");
        assertThat(checks).hasValue(1);
        verifyPosts(2);
    }

    @Test
    void landedCheckIsConsultedAfterAConnectionReset() {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok());
        AtomicInteger checks = new AtomicInteger();
        HttpResult landed = new HttpResult(200, HttpHeaders.of(Map.of(), (a, b) -> true), "landed");

        HttpResult result = executor(policy().build()).execute(postRequest(), () -> {
            checks.incrementAndGet();
            return Optional.of(landed);
        });

        assertThat(result).isSameAs(landed);
        assertThat(checks).hasValue(1);
        verifyPosts(1);
    }

    @Test
    void landedCheckIsNotConsultedOnA429() {
        stubSequence(error(429).withHeader("Retry-After", "1"), ok());
        AtomicInteger checks = new AtomicInteger();

        HttpResult result = executor(policy().build()).execute(postRequest(), () -> {
            checks.incrementAndGet();
            return Optional.empty();
        });

        assertThat(result.status()).isEqualTo(200);
        assertThat(checks).hasValue(0);
        verifyPosts(2);
    }

    @Test
    void aConnectionResetIsRetriedWithBackoff() {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok());

        assertThat(executor(policy().build()).execute(postRequest()).status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.httpError()).isEmpty();
            assertThat(e.ioError()).isNotBlank();
            assertThat(e.describe()).startsWith("I/O error: ");
        });
        verifyPosts(2);
    }

    @Test
    void repeatedConnectionFailuresBecomeATransportException() {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> executor(policy().maxRetries(1).build()).execute(postRequest()))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("claude request failed: ")
                .hasMessageEndingWith("; after 2 attempts");
        verifyPosts(2);
    }

    @Test
    void aUsedUpQuotaStopsRetries() {
        stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"You exceeded your quota\"}}"), ok());
        ErrorReader quotaAware = new ErrorReader() {
            @Override
            public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
                return ErrorReader.generic().read(service, status, headers, body);
            }

            @Override
            public boolean isQuotaExhausted(UpstreamError error, HttpHeaders headers, String body) {
                return error.code().equals("insufficient_quota");
            }
        };

        assertThatThrownBy(() -> executor(policy().build(), quotaAware).execute(postRequest()))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("insufficient_quota")
                .hasMessageContaining("quota or spend limit is used up");
        assertThat(sleeps).isEmpty();
        assertThat(events).isEmpty();
        verifyPosts(1);
    }

    @Test
    void aKeyEchoedByTheServerNeverReachesTheException() {
        stubSequence(aResponse().withStatus(401)
                .withBody("{\"error\":{\"type\":\"authentication_error\",\"message\":\"Incorrect API key provided: "
                        + KEY + "\"}}"));

        assertThatThrownBy(() -> executor(policy().build()).execute(postRequest()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key provided: " + Redaction.MASK)
                .hasMessageNotContaining(KEY)
                .hasMessageContaining("Check the claude API key")
                .satisfies(e -> assertThat(((AuthenticationException) e).upstream().orElseThrow().message())
                        .doesNotContain(KEY));
    }

    @Test
    void aGetIsSentAsAGet() {
        wm.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(ok()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/v1/models?key=" + KEY)).GET().build();

        executor(policy().build()).execute(request);

        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/models")).withQueryParam("key", equalTo(KEY)));
    }

    @Test
    void anInterruptedWaitStopsWithTheFlagSet() {
        stubSequence(error(503), ok());
        HttpExecutor http = HttpExecutor.builder("notion").retryPolicy(policy().build()).clock(CLOCK)
                .sleeper(d -> {
                    throw new InterruptedException("stop");
                }).build();
        try {
            assertThatThrownBy(() -> http.execute(postRequest())).isInstanceOf(TransportException.class)
                    .hasMessageContaining("interrupted while waiting to retry");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        verifyPosts(1);
    }

    @Test
    void aNonJsonErrorPageIsDescribed() {
        stubSequence(aResponse().withStatus(404).withBody("<!DOCTYPE html><html><head><title>Not Found</title></head></html>"));

        assertThatThrownBy(() -> executor(policy().build()).execute(postRequest()))
                .hasMessageContaining("claude HTTP 404: non-JSON (HTML) response: Not Found");
    }

    @Test
    void withABreakerAnOutageStopsTheRetriesOnceItOpensAndLaterCallsAreNotSent() {
        wm.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(503)));
        dev.worklog.testing.MutableClock clock = new dev.worklog.testing.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        CircuitBreaker breaker = CircuitBreaker.builder("claude").failureThreshold(3).clock(clock).build();
        HttpExecutor http = HttpExecutor.builder("claude").retryPolicy(policy().maxRetries(6).build()).clock(clock)
                .sleeper(sleeps::add).circuitBreaker(breaker).build();

        assertThatThrownBy(() -> http.execute(postRequest()))
                .isInstanceOf(dev.worklog.error.CircuitOpenException.class);
        wm.verify(3, postRequestedFor(urlEqualTo("/v1/messages"))); // the third failure opened it: no fourth try
        assertThat(sleeps).hasSize(2);

        assertThatThrownBy(() -> http.execute(postRequest()))
                .isInstanceOf(dev.worklog.error.CircuitOpenException.class);
        wm.verify(3, postRequestedFor(urlEqualTo("/v1/messages"))); // refused without a request

        // after the open period one trial goes out; the service is back, so the breaker closes
        wm.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200).withBody("{}")));
        clock.advance(Duration.ofSeconds(5));
        assertThat(http.execute(postRequest()).status()).isEqualTo(200);
        assertThat(breaker.isClosed()).isTrue();
    }

    @Test
    void rateLimitsAndRefusalsDoNotCountAsTheServiceBeingDown() {
        wm.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"message\":\"bad\"}}")));
        CircuitBreaker breaker = CircuitBreaker.builder("claude").failureThreshold(1).clock(CLOCK).build();
        HttpExecutor http = HttpExecutor.builder("claude").retryPolicy(policy().build()).clock(CLOCK)
                .sleeper(sleeps::add).circuitBreaker(breaker).build();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> http.execute(postRequest())).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(breaker.isClosed()).isTrue();
    }
}
