package dev.worklog.rest.internal.http;

/**
 * A request the transport cannot read: malformed, too large, or too slow. Answered with {@link #status()} (always a
 * 4xx) and the connection closed, so a broken client never gets a 5xx or a connection dropped without an answer.
 */
final class HttpProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpProtocolException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** The status to answer: 400, 408, 413, 414, 417 or 431. */
    int status() {
        return status;
    }
}
