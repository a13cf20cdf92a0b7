package dev.worklog.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a roll-up was made: enough to tell whether a rerun would see the same inputs, and what it cost.
 *
 * @param provider the LLM provider's name ({@code claude}, {@code offline}, ...)
 * @param model the model id the provider used
 * @param promptVersion the version of the prompt templates
 * @param inputFingerprint a hash over the sources, the provider, the model and the prompt version
 * @param generatedAt when it was made
 * @param usage the tokens the model consumed making it, repairs and fallbacks included ({@link TokenUsage#NONE}
 *     offline or when not recorded)
 * @param sourcesReadAt when its sources were read, or {@code null} when not recorded: a source not edited since
 *     then is still what the fingerprint covers
 */
public record Generation(String provider, String model, String promptVersion, String inputFingerprint,
        Instant generatedAt, TokenUsage usage, Instant sourcesReadAt) {
    public Generation {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(inputFingerprint, "inputFingerprint");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(usage, "usage");
    }

    /** A generation whose token usage and source read time were not recorded. */
    public Generation(String provider, String model, String promptVersion, String inputFingerprint,
            Instant generatedAt) {
        this(provider, model, promptVersion, inputFingerprint, generatedAt, TokenUsage.NONE, null);
    }

    /** When the sources were read, if recorded. */
    public Optional<Instant> sourcesRead() {
        return Optional.ofNullable(sourcesReadAt);
    }

    /** The same generation stamped at another time (stores keep the stamp at different precisions). */
    public Generation withGeneratedAt(Instant at) {
        return new Generation(provider, model, promptVersion, inputFingerprint, at, usage, sourcesReadAt);
    }
}
