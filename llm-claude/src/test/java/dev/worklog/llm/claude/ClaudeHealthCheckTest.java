package dev.worklog.llm.claude;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.SpiContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code checkHealth()} (used by {@code worklog doctor}): one GET of the model's description, no tokens spent. */
class ClaudeHealthCheckTest {
    private static final String KEY = "test-key-0123456789abcdef";
    private WireMockServer server;
    private final List<java.time.Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private LlmProvider provider() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("CLAUDE_API_KEY", KEY,
                "CLAUDE_BASE_URL", "http://127.0.0.1:" + server.port() + "", "CLAUDE_MAX_RETRIES", "0"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
        return new ClaudeProvider().create(new SpiContext(config, clock, sleeps::add, ExecutionLog.disabled()));
    }

    @Test
    void readsTheModelDescriptionWithTheKeyAndNothingElse() {
        server.stubFor(get(urlEqualTo("/v1/models/claude-sonnet-4-6")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"claude-sonnet-4-6\",\"type\":\"model\",\"display_name\":\"Claude Sonnet 4.6\"}")));

        HealthCheck health = provider().checkHealth();

        assertThat(health.checked()).isTrue();
        assertThat(health.detail()).contains("claude-sonnet-4-6").contains("CLAUDE_API_KEY").doesNotContain(KEY);
        server.verify(1, getRequestedFor(urlEqualTo("/v1/models/claude-sonnet-4-6")).withHeader("x-api-key", equalTo("" + KEY + "")));
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aRejectedKeyNamesTheVariableAndNeverTheKey() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));

        assertThatThrownBy(() -> provider().checkHealth()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("CLAUDE_API_KEY").satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void anUnknownModelNamesTheModelVariable() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-sonnet-4-6\"}}")));

        assertThatThrownBy(() -> provider().checkHealth()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("CLAUDE_MODEL");
        assertThat(sleeps).isEmpty();
    }
}
