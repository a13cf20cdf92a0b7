package dev.worklog.llm.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.internal.llm.BaseUrls;
import dev.worklog.internal.llm.JsonSchemas;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmOutputs;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.util.Map;
import java.util.Set;

/** The generateContent call and its mapping. */
final class GeminiProvider implements LlmProvider {
    /** Finish reasons that mean a filter stopped the reply. */
    private static final Set<String> BLOCKED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "LANGUAGE");

    private final LlmSettings settings;
    private final LlmHttp http;
    private final String model;
    private final String structuredOutput;
    private final Integer thinkingBudget;
    private final String thinkingLevel;
    private final String url;

    GeminiProvider(LlmSettings settings, LlmHttp http, String model, String version, String structuredOutput,
            Integer thinkingBudget, String thinkingLevel) {
        this.settings = settings;
        this.http = http;
        this.model = model;
        this.structuredOutput = structuredOutput;
        this.thinkingBudget = thinkingBudget;
        this.thinkingLevel = thinkingLevel;
        this.url = BaseUrls.withVersion(settings.baseUrl(), version) + "/models/" + model + ":generateContent";
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        JsonNode reply;
        try {
            reply = http.postJson(url, Map.of("x-goog-api-key", settings.apiKey()), body(request));
        } catch (InvalidRequestException e) {
            // Gemini answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID
            if (e.upstream().map(u -> u.reason().equals("API_KEY_INVALID")).orElse(false)) {
                throw new AuthenticationException(e.getMessage() + ". Check the Gemini API key ("
                        + settings.apiKeyVariable() + ")", e.upstream().orElse(null), e);
            }
            throw e;
        }
        return parse(reply, request);
    }

    /** Reads the model's description ({@code GET /v1beta/models/{model}}): proves key, model and network, no tokens. */
    @Override
    public dev.worklog.spi.HealthCheck checkHealth() {
        String modelUrl = url.substring(0, url.length() - ":generateContent".length());
        JsonNode reply;
        try {
            reply = http.getJson(modelUrl, Map.of("x-goog-api-key", settings.apiKey()));
        } catch (InvalidRequestException e) {
            if (e.upstream().map(u -> u.reason().equals("API_KEY_INVALID")).orElse(false)) {
                throw new AuthenticationException(e.getMessage() + ". Check the Gemini API key ("
                        + settings.apiKeyVariable() + ")", e.upstream().orElse(null), e);
            }
            throw e;
        }
        return dev.worklog.spi.HealthCheck.ok("model " + reply.path("name").asText(model)
                + " is available to the key in " + settings.apiKeyVariable());
    }

    ObjectNode body(LlmRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean nativeSchema = structuredOutput.equals("json_schema") || structuredOutput.equals("response_schema");
        String system = nativeSchema ? request.system()
                : request.system() + "\n\n" + JsonSchemas.promptInstruction(request.schemaName(), request.responseSchema());
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", request.prompt());
        ObjectNode config = body.putObject("generationConfig");
        config.put("maxOutputTokens", request.maxOutputTokens());
        if (!structuredOutput.equals("none")) {
            config.put("responseMimeType", "application/json");
        }
        if (structuredOutput.equals("json_schema")) {
            config.set("responseJsonSchema", JsonSchemas.parse(request.responseSchema()));
        } else if (structuredOutput.equals("response_schema")) {
            config.set("responseSchema", JsonSchemas.toOpenApiSubset(JsonSchemas.parse(request.responseSchema())));
        }
        settings.temperature().ifPresent(t -> config.put("temperature", t));
        if (thinkingBudget != null || thinkingLevel != null) {
            ObjectNode thinking = config.putObject("thinkingConfig");
            if (thinkingBudget != null) {
                thinking.put("thinkingBudget", thinkingBudget);
            }
            if (thinkingLevel != null) {
                thinking.put("thinkingLevel", thinkingLevel);
            }
        }
        return body;
    }

    LlmResponse parse(JsonNode reply, LlmRequest request) {
        String answered = reply.path("modelVersion").asText(model);
        String blockReason = reply.path("promptFeedback").path("blockReason").asText("");
        if (!blockReason.isEmpty()) {
            throw LlmOutputs.blocked(name(), answered, "promptFeedback.blockReason " + blockReason,
                    reply.path("promptFeedback").path("blockReasonMessage").asText(""));
        }
        JsonNode candidate = reply.path("candidates").path(0);
        if (!candidate.isObject()) {
            throw LlmOutputs.unusable(name(), answered, "returned no candidates");
        }
        JsonNode usage = reply.path("usageMetadata");
        long thoughts = LlmOutputs.count(usage, "thoughtsTokenCount");
        String finish = candidate.path("finishReason").asText("");
        if (finish.equals("MAX_TOKENS")) {
            throw LlmOutputs.truncated(name(), answered, "finishReason MAX_TOKENS", request.maxOutputTokens(),
                    thoughts > 0 ? "thinking used " + thoughts + " of those tokens; GEMINI_THINKING_LEVEL=low "
                            + "(Gemini 3) or a small GEMINI_THINKING_BUDGET (2.5) leaves more for the reply" : "");
        }
        if (BLOCKED.contains(finish)) {
            throw LlmOutputs.blocked(name(), answered, "finishReason " + finish, blockedCategories(candidate));
        }
        if (!finish.isEmpty() && !finish.equals("STOP")) {
            throw LlmOutputs.unusable(name(), answered, "stopped with finishReason " + finish + " instead of STOP"
                    + (candidate.path("finishMessage").isTextual() ? " (" + candidate.path("finishMessage").asText()
                            + ")" : ""));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false) && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        if (text.toString().isBlank()) {
            throw LlmOutputs.unusable(name(), answered, "returned no text (finishReason " + finish + ")");
        }
        return new LlmResponse(text.toString(), LlmOutputs.usage(LlmOutputs.count(usage, "promptTokenCount"),
                LlmOutputs.count(usage, "candidatesTokenCount") + thoughts), answered);
    }

    private static String blockedCategories(JsonNode candidate) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode rating : candidate.path("safetyRatings")) {
            if (rating.path("blocked").asBoolean(false) || "HIGH".equals(rating.path("probability").asText())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(rating.path("category").asText())
                        .append(' ').append(rating.path("probability").asText());
            }
        }
        return sb.toString();
    }
}
