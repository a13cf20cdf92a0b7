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

    /**
     * Checks, as cheaply as the vendor allows, that the provider is reachable and accepts the configured key and
     * model: for example by reading the model's description, which spends no tokens. {@code worklog doctor} calls
     * it. Optional: the default says the provider cannot check without a real request, and doctor reports the
     * provider as not checked rather than failed.
     *
     * @return what was checked
     * @throws dev.worklog.error.WorkLogException when the provider is unreachable or rejects the key or the model;
     *     the message names the variable to fix, as {@link #complete} does
     */
    default HealthCheck checkHealth() {
        return HealthCheck.notSupported();
    }

    /**
     * Whether the provider runs in this process and sends nothing anywhere, as the offline summarizer does. Core
     * redacts the prompt ({@code WORKLOG_REDACT}) before every provider that does not; such a provider must send only
     * {@link LlmRequest#system()} and {@link LlmRequest#prompt()}, which are what redaction covers, never the typed
     * {@link LlmRequest#input()}. Default {@code false}.
     */
    default boolean inProcess() {
        return false;
    }
}
