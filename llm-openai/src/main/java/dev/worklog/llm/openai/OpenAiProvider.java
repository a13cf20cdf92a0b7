package dev.worklog.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The Chat Completions call and its mapping. */
final class OpenAiProvider implements LlmProvider {
    /** o1, o3, o4-mini, gpt-5*, also behind a router prefix such as {@code openai/}. */
    private static final Pattern REASONING_MODEL = Pattern.compile("(^|/)(o\\d|gpt-5)");

    private final LlmSettings settings;
    private final LlmHttp http;
    private final String structuredOutput;
    private final String maxTokensField;
    private final String url;
    private final Map<String, String> headers;

    OpenAiProvider(LlmSettings settings, LlmHttp http, String structuredOutput, String maxTokensField) {
        this.settings = settings;
        this.http = http;
        this.structuredOutput = structuredOutput;
        this.maxTokensField = maxTokensField;
        this.url = BaseUrls.withDefaultVersion(
                BaseUrls.normalise(settings.baseUrlVariable(), settings.baseUrl(), "/chat/completions"), "v1")
                + "/chat/completions";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + settings.apiKey());
        settings.optional("ORG_ID").ifPresent(v -> h.put("OpenAI-Organization", v));
        settings.optional("PROJECT_ID").ifPresent(v -> h.put("OpenAI-Project", v));
        this.headers = Map.copyOf(h);
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        return parse(http.postJson(url, headers, body(request)), request);
    }

    /**
     * Reads the model's description ({@code GET /v1/models/{model}}, which OpenAI and compatible servers such as
     * Ollama and vLLM serve): proves key, model and network, no tokens.
     */
    @Override
    public dev.worklog.spi.HealthCheck checkHealth() {
        String modelsUrl = url.substring(0, url.length() - "/chat/completions".length()) + "/models/"
                + java.net.URLEncoder.encode(settings.model(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode reply = http.getJson(modelsUrl, headers);
        return dev.worklog.spi.HealthCheck.ok("model " + reply.path("id").asText(settings.model())
                + " is available to the key in " + settings.apiKeyVariable());
    }

    ObjectNode body(LlmRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        String system = structuredOutput.equals("json_schema") ? request.system()
                : request.system() + "\n\n" + JsonSchemas.promptInstruction(request.schemaName(), request.responseSchema());
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", request.prompt());
        if (!maxTokensField.equals("max_tokens")) {
            body.put("max_completion_tokens", request.maxOutputTokens());
        }
        if (!maxTokensField.equals("max_completion_tokens")) {
            body.put("max_tokens", request.maxOutputTokens());
        }
        if (structuredOutput.equals("json_schema")) {
            ObjectNode schema = JsonSchemas.parse(request.responseSchema());
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode jsonSchema = format.putObject("json_schema");
            jsonSchema.put("name", JsonSchemas.safeName(request.schemaName()));
            jsonSchema.put("strict", JsonSchemas.isStrictCompatible(schema));
            jsonSchema.set("schema", schema);
        } else if (structuredOutput.equals("json_object")) {
            body.putObject("response_format").put("type", "json_object");
        }
        settings.temperature().ifPresent(t -> body.put("temperature", t));
        return body;
    }

    LlmResponse parse(JsonNode reply, LlmRequest request) {
        String model = reply.path("model").asText(settings.model());
        JsonNode choice = reply.path("choices").path(0);
        if (!choice.isObject()) {
            throw LlmOutputs.unusable(name(), model, "returned no choices");
        }
        JsonNode message = choice.path("message");
        String finish = choice.path("finish_reason").asText("");
        JsonNode refusal = message.get("refusal");
        if (refusal != null && refusal.isTextual() && !refusal.asText().isBlank()) {
            throw LlmOutputs.refused(name(), model, "message.refusal", refusal.asText());
        }
        switch (finish) {
            case "length":
                throw LlmOutputs.truncated(name(), model, "finish_reason length", request.maxOutputTokens(),
                        REASONING_MODEL.matcher(settings.model()).find()
                                ? "reasoning tokens count against the limit on this model" : "");
            case "content_filter":
                throw LlmOutputs.blocked(name(), model, "finish_reason content_filter", "");
            case "tool_calls":
            case "function_call":
                throw LlmOutputs.unusable(name(), model, "asked to call a tool (finish_reason " + finish + ")");
            default:
                break;
        }
        String text = content(message.path("content"));
        if (text.isBlank()) {
            throw LlmOutputs.unusable(name(), model, "returned no text (finish_reason " + finish + ")");
        }
        JsonNode usage = reply.path("usage");
        return new LlmResponse(text, LlmOutputs.usage(LlmOutputs.count(usage, "prompt_tokens"),
                LlmOutputs.count(usage, "completion_tokens")), model);
    }

    /** A string, or (some compatible servers) a list of {@code {type: text, text}} parts. */
    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                sb.append(part.asText());
            } else if (part.path("text").isTextual()) {
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }
}
