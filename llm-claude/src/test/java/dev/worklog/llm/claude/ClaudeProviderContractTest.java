package dev.worklog.llm.claude;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.LlmOutputException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.llm.contract.AbstractLlmProviderContractTest;
import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.LlmRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaudeProviderContractTest extends AbstractLlmProviderContractTest {

    @Override
    protected LlmProviderFactory factory() {
        return new ClaudeProviderFactory();
    }

    @Override
    protected String expectedModelInfoPath(String model) {
        return "/v1/models/" + model;
    }

    @Override
    protected String expectedKeysPage() {
        return "https://console.anthropic.com/settings/keys";
    }

    @Override
    protected String variablePrefix() {
        return "CLAUDE";
    }

    @Override
    protected String defaultModel() {
        return "claude-sonnet-4-6";
    }

    @Override
    protected String expectedPath(String model) {
        return "/v1/messages";
    }

    @Override
    protected Map<String, String> expectedHeaders(String apiKey) {
        return Map.of("x-api-key", apiKey, "anthropic-version", "2023-06-01");
    }

    @Override
    protected void assertRequestBody(JsonNode body, LlmRequest request, String model) {
        assertThat(body.path("model").asText()).isEqualTo(model);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(request.maxOutputTokens());
        assertThat(body.path("system").asText()).isEqualTo(request.system());
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo(request.prompt());
        JsonNode format = body.path("output_config").path("format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("schema")).isEqualTo(dev.worklog.internal.Json.tryParse(request.responseSchema()));
    }

    @Override
    protected String fixtureDirectory() {
        return "claude";
    }

    @Override
    protected String expectedText() {
        return "{\"achievements\":[{\"title\":\"결제 API 응답 속도 개선\",\"situation\":\"Checkout latency was high\","
                + "\"task\":\"Cut p95 latency\",\"action\":\"Added a Redis cache\",\"result\":\"p95 fell from 800ms to "
                + "200ms\",\"source_ids\":[\"log-1\"]}],\"key_highlights\":[\"Checkout p95 down 75%\"]}";
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(1623, 312); // input + cache reads + cache writes
    }

    @Override
    protected String expectedResponseModel() {
        return "claude-sonnet-4-6";
    }

    // ------------------------------------------------------------------ Claude specifics

    @Test
    void base_url_given_with_v1_or_the_full_endpoint_reaches_the_same_path() {
        respond(reply("success"));

        provider(Map.of("CLAUDE_BASE_URL", baseUrl() + "/v1")).complete(request());
        provider(Map.of("CLAUDE_BASE_URL", baseUrl() + "/v1/messages/")).complete(request());

        assertThat(requests()).extracting(r -> r.getUrl()).containsOnly("/v1/messages");
    }

    @Test
    void without_native_structured_output_the_schema_goes_into_the_system_prompt() {
        respond(reply("success"));

        provider(Map.of("CLAUDE_STRUCTURED_OUTPUT", "none")).complete(request());

        JsonNode body = body(requests().get(0));
        assertThat(body.has("output_config")).isFalse();
        assertThat(body.path("system").asText()).startsWith(request().system()).contains("JSON Schema")
                .contains("key_highlights");
    }

    @Test
    void joins_text_blocks_and_skips_thinking_blocks() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
                 "content":[{"type":"thinking","thinking":"Let me think","signature":"abc"},
                            {"type":"text","text":"{\\"a\\":"},{"type":"text","text":"1}"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":5}}"""));

        assertThat(provider().complete(request()).text()).isEqualTo("{\"a\":1}");
    }

    @Test
    void an_unexpected_stop_reason_is_not_a_result() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
                 "content":[{"type":"text","text":"{\\"a\\":"}],
                 "stop_reason":"pause_turn","usage":{"input_tokens":10,"output_tokens":5}}"""));

        assertThat(call(provider())).isInstanceOf(LlmOutputException.class).hasMessageContaining("pause_turn");
    }

    @Test
    void spend_limit_without_error_code_is_recognised_by_its_message() {
        respond(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                {"type":"error","error":{"type":"rate_limit_error",
                 "message":"You have reached your specified API usage limits (spend limit)."}}"""));

        assertThat(call(provider())).isInstanceOf(QuotaExceededException.class);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void overloaded_529_is_retried_then_reported_as_a_server_error() {
        respond(reply("error-529"));

        assertThat(call(provider())).isInstanceOf(dev.worklog.error.ServerException.class)
                .hasMessageContaining("overloaded_error").hasMessageContaining("after 3 attempts");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void rate_limit_after_retries_is_a_rate_limit_exception_with_the_request_id() {
        respond(reply("error-429-rate-limit"));

        assertThat(call(provider())).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("req_011CSHoEeqs5C35K2UUqR7G2");
    }
}
