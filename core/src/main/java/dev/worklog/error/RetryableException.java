package dev.worklog.error;

/** A failure that may go away by itself: rate limits, server errors, timeouts, broken connections. */
public class RetryableException extends WorkLogException {
    public RetryableException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    @Override
    public final boolean isRetryable() {
        return true;
    }
}
