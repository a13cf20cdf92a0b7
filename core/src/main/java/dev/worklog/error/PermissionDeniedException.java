package dev.worklog.error;

/** The key is valid but may not touch this resource (HTTP 403), for example a Notion database not shared with the integration. */
public final class PermissionDeniedException extends NonRetryableException {
    public PermissionDeniedException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public PermissionDeniedException(String message) {
        super(message, null, null);
    }
}
