package dev.worklog.spi;

/**
 * A language model that turns one {@link LlmRequest} into one {@link LlmResponse}. Implementations translate to
 * their vendor's HTTP API and back; prompts, parsing, validation and repair live in core, once for all providers.
 * Truncated replies, refusals and safety blocks must be thrown as {@link dev.worklog.error.LlmOutputException},
 * never returned as text.
 */
public interface LlmProvider {
    /** The provider's name, as {@code LLM_PROVIDER} spells it. */
    String name();

    /** The model id requests go to. */
    String model();

    /**
     * Sends the request and returns the complete reply.
     *
     * @throws dev.worklog.error.WorkLogException on any failure, after the provider's retries
     */
    LlmResponse complete(LlmRequest request);
}
