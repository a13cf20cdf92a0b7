package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.CircuitOpenException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.FieldError;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.ValidationException;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.Redaction;
import dev.worklog.internal.json.StrictJson;
import dev.worklog.internal.outbox.IdempotencyConflictException;
import dev.worklog.internal.outbox.NotQueuedException;
import dev.worklog.internal.outbox.OutboxException;
import dev.worklog.internal.outbox.QueuedException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer has one shape, {@code {"detail": "...", "errors": [{"field", "message"}]}} (plus
 * {@code upstream: {service, status, request_id}} when the store or an LLM failed), made here. {@link #failure} maps
 * what the SDK throws to a status in one place: validation 400, idempotency conflicts 409/422, an entry queued in the
 * outbox 202, an open circuit breaker, an upstream rate limit or an entry a non-durable outbox could not keep 503
 * with {@code Retry-After}, upstream time-outs 504,
 * other upstream failures 502, configuration 500; a bug is 500 with a generic message (the log gets the stack trace).
 * Never a stack trace or a secret in an answer.
 */
public final class ErrorResponses {
    /** Seconds a shed, draining or starting request is told to wait ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final ExecutionLog executionLog;
    private final Set<String> secrets;

    /**
     * @param executionLog where failures of the store and the LLM are recorded ({@code api_server})
     * @param secrets values masked in every message (the bearer token)
     */
    public ErrorResponses(ExecutionLog executionLog, Set<String> secrets) {
        this.executionLog = executionLog;
        this.secrets = Set.copyOf(secrets);
    }

    /** The answer to a refusal. */
    public static ApiResponse of(ApiError e) {
        return error(e.status(), e.getMessage(), e.errors(), e.headers(), null);
    }

    /** An error answer in the API's shape. */
    public static ApiResponse error(int status, String detail, List<FieldError> errors, Map<String, String> headers,
            UpstreamError upstream) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("detail", detail);
        var array = n.putArray("errors");
        for (FieldError e : errors) {
            ObjectNode o = array.addObject();
            o.put("field", e.field());
            o.put("message", e.message());
        }
        if (upstream != null) {
            ObjectNode u = n.putObject("upstream");
            u.put("service", upstream.service());
            u.put("status", upstream.status());
            u.put("request_id", upstream.requestId());
        }
        return ApiResponse.json(status, Json.write(n), headers);
    }

    /** Maps an exception from the SDK (or a bug) to an answer; logs server-side failures without their text leaking. */
    public ApiResponse failure(ApiRequest request, Throwable e) {
        String what = request.method() + " " + StrictJson.shorten(request.path());
        if (e instanceof ValidationException v) {
            return error(400, "invalid input", v.errors(), Map.of(), null);
        }
        if (e instanceof IdempotencyConflictException c) {
            return c.reason() == IdempotencyConflictException.Reason.MISMATCH
                    ? error(422, c.getMessage(), List.of(), Map.of(), null)
                    : error(409, c.getMessage(), List.of(), Map.of("Retry-After", "1"), null);
        }
        if (e instanceof QueuedException q) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("status", "queued");
            n.put("queue_id", q.queueId());
            n.putArray("warnings");
            return ApiResponse.json(202, Json.write(n), Map.of());
        }
        if (e instanceof OutboxException) {
            logFailure(what, e);
            return error(503, "cannot accept entries now: the store is unreachable and the outbox cannot write "
                    + "to disk", List.of(), Map.of("Retry-After", "30"), null);
        }
        if (e instanceof NotQueuedException refused) {
            // the outbox cannot keep a promise here: the client's retry with its key is the durable path
            LOG.warn("{}: {}", what, redact(refused.getMessage()));
            return error(503, redact(refused.getMessage()), List.of(),
                    Map.of("Retry-After", String.valueOf(seconds(refused.retryAfter()))), refused.upstream().orElse(null));
        }
        if (e instanceof ConfigurationException) {
            logFailure(what, e);
            return error(500, "the server is not configured for this: " + redact(e.getMessage()), List.of(),
                    Map.of(), null);
        }
        if (e instanceof CircuitOpenException open) {
            long wait = seconds(open.retryAfter());
            LOG.warn("{}: {}", what, redact(open.getMessage()));
            return error(503, "the store is failing; not calling it for now: " + redact(open.getMessage()),
                    List.of(), Map.of("Retry-After", String.valueOf(wait)), null);
        }
        if (e instanceof WorkLogException w) {
            return upstreamFailure(what, w);
        }
        // a bug: the client gets a generic message; the log gets the stack trace
        LOG.error("{}: unexpected failure", what, e);
        executionLog.error(ExecutionLog.API_SERVER, what + " failed unexpectedly: " + e);
        return error(500, "internal server error", List.of(), Map.of(), null);
    }

    /** A wait as {@code Retry-After} seconds: rounded up, at least 1. */
    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private void logFailure(String what, Throwable e) {
        LOG.error("{}: {}", what, redact(e.getMessage()));
        executionLog.error(ExecutionLog.API_SERVER, what + " failed: " + e.getMessage());
    }

    private ApiResponse upstreamFailure(String what, WorkLogException w) {
        UpstreamError upstream = w.upstream().orElse(null);
        executionLog.error(ExecutionLog.API_SERVER, what + " failed: " + w.getMessage());
        LOG.warn("{}: upstream failure: {}", what, redact(w.getMessage()));
        if (w instanceof RateLimitException) {
            long wait = upstream == null ? 30 : upstream.retryAfterHint().map(Duration::toSeconds).orElse(30L);
            return error(503, "upstream rate limit: " + redact(w.getMessage()), List.of(),
                    Map.of("Retry-After", String.valueOf(Math.max(1, wait))), upstream);
        }
        if (w.isRetryable() && isTimeout(w)) {
            return error(504, "upstream timeout: " + redact(w.getMessage()), List.of(), Map.of(), upstream);
        }
        return error(502, "upstream failure: " + redact(w.getMessage()), List.of(), Map.of(), upstream);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("timed out") || m.contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    /** The text with the secrets masked. */
    public String redact(String text) {
        return Redaction.redact(text, secrets);
    }

    // --- the transport's own answers: prepared without Jackson where they must be fast ---

    /** The answer when every worker is busy and the queue is full, or the body budget is spent. */
    public static ApiResponse busy() {
        return retryLater("the server is busy", true);
    }

    /** The answer to a request the transport reads while shutting down. */
    public static ApiResponse draining() {
        return retryLater("the server is shutting down", true);
    }

    /** The answer when the SDK did not finish loading in time. */
    public static ApiResponse starting() {
        return retryLater("the server is starting", false);
    }

    private static ApiResponse retryLater(String what, boolean close) {
        String body = "{\"detail\":\"" + what + "; retry after " + RETRY_AFTER_SECONDS + " s\",\"errors\":[]}";
        String wait = String.valueOf(RETRY_AFTER_SECONDS);
        return ApiResponse.json(503, body, close ? Map.of("Retry-After", wait, "Connection", "close")
                : Map.of("Retry-After", wait));
    }

    /**
     * The answer to a request the transport could not read (malformed, too large, too slow): always a 4xx, the
     * error body of every other answer, and the connection closes.
     */
    public static ApiResponse transportError(int status, String detail) {
        return error(status, detail, List.of(), Map.of("Connection", "close"), null);
    }
}
