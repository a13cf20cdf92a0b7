package dev.worklog.llm.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.LlmOutputException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.internal.Json;
import dev.worklog.llm.contract.AbstractLlmProviderContractTest;
import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract with {@code OPENAI_BASE_URL=http://127.0.0.1:PORT/v1}, as for api.openai.com and Ollama. */
class OpenAiProviderContractTest extends AbstractLlmProviderContractTest {

    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    @Override
    protected LlmProviderFactory factory() {
        return new OpenAiProviderFactory();
    }

    @Override
    protected String expectedModelInfoPath(String model) {
        return "/v1/models/" + model;
    }

    @Override
    protected String expectedKeysPage() {
        return "https://platform.openai.com/api-keys";
    }

    @Override
    protected String variablePrefix() {
        return "OPENAI";
    }

    @Override
    protected String defaultModel() {
        return "gpt-4.1-mini";
    }

    @Override
    protected String expectedPath(String model) {
        return "/v1/chat/completions";
    }

    @Override
    protected Map<String, String> expectedHeaders(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    protected void assertRequestBody(JsonNode body, LlmRequest request, String model) {
        assertThat(body.path("model").asText()).isEqualTo(model);
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(request.maxOutputTokens());
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo(request.system());
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo(request.prompt());
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("weekly_rollup");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(Json.tryParse(request.responseSchema()));
    }

    @Override
    protected String fixtureDirectory() {
        return "openai";
    }

    @Override
    protected Map<String, String> fixtureHeaders(String fixture) {
        // OpenAI's own 429s carry x-ratelimit-* headers, not retry-after: the computed backoff applies
        return fixture.equals("error-429-rate-limit")
                ? Map.of("x-request-id", "req_7c1f0a", "x-ratelimit-reset-tokens", "480ms")
                : Map.of("x-request-id", "req_7c1f0a");
    }

    @Override
    protected Duration expectedRateLimitWait() {
        return null;
    }

    @Override
    protected String expectedText() {
        return "{\"achievements\":[{\"title\":\"결제 API 응답 속도 개선\",\"situation\":\"Checkout latency was high\","
                + "\"task\":\"Cut p95 latency\",\"action\":\"Added a Redis cache\",\"result\":\"p95 fell from 800ms to "
                + "200ms\",\"source_ids\":[\"log-1\"]}],\"key_highlights\":[\"Checkout p95 down 75%\"]}";
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(1117, 289);
    }

    @Override
    protected String expectedResponseModel() {
        return "gpt-4.1-mini-2025-04-14";
    }

    // ------------------------------------------------------------------ OpenAI specifics

    @Test
    void base_url_works_with_or_without_v1_and_with_a_pasted_endpoint() {
        respond(reply("success"));
        String root = "http://127.0.0.1:" + server.port();

        for (String base : new String[] {root, root + "/", root + "/v1", root + "/v1/", root + "/v1/chat/completions"}) {
            provider(Map.of("OPENAI_BASE_URL", base)).complete(request());
        }

        assertThat(requests()).hasSize(5).extracting(r -> r.getUrl()).containsOnly("/v1/chat/completions");
    }

    @Test
    void a_base_url_with_its_own_path_is_kept() {
        respond(reply("success"));
        String root = "http://127.0.0.1:" + server.port();

        provider(Map.of("OPENAI_BASE_URL", root + "/v1beta/openai/")).complete(request());
        provider(Map.of("OPENAI_BASE_URL", root + "/api/v1")).complete(request());

        assertThat(requests()).extracting(r -> r.getUrl())
                .containsExactly("/v1beta/openai/chat/completions", "/api/v1/chat/completions");
    }

    @Test
    void json_object_mode_puts_the_schema_into_the_system_message() {
        respond(reply("success"));

        provider(Map.of("OPENAI_STRUCTURED_OUTPUT", "json_object")).complete(request());

        JsonNode body = body(requests().get(0));
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.path("messages").get(0).path("content").asText()).startsWith(request().system())
                .contains("JSON Schema").contains("key_highlights");
    }

    @Test
    void prompt_only_mode_sends_no_response_format() {
        respond(reply("success"));

        provider(Map.of("OPENAI_STRUCTURED_OUTPUT", "none")).complete(request());

        JsonNode body = body(requests().get(0));
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("messages").get(0).path("content").asText()).contains("JSON Schema");
    }

    @Test
    void the_output_limit_field_is_configurable_for_compatible_servers() {
        respond(reply("success"));

        provider(Map.of("OPENAI_MAX_TOKENS_FIELD", "max_tokens")).complete(request());
        provider(Map.of("OPENAI_MAX_TOKENS_FIELD", "both")).complete(request());

        JsonNode onlyOld = body(requests().get(0));
        JsonNode both = body(requests().get(1));
        assertThat(onlyOld.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(onlyOld.has("max_completion_tokens")).isFalse();
        assertThat(both.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(both.path("max_completion_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void sends_organization_and_project_headers_when_configured() {
        respond(reply("success"));

        provider(Map.of("OPENAI_ORG_ID", "org-abc", "OPENAI_PROJECT_ID", "proj_123")).complete(request());

        assertThat(requests().get(0).getHeader("OpenAI-Organization")).isEqualTo("org-abc");
        assertThat(requests().get(0).getHeader("OpenAI-Project")).isEqualTo("proj_123");
    }

    @Test
    void a_schema_strict_mode_cannot_take_is_sent_without_strict() {
        respond(reply("success"));
        LlmRequest loose = new LlmRequest("sys", "prompt", "loose", "{\"type\":\"object\",\"properties\":"
                + "{\"a\":{\"type\":\"string\"}}}", 100, request().input());

        provider().complete(loose);

        assertThat(body(requests().get(0)).path("response_format").path("json_schema").path("strict").asBoolean())
                .isFalse();
    }

    @Test
    void truncation_on_a_reasoning_model_mentions_reasoning_tokens() {
        respond(reply("truncated"));

        assertThat(call(provider(Map.of("OPENAI_MODEL", "gpt-5-mini")))).hasMessageContaining("reasoning tokens");
        assertThat(call(provider())).hasMessageNotContaining("reasoning tokens");
    }

    @Test
    void content_filter_is_a_blocked_reply() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"c1","object":"chat.completion","model":"gpt-4.1-mini","choices":[{"index":0,
                 "message":{"role":"assistant","content":"{\\"achievements\\":["},"finish_reason":"content_filter"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":3}}"""));

        assertThat(call(provider())).isInstanceOf(LlmOutputException.class).hasMessageContaining("blocked")
                .hasMessageContaining("content_filter");
    }

    @Test
    void a_compatible_server_without_usage_or_finish_reason_still_answers() {
        respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"c1","object":"chat.completion","model":"llama3.1:8b","choices":[{"index":0,
                 "message":{"role":"assistant","content":"{\\"a\\":1}"}}]}"""));

        LlmResponse response = provider(Map.of("OPENAI_MODEL", "llama3.1:8b")).complete(request());

        assertThat(response.text()).isEqualTo("{\"a\":1}");
        assertThat(response.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(response.model()).isEqualTo("llama3.1:8b");
    }

    @Test
    void reads_an_error_wrapped_in_an_array_by_gemini_openai_compatibility() {
        respond(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                [{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED"}}]"""));

        assertThat(call(provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "0")))).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("You exceeded your current quota.");
    }

    @Test
    void insufficient_quota_is_recognised_by_type_alone() {
        respond(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":null}}"""));

        assertThat(call(provider())).isInstanceOf(QuotaExceededException.class);
        assertThat(requests()).hasSize(1);
    }
}
