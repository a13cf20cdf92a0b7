package dev.worklog.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request, independent of the server that received it.
 *
 * <pre>{@code
 * ApiRequest request = ApiRequest.builder("POST", "/daily-logs").query("dry_run=true")
 *         .header("Content-Type", "application/json").body(bytes).build();
 * }</pre>
 *
 * @param method the method, upper case
 * @param path the decoded path, without the query
 * @param query the raw query string (without {@code ?}), or empty
 * @param headers the headers; looked up case-insensitively
 * @param body the body bytes as received; a binding should stop reading after {@link WorkLogApi#MAX_BODY_BYTES}
 *     plus one byte, so an oversized body is seen as such (413) without being buffered in full
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
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                });
            }
        });
        headers = Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body;
    }

    /** A request with a UTF-8 body; {@code pathAndQuery} may carry a {@code ?query}. */
    public static ApiRequest of(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        int q = pathAndQuery.indexOf('?');
        return new ApiRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A builder, for bindings that see headers one at a time. */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
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

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String query = "";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The raw query string, without {@code ?}; {@code null} means none. */
        public Builder query(String value) {
            this.query = value;
            return this;
        }

        /** Adds a header value (a repeated header keeps every value). */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The body bytes; {@code null} means none. */
        public Builder body(byte[] value) {
            this.body = value;
            return this;
        }

        /** The request. */
        public ApiRequest build() {
            return new ApiRequest(method, path, query, headers, body);
        }
    }
}
