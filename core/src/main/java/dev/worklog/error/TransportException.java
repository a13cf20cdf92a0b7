package dev.worklog.error;

/** The request did not complete: connection refused or reset, or a timeout. It may or may not have reached the service. */
public final class TransportException extends RetryableException {
    public TransportException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public TransportException(String message) {
        super(message, null, null);
    }
}
