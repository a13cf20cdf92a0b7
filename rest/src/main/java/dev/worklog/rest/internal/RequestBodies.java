package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.StrictJson;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.WorkLogApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies and query strings as the API answers about them: size (413), encoding and content type (415) are
 * checked from the headers first; a body is read by core's strict reader ({@link StrictJson}, and
 * {@link dev.worklog.internal.json.DailyLogCodec} for daily logs), whose problems with the document as a whole become
 * a 400 with a {@code detail}; field errors are capped; query parameters are declared.
 */
public final class RequestBodies {
    /** Field errors beyond this many are summarised, so a hostile body cannot make a huge error response. */
    static final int MAX_REPORTED_ERRORS = 50;

    private RequestBodies() {
    }

    /**
     * Checks the body's headers, then parses it as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty body stands for {@code {}} (roll-ups: every field optional)
     * @throws ApiError 413, 415 or 400
     */
    public static JsonNode jsonBody(ApiRequest request, boolean emptyMeansEmptyObject) {
        checkBodyHeaders(request);
        return parseObject(request.body(), emptyMeansEmptyObject);
    }

    /**
     * Size (413), encoding and content type (415) of a request body, before it is read.
     *
     * @throws ApiError when one is not acceptable
     */
    public static void checkBodyHeaders(ApiRequest request) {
        String length = request.header("Content-Length").orElse(null);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > WorkLogApi.MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid Content-Length header", List.of());
            }
        }
        if (request.body().length > WorkLogApi.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String encoding = request.header("Content-Encoding").orElse("identity").strip();
        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
            throw unsupported("Content-Encoding " + StrictJson.shorten(encoding) + " is not supported; send the "
                    + "body uncompressed");
        }
        String type = request.header("Content-Type").orElse(null);
        if (type == null) {
            if (request.body().length > 0) {
                throw unsupported("missing Content-Type; send Content-Type: application/json");
            }
        } else if (!isJson(type)) {
            throw unsupported("Content-Type must be application/json, got '" + StrictJson.shorten(type) + "'");
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "request body is larger than " + WorkLogApi.MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    private static ApiError unsupported(String detail) {
        return new ApiError(415, detail, List.of(), Map.of("Accept", "application/json"));
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; any other charset is refused. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String cs = p.substring(eq + 1).strip().replace("\"", "");
                if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Parses the body as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty body stands for {@code {}} (roll-ups: every field optional)
     * @throws ApiError 400 for anything but a JSON object in UTF-8
     */
    public static JsonNode parseObject(byte[] body, boolean emptyMeansEmptyObject) {
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
    public static ApiError malformed(ValidationException e) {
        FieldError first = e.errors().get(0);
        return ApiError.badRequest("request body " + first.message(), List.of());
    }

    /** Caps the list so a body with thousands of bad fields gets a bounded answer. */
    public static List<FieldError> capped(List<FieldError> errors) {
        if (errors.size() <= MAX_REPORTED_ERRORS) {
            return errors;
        }
        List<FieldError> out = new ArrayList<>(errors.subList(0, MAX_REPORTED_ERRORS));
        out.add(new FieldError("body", (errors.size() - MAX_REPORTED_ERRORS) + " more errors not listed"));
        return out;
    }

    /** Reads {@code a=1&b=2}; repeated parameters are an error (which value would win is ambiguous). */
    public static Map<String, String> query(String raw, List<String> declared) {
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
    public static boolean queryFlag(Map<String, String> query, String name) {
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
