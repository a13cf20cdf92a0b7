package dev.worklog.server;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies and query strings as the API answers about them: a body is read by core's strict reader
 * ({@link StrictJson}, and {@link dev.worklog.internal.json.DailyLogCodec} for daily logs), whose problems with the
 * document as a whole become a 400 with a {@code detail}; field errors are capped; query parameters are declared.
 */
final class RequestBodies {
    /** Field errors beyond this many are summarised, so a hostile body cannot make a huge error response. */
    static final int MAX_REPORTED_ERRORS = 50;

    private RequestBodies() {
    }

    /**
     * Parses the body as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty body stands for {@code {}} (roll-ups: every field optional)
     * @throws ApiError 400 for anything but a JSON object in UTF-8
     */
    static com.fasterxml.jackson.databind.JsonNode parseObject(byte[] body, boolean emptyMeansEmptyObject) {
        try {
            return StrictJson.readObject(body, emptyMeansEmptyObject);
        } catch (ValidationException e) {
            throw malformed(e);
        }
    }

    /**
     * The answer to a body core's reader refused as a whole ({@value StrictJson#BODY}): 400 with the problem as the
     * detail, {@code request body is not valid UTF-8} for example.
     */
    static ApiError malformed(ValidationException e) {
        FieldError first = e.errors().get(0);
        return ApiError.badRequest("request body " + first.message(), List.of());
    }

    /** Caps the list so a body with thousands of bad fields gets a bounded answer. */
    static List<FieldError> capped(List<FieldError> errors) {
        if (errors.size() <= MAX_REPORTED_ERRORS) {
            return errors;
        }
        List<FieldError> out = new ArrayList<>(errors.subList(0, MAX_REPORTED_ERRORS));
        out.add(new FieldError("body", (errors.size() - MAX_REPORTED_ERRORS) + " more errors not listed"));
        return out;
    }

    /** Reads {@code a=1&b=2}; repeated parameters are an error (which value would win is ambiguous). */
    static Map<String, String> query(String raw, List<String> declared) {
        Map<String, String> out = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("the query string is not correctly percent-encoded", List.of());
                }
                if (!declared.contains(name)) {
                    errors.add(new FieldError(StrictJson.shorten(name), "unknown query parameter; accepted: "
                            + (declared.isEmpty() ? "none" : String.join(", ", declared))));
                } else if (out.put(name, value) != null) {
                    errors.add(new FieldError(name, "given more than once"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query parameters", capped(errors));
        }
        return out;
    }

    /** Parses a query flag: {@code true}/{@code false}/{@code 1}/{@code 0}, or a bare name meaning true. */
    static boolean queryFlag(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.badRequest("invalid query parameters",
                    List.of(new FieldError(name, "must be true or false, got '" + StrictJson.shorten(v) + "'")));
        };
    }
}
