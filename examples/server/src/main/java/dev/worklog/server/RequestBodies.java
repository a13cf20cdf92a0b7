package dev.worklog.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.worklog.error.FieldError;
import dev.worklog.internal.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns request bytes into checked JSON fields: strict UTF-8, strict JSON (duplicate keys, trailing data and
 * excessive nesting are errors), an object at the root, only known fields, each of the declared type. Every
 * problem is reported, each under its field's name, so a client fixes its request in one round trip.
 */
final class RequestBodies {
    /** The JSON types a field may have. */
    enum Type {
        STRING("a string"),
        STRING_ARRAY("an array of strings"),
        BOOLEAN("true or false");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /** Field errors beyond this many are summarised, so a hostile body cannot make a huge error response. */
    static final int MAX_REPORTED_ERRORS = 50;

    /**
     * Created on first use, not with this class: the access log uses {@link #shorten} on every request, including
     * the first health check after start-up, which must not wait for Jackson to initialise.
     */
    private static final class Reader {
        // the shared mapper rejects duplicate keys; trailing data after the object must be an error too
        static final ObjectReader INSTANCE =
                Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private RequestBodies() {
    }

    /**
     * Parses the body as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty body stands for {@code {}} (roll-ups: every field optional)
     * @throws ApiError 400 for anything but a JSON object in UTF-8
     */
    static JsonNode parseObject(byte[] body, boolean emptyMeansEmptyObject) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("request body is not valid UTF-8", List.of());
        }
        if (text.isBlank()) {
            if (emptyMeansEmptyObject) {
                return Json.MAPPER.createObjectNode();
            }
            throw ApiError.badRequest("request body is empty; expected a JSON object", List.of());
        }
        JsonNode node;
        try {
            node = Reader.INSTANCE.readTree(text);
        } catch (StreamConstraintsException e) {
            throw ApiError.badRequest("request body is not acceptable JSON: " + e.getOriginalMessage(), List.of());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("request body is not valid JSON: " + describe(e), List.of());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("request body must be a JSON object, got " + kind(node), List.of());
        }
        return node;
    }

    /**
     * Checks the object's fields against the declared ones.
     *
     * @param errors receives unknown fields (by name) and fields of the wrong type
     * @return the fields of the right type; JSON {@code null} counts as absent
     */
    static Map<String, JsonNode> bind(JsonNode object, Map<String, Type> declared, List<FieldError> errors) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            String name = f.getKey();
            Type type = declared.get(name);
            JsonNode value = f.getValue();
            if (type == null) {
                errors.add(new FieldError(shorten(name), "unknown field; accepted fields are "
                        + String.join(", ", declared.keySet())));
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            switch (type) {
                case STRING -> {
                    if (value.isTextual()) {
                        if (hasLoneSurrogate(value.textValue())) {
                            errors.add(new FieldError(name, LONE_SURROGATE));
                            continue;
                        }
                        out.put(name, value);
                    } else {
                        errors.add(new FieldError(name, "must be " + type.description + ", got " + kind(value)));
                    }
                }
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        out.put(name, value);
                    } else {
                        errors.add(new FieldError(name, "must be " + type.description + ", got " + kind(value)));
                    }
                }
                case STRING_ARRAY -> {
                    if (!value.isArray()) {
                        errors.add(new FieldError(name, "must be " + type.description + ", got " + kind(value)));
                        break;
                    }
                    boolean ok = true;
                    for (int i = 0; i < value.size(); i++) {
                        if (!value.get(i).isTextual()) {
                            errors.add(new FieldError(name + "[" + i + "]", "must be a string, got "
                                    + kind(value.get(i))));
                            ok = false;
                        } else if (hasLoneSurrogate(value.get(i).textValue())) {
                            errors.add(new FieldError(name + "[" + i + "]", LONE_SURROGATE));
                            ok = false;
                        }
                    }
                    if (ok) {
                        out.put(name, value);
                    }
                }
                default -> throw new IllegalStateException("unhandled type " + type);
            }
        }
        return out;
    }

    private static final String LONE_SURROGATE =
            "contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), which is not a character";

    /**
     * JSON escapes can spell half a surrogate pair, which no store can encode; refused here rather than failing
     * (with a 5xx) deep in a store.
     */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String text(Map<String, JsonNode> fields, String name) {
        JsonNode n = fields.get(name);
        return n == null ? null : n.textValue();
    }

    static List<String> strings(Map<String, JsonNode> fields, String name) {
        JsonNode n = fields.get(name);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>(n.size());
        n.forEach(item -> out.add(item.textValue()));
        return out;
    }

    static boolean flag(Map<String, JsonNode> fields, String name) {
        JsonNode n = fields.get(name);
        return n != null && n.booleanValue();
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

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        // Jackson's message quotes the offending input; keep the first line and bound it
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        message = shorten(message);
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Bounds echoed client text, and makes control characters visible instead of passing them on. */
    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        int limit = Math.min(s.length(), 100);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : c);
        }
        if (s.length() > limit) {
            b.append("...");
        }
        return b.toString();
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
                    errors.add(new FieldError(shorten(name), "unknown query parameter; accepted: "
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
                    List.of(new FieldError(name, "must be true or false, got '" + shorten(v) + "'")));
        };
    }
}
