package dev.worklog.error;

/** The service refused the request as malformed (HTTP 400, 413, 422 or another 4xx). */
public final class InvalidRequestException extends NonRetryableException {
    public InvalidRequestException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public InvalidRequestException(String message) {
        super(message, null, null);
    }
}
