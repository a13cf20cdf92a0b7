package dev.worklog.error;

/** A failure that repeats until something changes: bad input, a wrong key, a missing database, an empty quota. */
public class NonRetryableException extends WorkLogException {
    public NonRetryableException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    @Override
    public final boolean isRetryable() {
        return false;
    }
}
