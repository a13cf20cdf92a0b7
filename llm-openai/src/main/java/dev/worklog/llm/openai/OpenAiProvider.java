package dev.worklog.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.ServerException;
import dev.worklog.internal.llm.BaseUrls;
import dev.worklog.internal.llm.JsonSchemas;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmOutputs;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.log.ExecutionLog;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The Chat Completions call and its mapping. In the {@code auto} structured-output mode (the default) it asks for
 * {@code json_schema} and, when a server rejects that (older llama.cpp and llama-cpp-python servers, vLLM builds
 * without guided decoding), falls back to JSON mode and then to prompt-only JSON, remembering what the server took;
 * the reply is validated, and repaired once, by core either way.
 */
final class OpenAiProvider implements LlmProvider {
    /** o1, o3, o4-mini, gpt-5*, also behind a router prefix such as {@code openai/}. */
    private static final Pattern REASONING_MODEL = Pattern.compile("(^|/)(o\\d|gpt-5)");
    /** The reasoning a local model (DeepSeek-R1, Qwen3) writes before its answer, which is not part of it. */
    private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");
    /** The code OpenAI (and servers copying it) give a lookup of a model that does not exist. */
    private static final String MODEL_NOT_FOUND = "model_not_found";
    /** The modes {@code auto} tries, in order. */
    private static final List<String> FALLBACKS = List.of("json_schema", "json_object", "none");

    private final LlmSettings settings;
    private final LlmHttp http;
    private final boolean auto;
    private final AtomicReference<String> structuredOutput;
    private final String maxTokensField;
    private final ExecutionLog log;
    private final String url;
    private final Map<String, String> headers;

    OpenAiProvider(LlmSettings settings, LlmHttp http, String structuredOutput, String maxTokensField,
            ExecutionLog log) {
        this.settings = settings;
        this.http = http;
        this.auto = structuredOutput.equals("auto");
        this.structuredOutput = new AtomicReference<>(auto ? FALLBACKS.get(0) : structuredOutput);
        this.maxTokensField = maxTokensField;
        this.log = log;
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
        while (true) {
            String mode = structuredOutput.get();
            try {
                return parse(http.postJson(url, headers, body(request, mode)), request);
            } catch (InvalidRequestException | ServerException e) {
                String next = auto ? fallback(mode, e) : null;
                if (next == null) {
                    throw e;
                }
                structuredOutput.compareAndSet(mode, next);
                log.info(LlmHttp.LOG_COMPONENT, name() + ": the server at " + settings.baseUrl() + " rejected "
                        + "response_format " + mode + " (" + e.getMessage() + "); asking with "
                        + (next.equals("none") ? "the schema in the prompt only" : next) + " from now on (set "
                        + settings.prefix() + "_STRUCTURED_OUTPUT=" + next + " to skip this)");
            }
        }
    }

    /** The next mode to try when the server rejected {@code mode}, or {@code null} when the error is another. */
    private static String fallback(String mode, RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean aboutFormat = message.contains("response_format") || message.contains("json_schema")
                || message.contains("json_object") || message.contains("response format");
        int at = FALLBACKS.indexOf(mode);
        return aboutFormat && at >= 0 && at < FALLBACKS.size() - 1 ? FALLBACKS.get(at + 1) : null;
    }

    /**
     * Reads the model's description ({@code GET /v1/models/{model}}, which OpenAI and compatible servers such as
     * Ollama and vLLM serve): proves key, model and network, no tokens.
     */
    @Override
    public dev.worklog.spi.HealthCheck checkHealth() {
        String models = url.substring(0, url.length() - "/chat/completions".length()) + "/models";
        JsonNode reply;
        try {
            reply = http.getJson(models + "/" + java.net.URLEncoder.encode(settings.model(),
                    java.nio.charset.StandardCharsets.UTF_8), headers);
        } catch (NotFoundException e) {
            if (e.upstream().map(u -> MODEL_NOT_FOUND.equals(u.code())).orElse(false)) {
                throw e;
            }
            // not "no such model" but "no such route": llama.cpp and vLLM serve only the list; the model is fine when
            // the list names it
            List<String> listed = listed(models, e);
            if (!listed.contains(settings.model())) {
                throw new NotFoundException("the server at " + settings.baseUrl() + " does not serve the model '"
                        + settings.model() + "'; it lists " + (listed.isEmpty() ? "none" : String.join(", ", listed))
                        + ": set " + settings.modelVariable() + " to one of them", e.upstream().orElse(null), e);
            }
            return dev.worklog.spi.HealthCheck.ok("model " + settings.model() + " is served (GET " + models + ")");
        }
        return dev.worklog.spi.HealthCheck.ok("model " + reply.path("id").asText(settings.model())
                + " is available to the key in " + settings.apiKeyVariable());
    }

    /** The model ids a server lists, or the original error when it does not serve the list either. */
    private List<String> listed(String models, NotFoundException original) {
        JsonNode list;
        try {
            list = http.getJson(models, headers);
        } catch (NotFoundException e) {
            throw original;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list.path("data")) {
            if (m.path("id").isTextual()) {
                ids.add(m.path("id").asText());
            }
        }
        return ids;
    }

    ObjectNode body(LlmRequest request) {
        return body(request, structuredOutput.get());
    }

    private ObjectNode body(LlmRequest request, String structuredOutput) {
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
        String text = THINKING.matcher(content(message.path("content"))).replaceFirst("");
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
