package dev.worklog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft-04) validator for exactly the keywords the JSON Resume schema uses: {@code type},
 * {@code properties}, {@code additionalProperties} (a boolean), {@code items} (one schema; {@code additionalItems}
 * then has no effect, as the draft says), {@code $ref} into {@code definitions}, {@code pattern}, and the formats
 * {@code uri} and {@code email}. A keyword outside that set is an error, so a schema cannot rely on a rule this
 * validator would skip.
 */
public final class JsonSchemaSubset {
    private static final Set<String> KEYWORDS = Set.of("$schema", "title", "description", "type", "properties",
            "additionalProperties", "items", "additionalItems", "definitions", "$ref", "pattern", "format");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JsonNode root;

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
        List<String> errors = new ArrayList<>();
        check(root, value, "$", errors);
        return errors;
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
        if (schema.has("type") && !isType(schema.get("type").asText(), value)) {
            errors.add(at + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType());
            return;
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                errors.add(at + ": '" + s + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("format")) {
                format(schema.get("format").asText(), s, at, errors);
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": unexpected property '" + f.getKey() + "'");
                }
            }
        }
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
            default -> throw new IllegalArgumentException("format '" + format + "' is not supported");
        }
    }

    private JsonNode resolve(String ref) {
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
