package dev.worklog.internal.http;

import dev.worklog.error.UpstreamError;
import java.time.Duration;
import java.util.Optional;

/**
 * One decision to retry, reported to a {@link HttpExecutor.Builder#onRetry listener} (for example to write
 * {@code rate_limit_exceeded} to the execution log).
 *
 * @param service the service called
 * @param retry which retry this is, 1-based
 * @param maxRetries how many retries the policy allows
 * @param error what the service answered, or {@code null} after an I/O error
 * @param ioError the I/O error's message, or {@code null} after an HTTP error
 * @param delay how long we wait before the retry
 */
public record RetryEvent(String service, int retry, int maxRetries, UpstreamError error, String ioError,
        Duration delay) {

    /** The HTTP error, if the attempt got a response. */
    public Optional<UpstreamError> httpError() {
        return Optional.ofNullable(error);
    }

    /** Whether the service rate-limited us (429). */
    public boolean isRateLimit() {
        return error != null && error.status() == 429;
    }

    /** A one-line description without secrets. */
    public String describe() {
        String cause = error != null ? error.describe() : "I/O error: " + ioError;
        String keyword = isRateLimit() ? "rate_limit_exceeded" + (error.reason().isEmpty() ? "" : " (" + error.reason() + ")") + " - " : "";
        return keyword + cause + "; retry " + retry + " of " + maxRetries + " in " + HttpExecutor.seconds(delay);
    }
}
