package dev.worklog.llm.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.UpstreamError;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.ErrorReader;
import java.net.http.HttpHeaders;
import java.util.Locale;

/**
 * Reads {@code {"type":"error","error":{"type","message","details":{"error_code"}},"request_id"}}. A 429 whose
 * {@code error.details.error_code} is {@code enforced_spend_limit_reached}, or a {@code billing_error}, is the spend
 * limit: not retried. Other 429s are rate limits and retried (Anthropic sends {@code retry-after} with them).
 */
final class ClaudeErrorReader implements ErrorReader {
    static final String SPEND_LIMIT = "enforced_spend_limit_reached";

    @Override
    public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
        UpstreamError generic = ErrorReader.generic().read(service, status, headers, body);
        String requestId = generic.requestId().isEmpty() ? headers.firstValue("request-id").orElse("")
                : generic.requestId();
        return new UpstreamError(service, status, generic.code(), generic.message(), requestId, null,
                detailCode(body));
    }

    @Override
    public boolean isQuotaExhausted(UpstreamError error, HttpHeaders headers, String body) {
        if (error.status() != 429) {
            return false;
        }
        String message = error.message().toLowerCase(Locale.ROOT);
        return SPEND_LIMIT.equals(error.reason()) || "billing_error".equals(error.code())
                || message.contains("spend limit") || message.contains("credit balance");
    }

    private static String detailCode(String body) {
        JsonNode root = Json.tryParse(body);
        if (root == null) {
            return "";
        }
        JsonNode code = root.path("error").path("details").path("error_code");
        return code.isTextual() ? code.asText() : "";
    }
}
