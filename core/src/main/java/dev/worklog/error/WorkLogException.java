package dev.worklog.error;

import java.util.Optional;

/**
 * Root of every exception the SDK throws. All are unchecked; each is either a {@link RetryableException} (trying
 * again later may work) or a {@link NonRetryableException} (the input, the configuration or the account must change
 * first).
 *
 * <pre>{@code
 * try {
 *     logger.summarizeWeek(period, SummarizeOptions.defaults());
 * } catch (RetryableException e) {
 *     // schedule a later run
 * } catch (WorkLogException e) {
 *     System.err.println(e.getMessage()); // one clear line, never a secret
 * }
 * }</pre>
 */
public abstract class WorkLogException extends RuntimeException {
    private final transient UpstreamError upstream;

    protected WorkLogException(String message, UpstreamError upstream, Throwable cause) {
        super(message, cause);
        this.upstream = upstream;
    }

    /** What the remote service said, when this failure came from one (Notion or an LLM vendor). */
    public Optional<UpstreamError> upstream() {
        return Optional.ofNullable(upstream);
    }

    /** Whether the same call may succeed if tried again later. */
    public abstract boolean isRetryable();
}
