package dev.worklog.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request, independent of the server that received it.
 *
 * @param method the method, upper case
 * @param path the decoded path, without the query
 * @param query the raw query string (without {@code ?}), or empty
 * @param headers the headers; looked up case-insensitively
 * @param body the body bytes as received; the transport must stop reading after {@link ApiHandler#MAX_BODY_BYTES}
 *     plus one byte, so an oversized body is seen as such without being buffered in full
 */
public record ApiRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public ApiRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> {
            if (k != null) {
                h.merge(k, List.copyOf(v), (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                });
            }
        });
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body;
    }

    /** A request with a UTF-8 body, for tests and adapters. */
    public static ApiRequest of(String method, String path, Map<String, List<String>> headers, String body) {
        int q = path.indexOf('?');
        return new ApiRequest(method, q < 0 ? path : path.substring(0, q), q < 0 ? "" : path.substring(q + 1),
                headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** All values of a header. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }
}
