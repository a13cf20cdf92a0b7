package dev.worklog.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a remote service reported about a failed call. Never holds a secret: the body is not kept, only the
 * fields below.
 *
 * @param service which service answered ({@code notion}, {@code claude}, {@code openai}, {@code gemini})
 * @param status the HTTP status, or 0 when no response arrived
 * @param code the service's own error code ({@code rate_limited}, {@code insufficient_quota}, ...), or empty
 * @param message the service's message, or a description of the non-JSON body
 * @param requestId the request id to quote to the vendor's support, or empty
 * @param retryAfter how long the service asked us to wait, when it said so
 * @param reason a finer cause when the service gives one (Notion's {@code rate_limit_reason}), or empty
 */
public record UpstreamError(
        String service, int status, String code, String message, String requestId, Duration retryAfter, String reason) {

    public UpstreamError {
        Objects.requireNonNull(service, "service");
        code = code == null ? "" : code;
        message = message == null ? "" : message;
        requestId = requestId == null ? "" : requestId;
        reason = reason == null ? "" : reason;
    }

    /** The wait the service asked for, if any. */
    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same error with the wait the server asked for. */
    public UpstreamError withRetryAfter(Duration wait) {
        return new UpstreamError(service, status, code, message, requestId, wait, reason);
    }

    /** A one-line description: service, status, code, message and request id. */
    public String describe() {
        StringBuilder s = new StringBuilder(service);
        if (status > 0) {
            s.append(" HTTP ").append(status);
        }
        if (!code.isEmpty()) {
            s.append(" ").append(code);
        }
        if (!message.isEmpty()) {
            s.append(": ").append(message);
        }
        if (!requestId.isEmpty()) {
            s.append(" (request id ").append(requestId).append(")");
        }
        return s.toString();
    }
}
