package dev.worklog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema validator for exactly the subset {@code openapi.json} uses. A keyword outside the subset is an
 * error, so the document cannot rely on a rule this validator would silently skip.
 */
final class SchemaValidator {
    private static final Set<String> KEYWORDS = Set.of("type", "enum", "properties", "required",
            "additionalProperties", "items", "anyOf", "$ref", "description", "format", "minItems", "maxItems",
            "minLength", "maxLength");

    private final JsonNode root;

    SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Every violation, as {@code $.path: problem}; empty when the value matches. */
    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        Iterator<String> names = schema.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!KEYWORDS.contains(k)) {
                throw new IllegalArgumentException("schema keyword '" + k + "' at " + at + " is not supported");
            }
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, at, errors);
            return;
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("anyOf")) {
                if (validate(option, value).isEmpty()) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                errors.add(at + ": matches none of anyOf");
            }
        }
        if (schema.has("type")) {
            JsonNode t = schema.get("type");
            boolean ok = false;
            if (t.isArray()) {
                for (JsonNode one : t) {
                    ok |= isType(one.asText(), value);
                }
            } else {
                ok = isType(t.asText(), value);
            }
            if (!ok) {
                errors.add(at + ": expected " + t + ", got " + value.getNodeType());
                return;
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(at + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
                errors.add(at + ": shorter than minLength");
            }
            if (schema.has("maxLength") && value.asText().length() > schema.get("maxLength").asInt()) {
                errors.add(at + ": longer than maxLength");
            }
        }
        if (value.isArray()) {
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
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    errors.add(at + ": missing required '" + r.asText() + "'");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
                } else if (schema.has("additionalProperties")) {
                    JsonNode extra = schema.get("additionalProperties");
                    if (extra.isBoolean()) {
                        if (!extra.asBoolean()) {
                            errors.add(at + ": unexpected property '" + f.getKey() + "'");
                        }
                    } else {
                        check(extra, f.getValue(), at + "." + f.getKey(), errors);
                    }
                }
            }
        }
    }

    JsonNode resolve(String ref) {
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
