package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.server.ApiRequest;
import dev.worklog.server.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API events, payload format 2.0, to and from the server's {@link ApiRequest} and
 * {@link ApiResponse}.
 *
 * <p>Request fields used: {@code requestContext.http.method}, {@code rawPath} (with the stage prefix removed when
 * the API has a named stage), {@code rawQueryString}, {@code headers} (lower-case names, repeated headers joined
 * with commas by API Gateway), {@code cookies}, {@code body} and {@code isBase64Encoded}. The response is
 * {@code {statusCode, headers, body, isBase64Encoded}}; text bodies (JSON, HTML) are sent as text, anything else in
 * base64, so binary content would survive.
 */
final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** Whether the event is an HTTP API (payload format 2.0) request. */
    static boolean isHttpApiV2(JsonNode event) {
        return event.path("requestContext").path("http").hasNonNull("method")
                && "2.0".equals(event.path("version").asText("2.0"));
    }

    /**
     * The request the event carries.
     *
     * @throws IllegalArgumentException when the body claims base64 but is not
     */
    static ApiRequest toRequest(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String method = context.path("http").path("method").asText("GET");
        String path = stripStage(event.path("rawPath").asText(context.path("http").path("path").asText("/")),
                context.path("stage").asText("$default"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        event.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
        if (event.path("cookies").isArray() && event.path("cookies").size() > 0) {
            // format 2.0 moves Cookie headers into this array; put it back for handlers that read it
            List<String> cookies = new ArrayList<>();
            event.path("cookies").forEach(c -> cookies.add(c.asText()));
            headers.put("cookie", List.of(String.join("; ", cookies)));
        }
        byte[] body = null;
        if (event.hasNonNull("body")) {
            String text = event.get("body").asText();
            body = event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8);
        }
        return new ApiRequest(method, decodePath(path), event.path("rawQueryString").asText(""), headers, body);
    }

    /** The response in the shape API Gateway expects from a format 2.0 integration. */
    static ObjectNode toEvent(ApiResponse response) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        String type = response.header("Content-Type");
        if (isText(type)) {
            out.put("body", response.bodyText());
            out.put("isBase64Encoded", false);
        } else {
            out.put("body", Base64.getEncoder().encodeToString(response.body()));
            out.put("isBase64Encoded", true);
        }
        return out;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true; // an empty body (HEAD, 204) needs no encoding
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript");
    }

    /** A named stage appears as the first path segment ({@code /dev/health}); {@code $default} adds none. */
    static String stripStage(String rawPath, String stage) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (stage.isEmpty() || stage.equals("$default")) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    /** rawPath is percent-encoded; the server routes on the decoded path. A malformed escape stays as sent. */
    private static String decodePath(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        try {
            // URLDecoder would turn '+' into a space, which is only right in queries
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
