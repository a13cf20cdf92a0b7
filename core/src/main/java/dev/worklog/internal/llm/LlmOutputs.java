package dev.worklog.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.LlmOutputException;
import dev.worklog.model.TokenUsage;

/**
 * The errors for replies that must not be used, worded the same for every provider, and null-safe token counting.
 * A provider throws these instead of returning part of a reply.
 *
 * <pre>{@code
 * if ("max_tokens".equals(stopReason)) {
 *     throw LlmOutputs.truncated("claude", model, "stop_reason max_tokens", request.maxOutputTokens(), "");
 * }
 * }</pre>
 */
public final class LlmOutputs {
    private LlmOutputs() {
    }

    /** The reply hit the output-token limit; what came back is incomplete. */
    public static LlmOutputException truncated(String provider, String model, String signal, int maxOutputTokens,
            String hint) {
        return new LlmOutputException(provider + " (" + model + ") stopped at the output limit of " + maxOutputTokens
                + " tokens (" + signal + "): the reply is incomplete and was not used. Shorten the period or raise "
                + "the output limit" + suffix(hint));
    }

    /** The model declined to answer. */
    public static LlmOutputException refused(String provider, String model, String signal, String detail) {
        return new LlmOutputException(provider + " (" + model + ") refused to answer (" + signal + ")"
                + suffix(detail) + ". Nothing was generated; check the daily logs of the period for content the model "
                + "will not process, or try another provider");
    }

    /** The vendor's safety or content filter blocked the prompt or the reply. */
    public static LlmOutputException blocked(String provider, String model, String signal, String detail) {
        return new LlmOutputException(provider + " (" + model + ") blocked the request or its reply (" + signal + ")"
                + suffix(detail) + ". Nothing was generated; check the daily logs of the period for content the filter "
                + "objects to, or try another provider");
    }

    /** Any other reply that cannot be used: no text, an unexpected stop, a malformed body. */
    public static LlmOutputException unusable(String provider, String model, String what) {
        return new LlmOutputException(provider + " (" + model + ") " + what + "; the reply was not used");
    }

    /** The field as a non-negative count; 0 when absent, null or not a number (compatible servers omit usage). */
    public static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.canConvertToLong() && v.asLong() > 0 ? v.asLong() : 0;
    }

    /** Token usage from two counts, negative values treated as 0. */
    public static TokenUsage usage(long input, long output) {
        return new TokenUsage(Math.max(0, input), Math.max(0, output));
    }

    private static String suffix(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }
}
