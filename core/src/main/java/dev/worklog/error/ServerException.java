package dev.worklog.error;

/** The service failed on its side (HTTP 5xx), or reported a conflict (409) that a fresh attempt may clear. */
public final class ServerException extends RetryableException {
    public ServerException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public ServerException(String message) {
        super(message, null, null);
    }
}
