package dev.worklog.summarize;

import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.SpiContext;
import java.util.List;

/**
 * Makes the {@link OfflineSummarizer} for {@code LLM_PROVIDER=offline}: no variables, no network. Registered with
 * {@link java.util.ServiceLoader}; the facade falls back to it when no provider is chosen or configured.
 */
public final class OfflineSummarizerFactory implements LlmProviderFactory {
    /** Used by {@link java.util.ServiceLoader}. */
    public OfflineSummarizerFactory() {
    }

    @Override
    public String name() {
        return OfflineSummarizer.NAME;
    }

    @Override
    public List<String> requiredVariables() {
        return List.of();
    }

    @Override
    public LlmProvider create(SpiContext context) {
        return new OfflineSummarizer();
    }
}
