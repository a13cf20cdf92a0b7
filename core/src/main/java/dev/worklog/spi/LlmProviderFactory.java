package dev.worklog.spi;

import dev.worklog.config.WorkLogConfig;
import java.util.List;

/**
 * Creates an {@link LlmProvider}. Provider modules register one implementation in
 * {@code META-INF/services/dev.worklog.spi.LlmProviderFactory}, so that adding the jar to the classpath is all it
 * takes to make {@code LLM_PROVIDER=<name>} work; {@link NamedServices#of} registers one without ServiceLoader.
 */
public interface LlmProviderFactory {
    /** The name {@code LLM_PROVIDER} selects this provider by, in lower case. */
    String name();

    /** Variables that must be set for {@link #create} to succeed (e.g. {@code CLAUDE_API_KEY}). */
    List<String> requiredVariables();

    /**
     * Builds the provider, checking its configuration now rather than on the first call.
     *
     * @throws dev.worklog.error.ConfigurationException naming the variable when one is missing or invalid
     */
    LlmProvider create(SpiContext context);

    /**
     * Whether the configuration chooses this provider when {@code LLM_PROVIDER} is unset (Claude, the original
     * system's default, does when its key is set); the first provider that does is the default, else the offline
     * summarizer. The default: never.
     */
    default boolean selectedByDefault(WorkLogConfig config) {
        return false;
    }

    /**
     * What {@code worklog doctor} says about this provider; the default follows the shared variable names
     * ({@link DoctorAdvice#providerBuilder}).
     */
    default DoctorAdvice advice() {
        return DoctorAdvice.providerBuilder(name()).build();
    }
}
