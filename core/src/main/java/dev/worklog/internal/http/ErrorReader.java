package dev.worklog.internal.http;

import dev.worklog.error.UpstreamError;
import java.net.http.HttpHeaders;

/**
 * Reads a vendor's error response: its code, message and request id, and whether it is a used-up quota (a 429 that
 * must not be retried). Each vendor module supplies one; {@link #generic()} understands the common JSON shapes.
 */
public interface ErrorReader {
    /**
     * Extracts what the service said. Must cope with any body: empty, HTML, truncated JSON. A reader may set
     * {@link UpstreamError#retryAfter()} from the body (Gemini's {@code RetryInfo.retryDelay}); the executor uses it
     * when the response has no {@code retry-after-ms} or {@code retry-after} header, capped like any server wait.
     */
    UpstreamError read(String service, int status, HttpHeaders headers, String body);

    /** Whether this error means the quota or spend limit is exhausted; such a 429 is never retried. */
    default boolean isQuotaExhausted(UpstreamError error, HttpHeaders headers, String body) {
        return false;
    }

    /**
     * Reads {@code {"error":{"message","type","code"}}}, {@code {"message","code"}} and plain-text bodies, and the
     * request id from the body or from common request-id headers.
     */
    static ErrorReader generic() {
        return GenericErrorReader.INSTANCE;
    }
}
