package dev.worklog.llm.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.UpstreamError;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.ErrorReader;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads Google's {@code {"error":{"code","message","status","details":[...]}}}: the status ({@code RESOURCE_EXHAUSTED})
 * as the code, {@code ErrorInfo.reason} or a {@code QuotaFailure} quota id as the reason, and
 * {@code RetryInfo.retryDelay} as the requested wait (Gemini sends no {@code retry-after} header). A 429 whose
 * {@code QuotaFailure} names a per-day quota is exhausted for the day: not retried, whatever its retry delay.
 */
final class GeminiErrorReader implements ErrorReader {
    private static final String QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    @Override
    public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
        JsonNode root = Json.tryParse(body);
        if (root != null && root.isArray() && root.size() > 0) {
            root = root.get(0);
        }
        JsonNode error = root == null ? null : root.path("error");
        if (error == null || !error.isObject()) {
            return ErrorReader.generic().read(service, status, headers, body);
        }
        String code = error.path("status").asText("");
        String message = error.path("message").asText("");
        String reason = "";
        String dailyQuota = "";
        Duration retryDelay = null;
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText("");
            if (type.equals(ERROR_INFO) && reason.isEmpty()) {
                reason = detail.path("reason").asText("");
            } else if (type.equals(QUOTA_FAILURE)) {
                for (JsonNode violation : detail.path("violations")) {
                    String quotaId = violation.path("quotaId").asText("");
                    if (isPerDay(quotaId) && dailyQuota.isEmpty()) {
                        dailyQuota = quotaId;
                    } else if (reason.isEmpty()) {
                        reason = quotaId;
                    }
                }
            } else if (type.equals(RETRY_INFO)) {
                retryDelay = parseDelay(detail.path("retryDelay").asText(""));
            }
        }
        if (!dailyQuota.isEmpty()) {
            reason = dailyQuota;
            message = message.strip() + " [daily quota " + dailyQuota + "]";
        }
        String requestId = headers.firstValue("x-request-id").orElse("");
        return new UpstreamError(service, status, code.isEmpty() ? error.path("code").asText("") : code, message,
                requestId, retryDelay, reason);
    }

    @Override
    public boolean isQuotaExhausted(UpstreamError error, HttpHeaders headers, String body) {
        return error.status() == 429 && isPerDay(error.reason());
    }

    private static boolean isPerDay(String quotaId) {
        return quotaId.toLowerCase(Locale.ROOT).contains("perday");
    }

    /** Protobuf duration text: {@code "32s"}, {@code "1.5s"}. */
    static Duration parseDelay(String text) {
        String t = text.strip();
        if (!t.endsWith("s")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(t.substring(0, t.length() - 1));
            return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
