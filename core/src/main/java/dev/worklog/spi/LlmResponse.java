package dev.worklog.spi;

import dev.worklog.model.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * A model's complete reply.
 *
 * @param text the reply text, expected to be the JSON the schema asked for
 * @param usage tokens consumed, as reported by the vendor ({@link TokenUsage#NONE} when it reports none)
 * @param model the model that answered, as the vendor names it
 * @param warnings what the caller should know about the text, kept with what is made from it (for example a
 *     redaction placeholder the model invented or mangled, left in the text as it was); usually empty
 */
public record LlmResponse(String text, TokenUsage usage, String model, List<String> warnings) {
    public LlmResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
        warnings = List.copyOf(warnings);
    }

    /** A reply without warnings: what a provider returns. */
    public LlmResponse(String text, TokenUsage usage, String model) {
        this(text, usage, model, List.of());
    }
}
