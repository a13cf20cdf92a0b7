package dev.worklog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema validator for exactly the keywords the project's schemas use — the JSON Resume schema (draft-04)
 * kept in the test tree and the REST API's {@code openapi.json}: {@code type} (one or several), {@code enum},
 * {@code properties}, {@code required}, {@code additionalProperties} (a boolean or a schema), {@code items} (one
 * schema; {@code additionalItems} then has no effect, as the draft says), {@code anyOf}, {@code $ref} (local),
 * {@code pattern}, {@code minLength}/{@code maxLength}, {@code minItems}/{@code maxItems}, and the formats
 * {@code uri}, {@code email}, {@code date} and {@code date-time}. A keyword or format outside that set is an error,
 * so a schema cannot rely on a rule this validator would skip.
 */
public final class JsonSchemaSubset {
    private static final Set<String> KEYWORDS = Set.of("$schema", "title", "description", "type", "enum",
            "properties", "required", "additionalProperties", "items", "additionalItems", "anyOf", "definitions",
            "$ref", "pattern", "format", "minItems", "maxItems", "minLength", "maxLength");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JsonNode root;

    /** A validator whose {@code $ref}s resolve in {@code root} (a schema, or a document holding schemas). */
    public JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /** The JSON Resume schema kept in the test tree. */
    public static JsonSchemaSubset jsonResume() {
        try (InputStream in = JsonSchemaSubset.class.getResourceAsStream("/json-resume/schema.json")) {
            return new JsonSchemaSubset(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation of the document against the root schema, as {@code $.path: problem}. */
    public List<String> validate(JsonNode value) {
        return validate(root, value);
    }

    /** Every violation of the value against {@code schema}, as {@code $.path: problem}; empty when it matches. */
    public List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    /** The schema a local {@code $ref} ({@code #/components/schemas/Health}) names. */
    public JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local refs are supported: " + ref);
        }
        JsonNode n = root;
        for (String part : ref.substring(2).split("/")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("dangling $ref " + ref);
        }
        return n;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYWORDS.contains(k)) {
                throw new IllegalArgumentException("schema keyword '" + k + "' at " + at + " is not supported");
            }
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, at, errors);
            return;
        }
        if (schema.has("anyOf") && !matchesAny(schema.get("anyOf"), value)) {
            errors.add(at + ": matches none of anyOf");
        }
        if (schema.has("type") && !isAnyType(schema.get("type"), value)) {
            errors.add(at + ": expected " + (schema.get("type").isArray() ? schema.get("type").toString()
                    : schema.get("type").asText()) + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(at + ": " + value + " not in " + schema.get("enum"));
        }
        if (value.isTextual()) {
            text(schema, value.asText(), at, errors);
        }
        if (value.isArray()) {
            array(schema, value, at, errors);
        }
        if (value.isObject()) {
            object(schema, value, at, errors);
        }
    }

    private void text(JsonNode schema, String s, String at, List<String> errors) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
            errors.add(at + ": '" + s + "' does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
            errors.add(at + ": shorter than minLength");
        }
        if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
            errors.add(at + ": longer than maxLength");
        }
        if (schema.has("format")) {
            format(schema.get("format").asText(), s, at, errors);
        }
    }

    private void array(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(at + ": fewer than minItems");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(at + ": more than maxItems");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
        for (JsonNode r : schema.path("required")) {
            if (!value.has(r.asText())) {
                errors.add(at + ": missing required '" + r.asText() + "'");
            }
        }
        JsonNode props = schema.path("properties");
        JsonNode extra = schema.path("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (props.has(f.getKey())) {
                check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
            } else if (extra.isBoolean() && !extra.asBoolean()) {
                errors.add(at + ": unexpected property '" + f.getKey() + "'");
            } else if (extra.isObject()) {
                check(extra, f.getValue(), at + "." + f.getKey(), errors);
            }
        }
    }

    private boolean matchesAny(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (validate(option, value).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode e : values) {
            if (e.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void format(String format, String s, String at, List<String> errors) {
        switch (format) {
            case "uri" -> {
                try {
                    if (!new URI(s).isAbsolute()) {
                        errors.add(at + ": '" + s + "' is not an absolute URI");
                    }
                } catch (URISyntaxException e) {
                    errors.add(at + ": '" + s + "' is not a URI");
                }
            }
            case "email" -> {
                if (!EMAIL.matcher(s).matches()) {
                    errors.add(at + ": '" + s + "' is not an email address");
                }
            }
            case "date" -> parses(() -> LocalDate.parse(s), s, "date", at, errors);
            case "date-time" -> parses(() -> OffsetDateTime.parse(s), s, "date-time", at, errors);
            default -> throw new IllegalArgumentException("format '" + format + "' is not supported");
        }
    }

    private static void parses(Runnable parse, String s, String what, String at, List<String> errors) {
        try {
            parse.run();
        } catch (DateTimeParseException e) {
            errors.add(at + ": '" + s + "' is not a " + what);
        }
    }

    private static boolean isAnyType(JsonNode type, JsonNode v) {
        if (!type.isArray()) {
            return isType(type.asText(), v);
        }
        for (JsonNode one : type) {
            if (isType(one.asText(), v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isType(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
