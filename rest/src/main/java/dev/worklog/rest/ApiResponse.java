package dev.worklog.rest;

import dev.worklog.rest.internal.ErrorResponses;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response, independent of the server that sends it.
 *
 * @param status the status code
 * @param headers single-valued headers, in the order they are sent ({@code Content-Length} is the binding's)
 * @param body the body bytes (possibly empty)
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = body == null ? new byte[0] : body;
    }

    /** A JSON response: {@code Content-Type: application/json}, then {@code extraHeaders}. */
    public static ApiResponse json(int status, String json, Map<String, String> extraHeaders) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.putAll(extraHeaders);
        return new ApiResponse(status, h, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error in the API's shape, {@code {"detail": "...", "errors": []}}, for a binding that refuses a request
     * itself (a body it cannot decode, say).
     */
    public static ApiResponse error(int status, String detail) {
        return ErrorResponses.error(status, detail, List.of(), Map.of(), null);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header value, looked up case-insensitively, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
