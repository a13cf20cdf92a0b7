package dev.worklog.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.UpstreamError;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.ErrorReader;
import java.net.http.HttpHeaders;

/**
 * Reads {@code {"error":{"message","type","param","code"}}}, also when a compatible server wraps it in an array
 * (Gemini's OpenAI endpoint). A 429 with code or type {@code insufficient_quota} is billing, not a rate limit: not
 * retried.
 */
final class OpenAiErrorReader implements ErrorReader {
    static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    @Override
    public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
        JsonNode root = Json.tryParse(body);
        String unwrapped = root != null && root.isArray() && root.size() > 0 ? Json.write(root.get(0)) : body;
        UpstreamError generic = ErrorReader.generic().read(service, status, headers, unwrapped);
        JsonNode type = root == null ? null : (root.isArray() ? root.path(0) : root).path("error").path("type");
        String reason = type != null && type.isTextual() && !type.asText().equals(generic.code()) ? type.asText() : "";
        return new UpstreamError(service, status, generic.code(), generic.message(), generic.requestId(), null, reason);
    }

    @Override
    public boolean isQuotaExhausted(UpstreamError error, HttpHeaders headers, String body) {
        return error.status() == 429
                && (INSUFFICIENT_QUOTA.equals(error.code()) || INSUFFICIENT_QUOTA.equals(error.reason()));
    }
}
