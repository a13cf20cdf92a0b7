package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health} and {@code HEAD /health}: {@code {"status":"ok","timestamp":...}}, with no store or LLM call and
 * no token, for keep-alive pingers and platform health checks; written without Jackson so that it is fast from the
 * first request on. {@code ?verbose} (token required when one is set) adds the store's circuit breaker and the
 * outbox's counts, for operators.
 */
public final class HealthRoute {
    /** The health check's path. */
    public static final String PATH = "/health";

    private final Outbox outbox;
    private final Clock clock;
    private final BearerAuth auth;
    private final ErrorResponses errors;

    /**
     * @param outbox the outbox in front of the store (its store's circuit breaker, its counts)
     * @param clock the clock of the timestamps
     * @param auth the credentials {@code ?verbose} requires
     * @param errors the masking of secrets in the store's description and last failure
     */
    public HealthRoute(Outbox outbox, Clock clock, BearerAuth auth, ErrorResponses errors) {
        this.outbox = outbox;
        this.clock = clock;
        this.auth = auth;
        this.errors = errors;
    }

    /** Answers the request. */
    public ApiResponse handle(ApiRequest request) {
        if (!wantsVerbose(request.query())) {
            return plain(clock);
        }
        auth.check(request); // the details (store, breaker, outbox) are for operators, not for anyone
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", "ok");
        n.put("timestamp", clock.instant().toString());
        ObjectNode store = n.putObject("store");
        store.put("description", errors.redact(outbox.describe()));
        Optional<CircuitBreaker> breaker = outbox.circuitBreaker();
        if (breaker.isPresent()) {
            CircuitBreaker.Snapshot b = breaker.get().snapshot();
            ObjectNode o = store.putObject("circuit_breaker");
            o.put("state", b.state().name().toLowerCase(Locale.ROOT));
            o.put("consecutive_failures", b.consecutiveFailures());
            o.put("since", b.since().toString());
            o.put("open_until", b.openUntil() == null ? null : b.openUntil().toString());
            o.put("last_failure", b.lastFailure() == null ? null : errors.redact(b.lastFailure()));
            o.put("calls", b.calls());
            o.put("failures", b.failures());
        } else {
            store.putNull("circuit_breaker");
        }
        ObjectNode queue = n.putObject("outbox");
        queue.put("durable", outbox.durableFolder());
        queue.put("pending", outbox.pending().size());
        queue.put("failed", outbox.failed().size());
        return ApiResponse.json(200, Json.write(n), Map.of("Cache-Control", "no-store"));
    }

    /** The plain answer, at the route's clock. */
    public ApiResponse plain() {
        return plain(clock);
    }

    /**
     * The plain answer at {@code clock}: written by hand (an ISO instant needs no escaping), and keeping Jackson off
     * this path makes the first health check after start-up (what platforms wait for) fast.
     */
    public static ApiResponse plain(Clock clock) {
        return ApiResponse.json(200, "{\"status\":\"ok\",\"timestamp\":\"" + clock.instant() + "\"}",
                Map.of("Cache-Control", "no-store"));
    }

    /** Whether this is the plain health check, which needs neither the SDK nor a token. */
    public static boolean isPlainCheck(String method, String path, String rawQuery) {
        return PATH.equals(path) && ("GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method))
                && !wantsVerbose(rawQuery);
    }

    /** {@code /health?verbose} (or {@code verbose=true}/{@code 1}); other query parameters are ignored. */
    static boolean wantsVerbose(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("verbose") || pair.equalsIgnoreCase("verbose=true") || pair.equals("verbose=1")) {
                return true;
            }
        }
        return false;
    }
}
