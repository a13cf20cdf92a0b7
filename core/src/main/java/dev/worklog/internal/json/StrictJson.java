package dev.worklog.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strict reading of JSON objects that clients send: strict UTF-8, strict JSON (duplicate keys, trailing data and
 * excessive nesting are errors), an object at the root, only declared fields, each of its declared type. Problems
 * with the document as a whole are one {@link FieldError} named {@value #BODY}; problems with fields are listed all
 * at once, each under its field's name ({@code tech_stack[2]} for an item), so a client fixes its input in one round
 * trip. Echoed client text is bounded and its control characters made visible ({@link #shorten}).
 */
public final class StrictJson {
    /** The field name of problems with the document as a whole. */
    public static final String BODY = "body";

    /** The JSON types a field may have. */
    public enum Type {
        /** A string. */
        STRING("a string"),
        /**
         * An array of strings. An item of another type, {@code null} included, is an error; it reads as {@code null}
         * ({@link Fields#strings}), so that the other items keep their index.
         */
        STRING_ARRAY("an array of strings"),
        /**
         * An array of strings whose {@code null} items are not errors but kept as {@code null}, for the caller to name
         * by index with its own message; an item of another type is an error, as for {@link #STRING_ARRAY}.
         */
        STRING_ARRAY_KEEPING_NULLS("an array of strings"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false");

        private final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /**
     * The declared fields of a document that had the right types.
     *
     * @param values the fields of the right type, in document order; JSON {@code null} counts as absent
     * @param errors unknown fields (by name) and fields or items of the wrong type, in document order
     */
    public record Fields(Map<String, JsonNode> values, List<FieldError> errors) {
        public Fields {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            errors = List.copyOf(errors);
        }

        /** A string field, or {@code null} when absent or of the wrong type. */
        public String text(String name) {
            JsonNode n = values.get(name);
            return n == null ? null : n.textValue();
        }

        /**
         * An array-of-strings field, or {@code null} when absent or not an array; items that are {@code null} or
         * of the wrong type are {@code null}.
         */
        public List<String> strings(String name) {
            JsonNode n = values.get(name);
            if (n == null) {
                return null;
            }
            List<String> out = new ArrayList<>(n.size());
            n.forEach(item -> out.add(item.isTextual() ? item.textValue() : null));
            return out;
        }

        /** A boolean field; {@code false} when absent. */
        public boolean flag(String name) {
            JsonNode n = values.get(name);
            return n != null && n.booleanValue();
        }
    }

    /**
     * Created on first use, not with this class: {@link #shorten} runs on every request of a server's access log,
     * including the first health check after start-up, which must not wait for Jackson to initialise.
     */
    private static final class Reader {
        // the shared mapper rejects duplicate keys; trailing data after the object must be an error too
        static final ObjectReader INSTANCE =
                Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static final String LONE_SURROGATE =
            "contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), which is not a character";

    private StrictJson() {
    }

    /**
     * Reads UTF-8 bytes as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty (or blank) body stands for {@code {}}
     * @throws ValidationException with one {@value #BODY} error when the bytes are not UTF-8 or not a JSON object
     */
    public static JsonNode readObject(byte[] utf8, boolean emptyMeansEmptyObject) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw bodyError("is not valid UTF-8");
        }
        return readObject(text, emptyMeansEmptyObject);
    }

    /**
     * Reads text as a JSON object.
     *
     * @param emptyMeansEmptyObject whether an empty (or blank) text stands for {@code {}}
     * @throws ValidationException with one {@value #BODY} error when the text is not a JSON object
     */
    public static JsonNode readObject(String text, boolean emptyMeansEmptyObject) {
        if (text == null || text.isBlank()) {
            if (emptyMeansEmptyObject) {
                return Json.MAPPER.createObjectNode();
            }
            throw bodyError("is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = Reader.INSTANCE.readTree(text);
        } catch (StreamConstraintsException e) {
            throw bodyError("is not acceptable JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw bodyError("is not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            throw bodyError("must be a JSON object, got " + kind(node));
        }
        return node;
    }

    /**
     * Checks an object's fields against the declared ones.
     *
     * @param declared the accepted field names and their types, in documentation order
     */
    public static Fields bind(JsonNode object, Map<String, Type> declared) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : object.properties()) {
            String name = f.getKey();
            Type type = declared.get(name);
            JsonNode value = f.getValue();
            if (type == null) {
                errors.add(new FieldError(shorten(name), "is not a known field; unknown fields are refused, not "
                        + "ignored; known fields are " + String.join(", ", declared.keySet())));
            } else if (!value.isNull() && check(name, type, value, errors)) {
                out.put(name, value);
            }
        }
        return new Fields(out, errors);
    }

    /** Whether the value has the declared type; adds an error for each part that does not. */
    private static boolean check(String name, Type type, JsonNode value, List<FieldError> errors) {
        switch (type) {
            case STRING -> {
                if (!value.isTextual()) {
                    errors.add(wrongType(name, type.description, value));
                    return false;
                }
                if (hasLoneSurrogate(value.textValue())) {
                    errors.add(new FieldError(name, LONE_SURROGATE));
                    return false;
                }
                return true;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    errors.add(wrongType(name, type.description, value));
                    return false;
                }
                return true;
            }
            case STRING_ARRAY, STRING_ARRAY_KEEPING_NULLS -> {
                if (!value.isArray()) {
                    errors.add(wrongType(name, type.description, value));
                    return false;
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item.isNull() && type == Type.STRING_ARRAY_KEEPING_NULLS) {
                        continue;
                    }
                    if (!item.isTextual()) {
                        errors.add(wrongType(name + "[" + i + "]", "a string", item));
                    } else if (hasLoneSurrogate(item.textValue())) {
                        errors.add(new FieldError(name + "[" + i + "]", LONE_SURROGATE));
                    }
                }
                return true;
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static FieldError wrongType(String field, String expected, JsonNode value) {
        return new FieldError(field, "must be " + expected + ", got " + kind(value));
    }

    /**
     * Whether the text holds half a surrogate pair, which JSON escapes can spell but no store can encode: refused
     * when read rather than failing deep in a store.
     */
    public static boolean hasLoneSurrogate(String s) {
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

    /** The JSON type of a node in words: {@code an object}, {@code a number}, {@code null}, ... */
    public static String kind(JsonNode n) {
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
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Bounds echoed client text to 100 characters, and makes control characters visible instead of passing them on. */
    public static String shorten(String s) {
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

    private static ValidationException bodyError(String message) {
        return new ValidationException(List.of(new FieldError(BODY, message)));
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
}
