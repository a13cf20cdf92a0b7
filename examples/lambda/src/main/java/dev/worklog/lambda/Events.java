package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What Lambda delivers, as the API's requests, and the answers back. <b>API Gateway HTTP API events</b> (payload
 * format 2.0): method, {@code rawPath} (without a named stage's prefix), {@code rawQueryString}, {@code headers},
 * {@code cookies}, {@code body} (base64 or not) in; {@code {statusCode, headers, body, isBase64Encoded}} out, text
 * bodies as text. <b>Scheduled roll-ups</b> ({@code {"worklog": "weekly"|"monthly"}}, optionally with the HTTP body's
 * fields, as the SAM template's schedules send it; or EventBridge's own scheduled event, the kind from
 * {@code detail.worklog} or the rule's name) become {@code POST /weekly-summaries} or {@code POST
 * /monthly-summaries}, so they run exactly the HTTP route's code; without a period they send {@code "previous": true}:
 * the last complete ISO week, or the latest month whose every ISO week is over, in {@code WORKLOG_TIMEZONE}, which
 * the route computes as for any client (the schedules fire on Monday, and on the first Monday of the month right
 * after the weekly).
 */
final class Events {
    enum Kind { WEEKLY, MONTHLY }

    private static final List<String> WEEKLY_FIELDS = List.of("start_date", "end_date", "week", "previous", "status",
            "dry_run", "force");
    private static final List<String> MONTHLY_FIELDS = List.of("month", "previous", "status", "dry_run", "force",
            "roll_up_missing_weeks");

    private Events() {
    }

    /** The roll-up a scheduled or direct event asks for; an unknown kind, or none named, is an error. */
    static Optional<Kind> scheduledKind(JsonNode event) {
        String named = event.path("worklog").asText(event.path("detail").path("worklog").asText(""));
        if (!named.isEmpty()) {
            return Optional.of(switch (named.strip().toLowerCase(Locale.ROOT)) {
                case "weekly" -> Kind.WEEKLY;
                case "monthly" -> Kind.MONTHLY;
                default -> throw new IllegalArgumentException("\"worklog\" must be \"weekly\" or \"monthly\", got \""
                        + named + "\"");
            });
        }
        if (!"Scheduled Event".equals(event.path("detail-type").asText())) {
            return Optional.empty();
        }
        for (JsonNode resource : event.path("resources")) {
            String arn = resource.asText().toLowerCase(Locale.ROOT);
            if (arn.contains("weekly") || arn.contains("monthly")) {
                return Optional.of(arn.contains("weekly") ? Kind.WEEKLY : Kind.MONTHLY);
            }
        }
        throw new IllegalArgumentException("a scheduled event must say which roll-up to run: give the rule the input "
                + "{\"worklog\": \"weekly\"} or {\"worklog\": \"monthly\"}, or a name containing weekly or monthly");
    }

    /**
     * The request that runs the roll-up, with the API's token (or {@code null}): the invocation is already authorised
     * by IAM (only principals allowed to invoke the function can send a non-HTTP event).
     */
    static ApiRequest scheduledRequest(Kind kind, JsonNode event, String authToken) {
        JsonNode source = event.has("worklog") ? event : event.path("detail");
        ObjectNode body = LambdaHandler.JSON.createObjectNode();
        (kind == Kind.WEEKLY ? WEEKLY_FIELDS : MONTHLY_FIELDS).stream().filter(source::has)
                .forEach(field -> body.set(field, source.get(field)));
        boolean period = kind == Kind.WEEKLY ? body.has("start_date") || body.has("end_date") || body.has("week")
                : body.has("month");
        if (!period && !body.has("previous")) {
            body.put("previous", true);
        }
        ApiRequest.Builder request = ApiRequest.builder("POST", kind == Kind.WEEKLY ? "/weekly-summaries"
                : "/monthly-summaries").header("Content-Type", "application/json");
        if (authToken != null) {
            request.header("Authorization", "Bearer " + authToken);
        }
        return request.body(body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Whether the event is an HTTP API (payload format 2.0) request. */
    static boolean isHttpApiV2(JsonNode event) {
        return event.path("requestContext").path("http").hasNonNull("method")
                && "2.0".equals(event.path("version").asText("2.0"));
    }

    /** The request the event carries; {@link IllegalArgumentException} when the body claims base64 but is not. */
    static ApiRequest toRequest(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String path = stripStage(event.path("rawPath").asText(context.path("http").path("path").asText("/")),
                context.path("stage").asText("$default"));
        ApiRequest.Builder request = ApiRequest.builder(context.path("http").path("method").asText("GET"),
                decodePath(path)).query(event.path("rawQueryString").asText(""));
        event.path("headers").fields().forEachRemaining(e -> request.header(e.getKey(), e.getValue().asText()));
        // format 2.0 moves Cookie headers into this array; put it back for handlers that read it
        StringJoiner cookies = new StringJoiner("; ");
        event.path("cookies").forEach(c -> cookies.add(c.asText()));
        if (event.path("cookies").isArray() && cookies.length() > 0) {
            request.header("cookie", cookies.toString());
        }
        if (event.hasNonNull("body")) {
            String text = event.get("body").asText();
            request.body(event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8));
        }
        return request.build();
    }

    /** The response in the shape API Gateway expects from a format 2.0 integration. */
    static ObjectNode toEvent(ApiResponse response) {
        ObjectNode out = LambdaHandler.JSON.createObjectNode();
        out.put("statusCode", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        String type = response.header("Content-Type");
        // no type: an empty body (HEAD, 204) needs no encoding
        String t = type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
        boolean text = t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript");
        out.put("body", text ? response.bodyText() : Base64.getEncoder().encodeToString(response.body()));
        out.put("isBase64Encoded", !text);
        return out;
    }

    /** A named stage appears as the first path segment ({@code /dev/health}); {@code $default} adds none. */
    static String stripStage(String rawPath, String stage) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        String prefix = "/" + stage;
        if (stage.isEmpty() || stage.equals("$default") || !path.startsWith(prefix)) {
            return path;
        }
        return path.equals(prefix) ? "/" : path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    /** rawPath is percent-encoded; the API routes on the decoded path. A malformed escape stays as sent. */
    private static String decodePath(String path) {
        try {
            // URLDecoder would turn '+' into a space, which is only right in queries
            return path.indexOf('%') < 0 ? path : URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
