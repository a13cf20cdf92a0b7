package dev.worklog.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.UpstreamError;
import dev.worklog.http.RetryPolicy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two executor behaviours the LLM providers added: a retry delay read from the body, and redacted messages. */
class HttpExecutorLlmAdditionsTest {
    private static final String KEY = "sk-executor-test-abcdef";
    private WireMockServer server;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    private static final ErrorReader DELAY_IN_BODY = new ErrorReader() {
        @Override
        public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
            return ErrorReader.generic().read(service, status, headers, body).withRetryAfter(Duration.ofSeconds(7));
        }
    };

    @Test
    void a_delay_the_reader_found_in_the_body_is_used_when_no_header_is_sent() {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"slow\"}}")));
        HttpExecutor http = HttpExecutor.builder("svc").sleeper(sleeps::add).errorReader(DELAY_IN_BODY)
                .retryPolicy(RetryPolicy.builder().maxRetries(1).build()).build();

        Throwable t = catchThrowable(() -> http.execute(request()));

        assertThat(t).isInstanceOf(RateLimitException.class);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_header_wins_over_the_body_and_the_cap_applies_to_both() {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("retry-after", "2")
                .withBody("{}")));
        HttpExecutor http = HttpExecutor.builder("svc").sleeper(sleeps::add).errorReader(DELAY_IN_BODY)
                .retryPolicy(RetryPolicy.builder().maxRetries(1).build()).build();
        HttpExecutor capped = HttpExecutor.builder("svc").sleeper(sleeps::add).errorReader(DELAY_IN_BODY)
                .retryPolicy(RetryPolicy.builder().maxRetries(1).maxServerWait(Duration.ofSeconds(1)).build()).build();

        catchThrowable(() -> http.execute(request()));
        Throwable t = catchThrowable(() -> capped.execute(request()));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(t).hasMessageContaining("more than the configured maximum of 1 s");
    }

    @Test
    void a_key_echoed_in_an_error_message_is_masked() {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}")));
        HttpExecutor http = HttpExecutor.builder("svc").sleeper(sleeps::add).secrets(List.of(KEY)).build();

        Throwable t = catchThrowable(() -> http.execute(request()));

        assertThat(t).isInstanceOf(AuthenticationException.class).hasMessageNotContaining(KEY)
                .hasMessageContaining(Redaction.MASK);
        assertThat(((AuthenticationException) t).upstream().orElseThrow().message()).doesNotContain(KEY);
    }
}
