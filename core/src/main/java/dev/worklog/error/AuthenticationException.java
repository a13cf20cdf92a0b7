package dev.worklog.error;

/** The service rejected the key or token (HTTP 401). The message names the variable to check. */
public final class AuthenticationException extends NonRetryableException {
    public AuthenticationException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public AuthenticationException(String message) {
        super(message, null, null);
    }
}
