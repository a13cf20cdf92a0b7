package dev.worklog.error;

/** The account's quota or spend limit is used up. Retrying does not help until it is raised or resets. */
public final class QuotaExceededException extends NonRetryableException {
    public QuotaExceededException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public QuotaExceededException(String message) {
        super(message, null, null);
    }
}
