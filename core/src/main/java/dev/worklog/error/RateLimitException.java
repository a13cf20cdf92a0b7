package dev.worklog.error;

/** The service asked us to slow down (HTTP 429 or Notion's 529 overload); it says when to come back. */
public final class RateLimitException extends RetryableException {
    public RateLimitException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public RateLimitException(String message) {
        super(message, null, null);
    }
}
