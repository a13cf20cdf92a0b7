package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.server.ApiRequest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled roll-ups: turns an invocation that is not an HTTP request into the {@code POST /weekly-summaries} or
 * {@code POST /monthly-summaries} request the server answers, so the roll-up runs through exactly the code the
 * HTTP route runs.
 *
 * <p>Two shapes are understood:
 * <ul>
 * <li>a direct payload, as the SAM template's schedules send it ({@code Input}) or as {@code aws lambda invoke}
 * does: {@code {"worklog": "weekly"}} or {@code {"worklog": "monthly"}}, optionally with the fields of the HTTP
 * body ({@code start_date}, {@code end_date}, {@code week}, {@code month}, {@code status}, {@code dry_run},
 * {@code force});</li>
 * <li>EventBridge's own scheduled event ({@code "detail-type": "Scheduled Event"}), when a rule has no input: the
 * kind comes from {@code detail.worklog} or else from the rule's name in {@code resources} (a name containing
 * {@code weekly} or {@code monthly}).</li>
 * </ul>
 *
 * <p>Without a period, a weekly run covers the last complete ISO week (Monday to Sunday) and a monthly run the last
 * complete month, in {@code WORKLOG_TIMEZONE}: the schedules fire on Monday morning and on the 1st.
 */
final class ScheduledEvents {
    /** The kinds of run. */
    enum Kind { WEEKLY, MONTHLY }

    private static final List<String> FIELDS = List.of("start_date", "end_date", "week", "month", "status", "dry_run",
            "force");

    private ScheduledEvents() {
    }

    /**
     * The kind of run the event asks for, if it is a scheduled or direct roll-up event.
     *
     * @throws IllegalArgumentException when it names an unknown kind
     */
    static Optional<Kind> kind(JsonNode event) {
        String named = event.path("worklog").asText(event.path("detail").path("worklog").asText(""));
        if (!named.isEmpty()) {
            return Optional.of(parse(named));
        }
        if ("Scheduled Event".equals(event.path("detail-type").asText())) {
            for (JsonNode resource : event.path("resources")) {
                String arn = resource.asText().toLowerCase(Locale.ROOT);
                if (arn.contains("weekly")) {
                    return Optional.of(Kind.WEEKLY);
                }
                if (arn.contains("monthly")) {
                    return Optional.of(Kind.MONTHLY);
                }
            }
            throw new IllegalArgumentException("a scheduled event must say which roll-up to run: give the rule the "
                    + "input {\"worklog\": \"weekly\"} or {\"worklog\": \"monthly\"}, or a name containing weekly or "
                    + "monthly");
        }
        return Optional.empty();
    }

    private static Kind parse(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "weekly":
                return Kind.WEEKLY;
            case "monthly":
                return Kind.MONTHLY;
            default:
                throw new IllegalArgumentException("\"worklog\" must be \"weekly\" or \"monthly\", got \"" + name + "\"");
        }
    }

    /**
     * The HTTP request that runs the roll-up.
     *
     * @param today today in the configured zone
     * @param authToken the server's token, or {@code null}: the invocation is already authorised by IAM (only
     *     principals allowed to invoke the function can send a non-HTTP event), so it gets the token the route needs
     */
    static ApiRequest toRequest(Kind kind, JsonNode event, LocalDate today, String authToken) {
        JsonNode source = event.has("worklog") ? event : event.path("detail");
        ObjectNode body = Json.MAPPER.createObjectNode();
        for (String field : FIELDS) {
            if (source.has(field)) {
                body.set(field, source.get(field));
            }
        }
        if (kind == Kind.WEEKLY && !body.has("start_date") && !body.has("end_date") && !body.has("week")) {
            LocalDate lastMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            body.put("start_date", lastMonday.toString());
            body.put("end_date", lastMonday.plusDays(6).toString());
        }
        if (kind == Kind.MONTHLY && !body.has("month")) {
            body.put("month", YearMonth.from(today).minusMonths(1).toString());
        }
        Map<String, List<String>> headers = authToken == null
                ? Map.of("Content-Type", List.of("application/json"))
                : Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer " + authToken));
        String path = kind == Kind.WEEKLY ? "/weekly-summaries" : "/monthly-summaries";
        return ApiRequest.of("POST", path, headers, Json.write(body));
    }
}
