package dev.worklog.spi;

import dev.worklog.model.TokenUsage;
import java.util.Objects;

/**
 * A model's complete reply.
 *
 * @param text the reply text, expected to be the JSON the schema asked for
 * @param usage tokens consumed, as reported by the vendor ({@link TokenUsage#NONE} when it reports none)
 * @param model the model that answered, as the vendor names it
 */
public record LlmResponse(String text, TokenUsage usage, String model) {
    public LlmResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
    }
}
