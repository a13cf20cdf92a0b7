package dev.worklog.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How a roll-up was made: enough to tell whether a rerun would see the same inputs.
 *
 * @param provider the LLM provider's name ({@code claude}, {@code offline}, ...)
 * @param model the model id the provider used
 * @param promptVersion the version of the prompt templates
 * @param inputFingerprint a hash over the sources, the provider, the model and the prompt version
 * @param generatedAt when it was made
 */
public record Generation(String provider, String model, String promptVersion, String inputFingerprint,
        Instant generatedAt) {
    public Generation {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(inputFingerprint, "inputFingerprint");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}
