package dev.worklog.error;

/** The resource does not exist or is not visible to this key (HTTP 404): a wrong database id, or an unknown model. */
public final class NotFoundException extends NonRetryableException {
    public NotFoundException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public NotFoundException(String message) {
        super(message, null, null);
    }
}
