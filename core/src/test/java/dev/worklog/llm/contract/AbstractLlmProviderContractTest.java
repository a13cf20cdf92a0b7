package dev.worklog.llm.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.doctor.Check;
import dev.worklog.doctor.Doctor;
import dev.worklog.doctor.DoctorReport;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.LlmOutputException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.Json;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.SummaryInput;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.testing.DoctorFakes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link LlmProvider} must show, run against WireMock on a loopback port with the vendor's own
 * response shapes. A provider module extends this class once and supplies what differs per vendor: the endpoint
 * path, the auth headers, the body checks and its fixtures. No test touches the network or really sleeps: waits
 * between retries are recorded by an injected {@link dev.worklog.http.Sleeper}.
 *
 * <p>Fixtures live in the provider module under {@code src/test/resources/<fixtureDirectory()>/}:
 *
 * <table>
 * <caption>Fixture files</caption>
 * <tr><th>File</th><th>What it is</th></tr>
 * <tr><td>{@code success.json}</td><td>a complete reply whose text is {@link #expectedText()}</td></tr>
 * <tr><td>{@code truncated.json}</td><td>a reply cut off at the output limit</td></tr>
 * <tr><td>{@code refusal.json}</td><td>a refusal or safety block (HTTP 200)</td></tr>
 * <tr><td>{@code error-400.json}, {@code error-401.json}, {@code error-403.json}, {@code error-404-model.json}</td>
 * <td>the vendor's error bodies</td></tr>
 * <tr><td>{@code error-429-rate-limit.json}, {@code error-429-quota.json}</td><td>a short rate limit (retried) and a
 * used-up quota (not retried)</td></tr>
 * <tr><td>{@code error-500.json}, {@code error-503.json}, {@code error-529.json}</td><td>server errors; a missing one
 * is skipped</td></tr>
 * </table>
 *
 * <p>{@code ${API_KEY}} in a fixture is replaced by the test key, so that a vendor echoing the key in an error can
 * be simulated.
 *
 * <pre>{@code
 * class AcmeProviderContractTest extends AbstractLlmProviderContractTest {
 *     protected LlmProviderFactory factory() { return new AcmeProviderFactory(); }
 *     protected String expectedKeysPage() { return "https://acme.example/keys"; }
 *     protected String variablePrefix() { return "ACME"; }
 *     protected String expectedPath(String model) { return "/v1/generate"; }
 *     protected Map<String, String> expectedHeaders(String key) { return Map.of("Authorization", "Bearer " + key); }
 *     // ... body checks, fixtureDirectory() = "acme", expected text, usage and model of success.json
 * }
 * }</pre>
 */
public abstract class AbstractLlmProviderContractTest {
    /** The key every test configures; it must never appear in a log, an exception or a URL. */
    protected static final String API_KEY = "test-key-SECRET-4f9c2a7e1b";
    /** A fixed clock, so that HTTP-date {@code retry-after} values turn into known waits. */
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    /** Text only the system instructions contain. */
    protected static final String SYSTEM_MARKER = "system-marker-7f3a";
    /** Text only the user prompt contains. */
    protected static final String PROMPT_MARKER = "prompt-marker-91c2";

    /** A schema like the weekly roll-up's: nested objects, arrays, all required, no additional properties. */
    protected static final String SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"achievements\",\"key_highlights\"],\"properties\":{"
            + "\"achievements\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"title\",\"situation\",\"task\",\"action\",\"result\",\"source_ids\"],\"properties\":{"
            + "\"title\":{\"type\":\"string\"},\"situation\":{\"type\":\"string\"},\"task\":{\"type\":\"string\"},"
            + "\"action\":{\"type\":\"string\"},\"result\":{\"type\":\"string\"},"
            + "\"source_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}},"
            + "\"key_highlights\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    protected WireMockServer server;
    protected final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    protected Path executionLogFile;

    @TempDir
    protected Path tempDir;

    // ------------------------------------------------------------------ what a provider module supplies

    /** The factory under test. */
    protected abstract LlmProviderFactory factory();

    /** The path {@code checkHealth()} reads the model's description from, e.g. {@code /v1/models/<model>}. */
    protected abstract String expectedModelInfoPath(String model);

    /** Where the vendor's keys are made: doctor's fix for a rejected key points there. */
    protected abstract String expectedKeysPage();

    /** The variable prefix: {@code CLAUDE}, {@code OPENAI}, {@code GEMINI}. */
    protected abstract String variablePrefix();

    /** The model used when {@code PREFIX_MODEL} is unset. */
    protected abstract String defaultModel();

    /** The path (without query) a request for this model must go to, given {@link #baseUrl()}. */
    protected abstract String expectedPath(String model);

    /** Headers the request must carry, with their exact values. */
    protected abstract Map<String, String> expectedHeaders(String apiKey);

    /** Checks the vendor-specific body: model, messages, output limit, native structured output. */
    protected abstract void assertRequestBody(JsonNode body, LlmRequest request, String model);

    /** The folder of this vendor's fixtures on the test classpath. */
    protected abstract String fixtureDirectory();

    /** The reply text of {@code success.json}. */
    protected abstract String expectedText();

    /** The usage {@code success.json} reports. */
    protected abstract TokenUsage expectedUsage();

    /** The model {@code success.json} names. */
    protected abstract String expectedResponseModel();

    /** The base URL configured for the provider; by default WireMock's root. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** More variables for every test. */
    protected Map<String, String> extraConfig() {
        return Map.of();
    }

    /** Headers sent with a fixture; by default {@code retry-after: 2} on the rate-limit fixture. */
    protected Map<String, String> fixtureHeaders(String fixture) {
        return fixture.equals("error-429-rate-limit") ? Map.of("retry-after", "2") : Map.of();
    }

    /**
     * The wait the rate-limit fixture asks for (header or body); {@code null} when it asks for none, so that the
     * computed backoff (0.375 to 0.5 s for the first retry) applies.
     */
    protected Duration expectedRateLimitWait() {
        return Duration.ofSeconds(2);
    }

    // ------------------------------------------------------------------ plumbing

    @BeforeEach
    void startServer() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        server.start();
        executionLogFile = tempDir.resolve("execution.log");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** The configuration of a test: key, base URL, the module's extras, then the given overrides. */
    protected WorkLogConfig config(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(variablePrefix() + "_API_KEY", API_KEY);
        values.put(variablePrefix() + "_BASE_URL", baseUrl());
        values.putAll(extraConfig());
        values.putAll(overrides);
        values.values().removeIf(v -> v == null || v.isEmpty());
        return WorkLogConfig.of(values);
    }

    /** A context whose sleeper records instead of sleeping and whose execution log keeps no secret list. */
    protected SpiContext context(WorkLogConfig config) {
        return new SpiContext(config, CLOCK, sleeps::add,
                ExecutionLog.toFile(executionLogFile, CLOCK, ZoneOffset.UTC, List.of()));
    }

    protected LlmProvider provider(Map<String, String> overrides) {
        return factory().create(context(config(overrides)));
    }

    protected LlmProvider provider() {
        return provider(Map.of());
    }

    /** The request every test sends. */
    protected LlmRequest request() {
        SummaryInput input = new SummaryInput.Weekly(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)),
                List.of(), "ko");
        return new LlmRequest("You condense work logs into resume achievements. " + SYSTEM_MARKER,
                "이번 주 업무 로그를 요약하세요. " + PROMPT_MARKER, "weekly_rollup", SCHEMA, 2048, input);
    }

    /** A fixture's text, {@code ${API_KEY}} replaced. */
    protected String fixture(String name) {
        String path = "/" + fixtureDirectory() + "/" + name + ".json";
        try (InputStream in = getClass().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${API_KEY}", API_KEY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected boolean hasFixture(String name) {
        return getClass().getResource("/" + fixtureDirectory() + "/" + name + ".json") != null;
    }

    /** The HTTP status a fixture is served with, from its name. */
    protected int statusOf(String fixture) {
        if (fixture.startsWith("error-")) {
            return Integer.parseInt(fixture.substring(6, 9));
        }
        return 200;
    }

    /**
     * A response serving the fixture with its status and headers.
     *
     * @param headerPairs header names and values that replace or add to {@link #fixtureHeaders}
     */
    protected ResponseDefinitionBuilder reply(String fixture, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>(fixtureHeaders(fixture));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        ResponseDefinitionBuilder r = aResponse().withStatus(statusOf(fixture))
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture));
        headers.forEach(r::withHeader);
        return r;
    }

    /** Serves the responses in order, the last one again for any further request. */
    protected void respondInSequence(ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            server.stubFor(post(anyUrl()).inScenario("sequence").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    protected void respond(ResponseDefinitionBuilder response) {
        server.stubFor(post(anyUrl()).willReturn(response));
    }

    /** Every request WireMock received, oldest first. */
    protected List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    protected JsonNode body(LoggedRequest request) {
        JsonNode body = Json.tryParse(request.getBodyAsString());
        assertThat(body).as("request body is JSON").isNotNull();
        return body;
    }

    /** Every value of every field of that name, anywhere in the tree. */
    protected static List<JsonNode> findAll(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        collect(node, field, out);
        return out;
    }

    /** Every string value in the tree, joined by new lines. */
    protected static String allText(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        collectText(node, sb);
        return sb.toString();
    }

    private static void collect(JsonNode node, String field, List<JsonNode> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals(field)) {
                    out.add(e.getValue());
                }
                collect(e.getValue(), field, out);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field, out));
        }
    }

    private static void collectText(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) {
            sb.append(node.asText()).append('\n');
        } else {
            node.forEach(n -> collectText(n, sb));
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, AbstractLlmProviderContractTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    protected String executionLog() throws IOException {
        return Files.exists(executionLogFile) ? Files.readString(executionLogFile) : "";
    }

    protected WorkLogException call(LlmProvider provider) {
        Throwable t = catchThrowable(() -> provider.complete(request()));
        assertThat(t).as("the call fails").isInstanceOf(WorkLogException.class);
        return (WorkLogException) t;
    }

    // ------------------------------------------------------------------ configuration

    @Test
    void factory_is_found_by_service_loader_under_its_name() {
        LlmProviderFactory found = NamedServices.llmProviders().require(factory().name());

        assertThat(found).isInstanceOf(factory().getClass());
        assertThat(factory().name()).isEqualTo(variablePrefix().toLowerCase(java.util.Locale.ROOT));
        assertThat(factory().requiredVariables()).contains(variablePrefix() + "_API_KEY");
    }

    @Test
    void missing_key_fails_at_create_naming_the_variable() {
        WorkLogConfig config = config(Map.of()).without(variablePrefix() + "_API_KEY");

        assertThatThrownBy(() -> factory().create(context(config)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(variablePrefix() + "_API_KEY");
        assertThat(requests()).isEmpty();
    }

    @Test
    void invalid_settings_fail_at_create_naming_the_variable() {
        assertThatThrownBy(() -> provider(Map.of(variablePrefix() + "_BASE_URL", "localhost:1234")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(variablePrefix() + "_BASE_URL");
        assertThatThrownBy(() -> provider(Map.of("LLM_TEMPERATURE", "warm")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("LLM_TEMPERATURE");
        assertThatThrownBy(() -> provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_LLM_MAX_RETRIES");
    }

    @Test
    void default_model_is_used_and_reported() {
        assertThat(provider().model()).isEqualTo(defaultModel());
        assertThat(provider().name()).isEqualTo(factory().name());
    }

    // ------------------------------------------------------------------ the outgoing request

    @Test
    void sends_the_documented_request() {
        respond(reply("success"));

        provider().complete(request());

        assertThat(requests()).hasSize(1);
        LoggedRequest sent = requests().get(0);
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).doesNotContain("?");
        assertThat(sent.getUrl().replaceAll("\\?.*", "")).isEqualTo(expectedPath(defaultModel()));
        assertThat(sent.getAbsoluteUrl()).doesNotContain(API_KEY);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        expectedHeaders(API_KEY).forEach((name, value) -> assertThat(sent.getHeader(name)).as(name).isEqualTo(value));
        JsonNode body = body(sent);
        assertThat(allText(body)).contains(SYSTEM_MARKER).contains(PROMPT_MARKER).contains("이번 주");
        assertThat(findAll(body, "temperature")).as("temperature is not sent unless configured").isEmpty();
        assertRequestBody(body, request(), defaultModel());
    }

    @Test
    void sends_the_configured_model() {
        respond(reply("success"));

        LlmProvider provider = provider(Map.of(variablePrefix() + "_MODEL", "custom-model-7"));
        provider.complete(request());

        assertThat(provider.model()).isEqualTo("custom-model-7");
        LoggedRequest sent = requests().get(0);
        assertThat(sent.getUrl().replaceAll("\\?.*", "")).isEqualTo(expectedPath("custom-model-7"));
        assertRequestBody(body(sent), request(), "custom-model-7");
    }

    @Test
    void sends_temperature_only_when_configured() {
        respond(reply("success"));

        provider(Map.of("LLM_TEMPERATURE", "0.3")).complete(request());
        provider(Map.of("LLM_TEMPERATURE", "0.3", variablePrefix() + "_TEMPERATURE", "0.7")).complete(request());

        assertThat(findAll(body(requests().get(0)), "temperature")).singleElement()
                .satisfies(t -> assertThat(t.asDouble()).isEqualTo(0.3));
        assertThat(findAll(body(requests().get(1)), "temperature")).singleElement()
                .satisfies(t -> assertThat(t.asDouble()).isEqualTo(0.7));
    }

    @Test
    void accepts_a_base_url_with_a_trailing_slash() {
        respond(reply("success"));

        provider(Map.of(variablePrefix() + "_BASE_URL", baseUrl() + "/")).complete(request());

        assertThat(requests().get(0).getUrl().replaceAll("\\?.*", "")).isEqualTo(expectedPath(defaultModel()));
    }

    // ------------------------------------------------------------------ the reply

    @Test
    void returns_the_text_usage_and_model_of_the_reply() {
        respond(reply("success"));

        LlmResponse response = provider().complete(request());

        assertThat(response.text()).isEqualTo(expectedText());
        JsonNode parsed = Json.tryParse(response.text());
        assertThat(parsed != null && parsed.isObject()).as("the reply is a JSON object").isTrue();
        assertThat(response.usage()).isEqualTo(expectedUsage());
        assertThat(response.model()).isEqualTo(expectedResponseModel());
    }

    @Test
    void rejects_a_truncated_reply() {
        respond(reply("truncated"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(LlmOutputException.class).hasMessageContaining("output limit");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void rejects_a_refusal_or_safety_block() {
        respond(reply("refusal"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(LlmOutputException.class);
        assertThat(e.getMessage()).containsAnyOf("refused", "blocked");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void rejects_a_success_body_that_is_not_json() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Captive portal</title></head></html>"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(LlmOutputException.class).hasMessageContaining("not a JSON object");
    }

    // ------------------------------------------------------------------ errors that are not retried

    @Test
    void does_not_follow_a_redirect_and_names_the_base_url_variable() {
        respond(aResponse().withStatus(301).withHeader("Location", "https://example.invalid/v1/x"));

        WorkLogException e = call(provider());

        assertThat(e.isRetryable()).isFalse();
        assertThat(e).hasMessageContaining("301").hasMessageContaining(variablePrefix() + "_BASE_URL");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void maps_400_to_invalid_request_without_retrying() {
        respond(reply("error-400"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(e.upstream()).get().satisfies(u -> assertThat(u.status()).isEqualTo(400));
        assertThat(e.getMessage()).contains(variablePrefix().toLowerCase(java.util.Locale.ROOT));
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void maps_401_to_authentication_error_naming_the_key_variable() {
        respond(reply("error-401"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(variablePrefix() + "_API_KEY").hasMessageNotContaining(API_KEY);
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void maps_403_to_permission_denied_without_retrying() {
        respond(reply("error-403"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(PermissionDeniedException.class);
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void maps_404_to_not_found_naming_the_model_variable() {
        respond(reply("error-404-model"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(variablePrefix() + "_MODEL").hasMessageContaining(defaultModel());
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void does_not_retry_an_exhausted_quota() {
        respond(reply("error-429-quota"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(QuotaExceededException.class).hasMessageContaining("quota");
        assertThat(e.isRetryable()).isFalse();
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    // ------------------------------------------------------------------ retries

    @Test
    void retries_a_rate_limit_and_then_succeeds() throws IOException {
        respondInSequence(reply("error-429-rate-limit"), reply("success"));

        LlmResponse response = provider().complete(request());

        assertThat(response.text()).isEqualTo(expectedText());
        assertThat(requests()).hasSize(2);
        if (expectedRateLimitWait() != null) {
            assertThat(sleeps).containsExactly(expectedRateLimitWait());
        } else {
            assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(375),
                    Duration.ofMillis(500)));
        }
        assertThat(executionLog()).contains("rate_limit_exceeded").contains(LlmHttp.LOG_COMPONENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"error-500", "error-503", "error-529"})
    void retries_a_server_error_with_backoff_and_then_succeeds(String fixture) {
        assumeThat(hasFixture(fixture)).as(fixture + " is not a status this vendor sends").isTrue();
        respondInSequence(reply(fixture), reply("success"));

        LlmResponse response = provider().complete(request());

        assertThat(response.text()).isEqualTo(expectedText());
        assertThat(requests()).hasSize(2);
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(375),
                Duration.ofMillis(500)));
    }

    @Test
    void gives_up_after_the_configured_retries_and_says_so() {
        respond(reply("error-500"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(ServerException.class).hasMessageContaining("after 3 attempts");
        assertThat(e.isRetryable()).isTrue();
        assertThat(requests()).hasSize(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void honours_the_configured_retry_count() {
        respond(reply("error-500"));

        call(provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "0")));
        int afterZero = requests().size();
        call(provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "0", variablePrefix() + "_MAX_RETRIES", "1")));

        assertThat(afterZero).isEqualTo(1);
        assertThat(requests()).hasSize(3);
    }

    @Test
    void honours_retry_after_ms_and_http_date_retry_after() {
        respondInSequence(reply("error-429-rate-limit", "retry-after-ms", "1500"),
                reply("error-503", "retry-after", "Thu, 26 Nov 2026 10:00:04 GMT"), reply("success"));

        provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "3")).complete(request());

        assertThat(sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(4));
    }

    @Test
    void does_not_wait_longer_than_the_configured_maximum_and_says_so() {
        respond(reply("error-429-rate-limit", "retry-after", "3600"));

        WorkLogException e = call(provider());
        WorkLogException capped = call(provider(Map.of("WORKLOG_MAX_RETRY_WAIT", "1")));

        assertThat(e).isInstanceOf(RateLimitException.class).hasMessageContaining("configured maximum of 60 s");
        assertThat(capped).isInstanceOf(RateLimitException.class).hasMessageContaining("configured maximum of 1 s");
        assertThat(requests()).hasSize(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void obeys_x_should_retry() {
        respond(reply("error-500", "x-should-retry", "false"));

        WorkLogException e = call(provider());

        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retries_a_dropped_connection() {
        respondInSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), reply("success"));

        LlmResponse response = provider().complete(request());

        assertThat(response.text()).isEqualTo(expectedText());
        assertThat(requests()).hasSize(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void describes_an_html_error_page_from_a_proxy() {
        respond(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"));

        WorkLogException e = call(provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "1")));

        assertThat(e).isInstanceOf(ServerException.class).hasMessageContaining("502 Bad Gateway")
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void times_out_after_the_configured_timeout() {
        respond(reply("success").withFixedDelay(1500));

        WorkLogException e = call(provider(Map.of(variablePrefix() + "_TIMEOUT", "200ms",
                "WORKLOG_LLM_MAX_RETRIES", "0")));

        assertThat(e).isInstanceOf(TransportException.class).hasMessageContaining("timed out");
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void never_logs_or_throws_the_key() throws IOException {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> messages = new ArrayList<>();
        Consumer<Throwable> keep = t -> {
            for (Throwable c = t; c != null; c = c.getCause()) {
                messages.add(String.valueOf(c));
                if (c instanceof WorkLogException w) {
                    w.upstream().ifPresent(u -> messages.add(u.describe() + " " + u.code() + " " + u.reason()));
                }
            }
        };
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            respondInSequence(reply("success"));
            provider().complete(request());
            for (String fixture : List.of("error-401", "error-400", "error-403", "error-404-model", "error-429-quota")) {
                server.resetAll();
                respond(reply(fixture));
                keep.accept(call(provider()));
            }
            server.resetAll();
            respondInSequence(reply("error-429-rate-limit"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                    reply("error-500"));
            keep.accept(call(provider()));
            server.resetAll();
            respond(reply("truncated"));
            keep.accept(call(provider()));
        } finally {
            System.setErr(originalErr);
        }

        String logged = captured.toString(StandardCharsets.UTF_8);
        if (isPresent("org.slf4j.simple.SimpleLogger")) {
            assertThat(logged).as("SLF4J output was captured").contains("POST").contains("retry 1 of 2");
        }
        assertThat(executionLog()).as("retries were logged").contains("retry 1 of 2").doesNotContain(API_KEY);
        assertThat(logged).doesNotContain(API_KEY);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(7).allSatisfy(m -> assertThat(m).doesNotContain(API_KEY));
        assertThat(requests()).allSatisfy(r -> assertThat(r.getAbsoluteUrl()).doesNotContain(API_KEY));
    }

    // ------------------------------------------------------------------ health check (worklog doctor)

    @Test
    void health_check_reads_the_model_description_with_the_key_and_spends_no_tokens() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl()).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + defaultModel() + "\",\"name\":\"models/" + defaultModel() + "\"}")));

        dev.worklog.spi.HealthCheck health = provider().checkHealth();

        assertThat(health.checked()).isTrue();
        assertThat(health.detail()).contains(defaultModel()).contains(variablePrefix() + "_API_KEY")
                .doesNotContain(API_KEY);
        assertThat(requests()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("GET");
            assertThat(r.getUrl()).isEqualTo(expectedModelInfoPath(defaultModel()));
            expectedHeaders(API_KEY).forEach((name, value) -> {
                if (value.contains(API_KEY)) {
                    assertThat(r.getHeader(name)).isEqualTo(value);
                }
            });
        });
    }

    @Test
    void health_check_with_a_rejected_key_names_the_variable_and_never_the_key() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl()).willReturn(reply("error-401")));
        assertThatThrownBy(() -> provider().checkHealth()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(variablePrefix() + "_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(API_KEY));
    }

    @Test
    void health_check_of_an_unknown_model_names_the_model_variable_without_retrying() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl())
                .willReturn(reply("error-404-model")));
        assertThatThrownBy(() -> provider().checkHealth()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(variablePrefix() + "_MODEL");
        assertThat(sleeps).isEmpty();
        assertThat(requests()).hasSize(1);
    }

    @Test
    void doctor_sends_a_rejected_key_to_the_vendors_keys_page_and_an_unknown_model_to_its_variable() {
        String key = variablePrefix() + "_API_KEY";
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl()).willReturn(reply("error-401")));
        Check rejected = doctor().find(Doctor.LLM_REACHABLE).orElseThrow();
        assertThat(rejected.status()).isEqualTo(Check.Status.FAIL);
        assertThat(rejected.fix()).isEqualTo(key + " is wrong, expired or revoked: copy a valid key from "
                + expectedKeysPage() + " into " + key);

        server.resetAll();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl())
                .willReturn(reply("error-404-model")));
        assertThat(doctor().find(Doctor.LLM_REACHABLE).orElseThrow().fix())
                .startsWith("Check " + variablePrefix() + "_MODEL (the model may be retired)");
    }

    /** {@code worklog doctor} with this provider chosen, over a store that only answers reads. */
    private DoctorReport doctor() {
        WorkLogConfig config = config(Map.of("LLM_PROVIDER", factory().name(), "LOG_FILE",
                tempDir.resolve("doctor.log").toString()));
        return Doctor.builder().config(config).clock(CLOCK)
                .repositoryFactories(NamedServices.of(WorkLogRepositoryFactory::name, "store", "WORKLOG_STORE",
                        new DoctorFakes.Store().factory("local")))
                .providerFactories(NamedServices.of(LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER",
                        factory()))
                .extensions(List.of()).build().run();
    }
}
