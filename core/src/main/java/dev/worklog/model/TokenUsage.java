package dev.worklog.model;

/**
 * Tokens an LLM call consumed, as the vendor reported them.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens, thinking included where the vendor counts it there
 */
public record TokenUsage(long inputTokens, long outputTokens) {
    /** No tokens: offline summaries and skipped runs. */
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Both counts added. */
    public long total() {
        return inputTokens + outputTokens;
    }

    /** The sum of two usages, for a run that called the model more than once. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
