package dev.worklog.llm.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.llm.BaseUrls;
import dev.worklog.internal.llm.JsonSchemas;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmOutputs;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.util.Map;

/** The Messages API call and its mapping. */
final class ClaudeProvider implements LlmProvider {
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private final LlmSettings settings;
    private final LlmHttp http;
    private final boolean nativeSchema;
    private final String url;

    ClaudeProvider(LlmSettings settings, LlmHttp http, boolean nativeSchema) {
        this.settings = settings;
        this.http = http;
        this.nativeSchema = nativeSchema;
        this.url = BaseUrls.withVersion(BaseUrls.normalise(settings.baseUrlVariable(), settings.baseUrl(), "/messages"),
                "v1") + "/messages";
    }

    @Override
    public String name() {
        return "claude";
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        JsonNode reply = http.postJson(url, Map.of("x-api-key", settings.apiKey(),
                "anthropic-version", ANTHROPIC_VERSION), body(request));
        return parse(reply, request);
    }

    /** Reads the model's description ({@code GET /v1/models/{model}}): proves key, model and network, no tokens. */
    @Override
    public dev.worklog.spi.HealthCheck checkHealth() {
        String modelsUrl = url.substring(0, url.length() - "/messages".length()) + "/models/"
                + java.net.URLEncoder.encode(settings.model(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode reply = http.getJson(modelsUrl, Map.of("x-api-key", settings.apiKey(),
                "anthropic-version", ANTHROPIC_VERSION));
        return dev.worklog.spi.HealthCheck.ok("model " + reply.path("id").asText(settings.model())
                + " is available to the key in " + settings.apiKeyVariable());
    }

    ObjectNode body(LlmRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", settings.model());
        body.put("max_tokens", request.maxOutputTokens());
        body.put("system", nativeSchema ? request.system()
                : request.system() + "\n\n" + JsonSchemas.promptInstruction(request.schemaName(), request.responseSchema()));
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", request.prompt());
        if (nativeSchema) {
            ObjectNode format = body.putObject("output_config").putObject("format");
            format.put("type", "json_schema");
            format.set("schema", JsonSchemas.parse(request.responseSchema()));
        }
        settings.temperature().ifPresent(t -> body.put("temperature", t));
        return body;
    }

    LlmResponse parse(JsonNode reply, LlmRequest request) {
        String model = reply.path("model").asText(settings.model());
        String stop = reply.path("stop_reason").asText("");
        switch (stop) {
            case "max_tokens":
                throw LlmOutputs.truncated(name(), model, "stop_reason max_tokens", request.maxOutputTokens(), "");
            case "model_context_window_exceeded":
                throw LlmOutputs.truncated(name(), model, "stop_reason model_context_window_exceeded",
                        request.maxOutputTokens(), "the input and output together exceed the model's context window");
            case "refusal":
                throw LlmOutputs.refused(name(), model, "stop_reason refusal", text(reply));
            case "end_turn":
            case "stop_sequence":
            case "":
                break;
            default:
                throw LlmOutputs.unusable(name(), model, "stopped with stop_reason " + stop + " instead of end_turn");
        }
        String text = text(reply);
        if (text.isBlank()) {
            throw LlmOutputs.unusable(name(), model, "returned no text (stop_reason " + stop + ")");
        }
        JsonNode usage = reply.path("usage");
        long input = LlmOutputs.count(usage, "input_tokens") + LlmOutputs.count(usage, "cache_creation_input_tokens")
                + LlmOutputs.count(usage, "cache_read_input_tokens");
        return new LlmResponse(text, LlmOutputs.usage(input, LlmOutputs.count(usage, "output_tokens")), model);
    }

    /** The text blocks joined; thinking and tool blocks are skipped. */
    private static String text(JsonNode reply) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : reply.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                sb.append(block.path("text").asText(""));
            }
        }
        return sb.toString();
    }
}
