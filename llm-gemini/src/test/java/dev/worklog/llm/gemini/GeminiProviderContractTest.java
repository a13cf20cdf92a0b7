package dev.worklog.llm.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.LlmOutputException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.internal.Json;
import dev.worklog.llm.contract.AbstractLlmProviderContractTest;
import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.LlmRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiProviderContractTest extends AbstractLlmProviderContractTest {

    @Override
    protected LlmProviderFactory factory() {
        return new GeminiProviderFactory();
    }

    @Override
    protected String expectedModelInfoPath(String model) {
        return "/v1beta/models/" + model;
    }

    @Override
    protected String expectedKeysPage() {
        return "https://aistudio.google.com/app/apikey";
    }

    @Override
    protected String variablePrefix() {
        return "GEMINI";
    }

    @Override
    protected String defaultModel() {
        return "gemini-3.5-flash";
    }

    @Override
    protected String expectedPath(String model) {
        return "/v1beta/models/" + model + ":generateContent";
    }

    @Override
    protected Map<String, String> expectedHeaders(String apiKey) {
        return Map.of("x-goog-api-key", apiKey);
    }

    @Override
    protected void assertRequestBody(JsonNode body, LlmRequest request, String model) {
        assertThat(body.has("model")).as("the model is in the path, not the body").isFalse();
        assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asText())
                .isEqualTo(request.system());
        JsonNode content = body.path("contents").get(0);
        assertThat(content.path("role").asText()).isEqualTo("user");
        assertThat(content.path("parts").get(0).path("text").asText()).isEqualTo(request.prompt());
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(request.maxOutputTokens());
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("responseJsonSchema")).isEqualTo(Json.tryParse(request.responseSchema()));
        assertThat(config.has("responseSchema")).isFalse();
        assertThat(config.has("thinkingConfig")).isFalse();
    }

    @Override
    protected String fixtureDirectory() {
        return "gemini";
    }

    @Override
    protected Map<String, String> fixtureHeaders(String fixture) {
        return Map.of(); // Gemini sends no retry-after; the wait is RetryInfo.retryDelay in the body
    }

    @Override
    protected Duration expectedRateLimitWait() {
        return Duration.ofSeconds(7);
    }

    @Override
    protected String expectedText() {
        return "{\"achievements\":[{\"title\":\"결제 API 응답 속도 개선\",\"situation\":\"Checkout latency was high\","
                + "\"task\":\"Cut p95 latency\",\"action\":\"Added a Redis cache\",\"result\":\"p95 fell from 800ms to "
                + "200ms\",\"source_ids\":[\"log-1\"]}],\"key_highlights\":[\"Checkout p95 down 75%\"]}";
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(1342, 298 + 412); // thinking tokens are billed as output
    }

    @Override
    protected String expectedResponseModel() {
        return "gemini-3.5-flash";
    }

    // ------------------------------------------------------------------ Gemini specifics

    @Test
    void a_blocked_prompt_is_a_safety_error() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},
                 "usageMetadata":{"promptTokenCount":1342,"totalTokenCount":1342},"modelVersion":"gemini-3.5-flash"}"""));

        assertThat(call(provider())).isInstanceOf(LlmOutputException.class).hasMessageContaining("blocked")
                .hasMessageContaining("PROHIBITED_CONTENT");
    }

    @Test
    void a_safety_stop_names_the_category() {
        respond(reply("refusal"));

        assertThat(call(provider())).hasMessageContaining("finishReason SAFETY")
                .hasMessageContaining("HARM_CATEGORY_HARASSMENT");
    }

    @Test
    void truncation_mentions_the_thinking_tokens() {
        respond(reply("truncated"));

        assertThat(call(provider())).hasMessageContaining("MAX_TOKENS").hasMessageContaining("1738")
                .hasMessageContaining("GEMINI_THINKING_LEVEL");
    }

    @Test
    void thought_parts_are_not_part_of_the_reply() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"thinking...","thought":true},
                 {"text":"{\\"a\\":"},{"text":"1}"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2}}"""));

        assertThat(provider().complete(request()).text()).isEqualTo("{\"a\":1}");
    }

    @Test
    void a_per_day_quota_is_not_retried_despite_its_retry_delay() {
        respond(reply("error-429-quota"));

        assertThat(call(provider())).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
        assertThat(sleeps).isEmpty();
        assertThat(requests()).hasSize(1);
    }

    @Test
    void an_invalid_key_answered_with_400_is_an_authentication_error() {
        respond(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                 "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                 "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""));

        assertThat(call(provider())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("GEMINI_API_KEY");
    }

    @Test
    void the_older_response_schema_field_gets_the_openapi_subset() {
        respond(reply("success"));

        provider(Map.of("GEMINI_STRUCTURED_OUTPUT", "response_schema")).complete(request());

        JsonNode config = body(requests().get(0)).path("generationConfig");
        assertThat(config.has("responseJsonSchema")).isFalse();
        JsonNode schema = config.path("responseSchema");
        assertThat(schema.toString()).doesNotContain("additionalProperties");
        assertThat(schema.path("propertyOrdering").get(0).asText()).isEqualTo("achievements");
        assertThat(schema.path("properties").path("achievements").path("items").path("required")).hasSize(6);
    }

    @Test
    void thinking_settings_are_sent_only_when_configured() {
        respond(reply("success"));

        provider(Map.of("GEMINI_THINKING_LEVEL", "low")).complete(request());
        provider(Map.of("GEMINI_THINKING_BUDGET", "512")).complete(request());

        assertThat(body(requests().get(0)).path("generationConfig").path("thinkingConfig").path("thinkingLevel")
                .asText()).isEqualTo("low");
        assertThat(body(requests().get(1)).path("generationConfig").path("thinkingConfig").path("thinkingBudget")
                .asInt()).isEqualTo(512);
    }

    @Test
    void model_may_be_given_with_the_models_prefix_and_api_version_is_configurable() {
        respond(reply("success"));

        provider(Map.of("GEMINI_MODEL", "models/gemini-flash-latest", "GEMINI_API_VERSION", "v1")).complete(request());
        provider(Map.of("GEMINI_BASE_URL", baseUrl() + "/v1beta/")).complete(request());

        assertThat(requests()).extracting(r -> r.getUrl()).containsExactly(
                "/v1/models/gemini-flash-latest:generateContent", "/v1beta/models/gemini-3.5-flash:generateContent");
    }

    @Test
    void a_model_id_that_would_change_the_path_is_refused_at_create() {
        assertThatThrownBy(() -> provider(Map.of("GEMINI_MODEL", "../../evil?key=x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GEMINI_MODEL");
    }
}
