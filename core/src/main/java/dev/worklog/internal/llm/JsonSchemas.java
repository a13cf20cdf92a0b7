package dev.worklog.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Helpers for the JSON Schema of an {@link dev.worklog.spi.LlmRequest}: parsing it, checking whether OpenAI's strict
 * mode can take it, converting it to the OpenAPI subset of Gemini's {@code responseSchema}, and the instruction
 * used when a server has no native structured output.
 *
 * <pre>{@code
 * ObjectNode schema = JsonSchemas.parse(request.responseSchema());
 * boolean strict = JsonSchemas.isStrictCompatible(schema);
 * }</pre>
 */
public final class JsonSchemas {
    private static final Pattern NAME_UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Set<String> OPENAPI_KEYWORDS = Set.of("type", "format", "description", "nullable", "enum",
            "items", "properties", "required", "minItems", "maxItems", "minimum", "maximum", "anyOf",
            "propertyOrdering", "title", "minLength", "maxLength", "pattern", "minProperties", "maxProperties");

    private JsonSchemas() {
    }

    /**
     * Parses schema text.
     *
     * @throws IllegalArgumentException when the text is not a JSON object (a bug in the caller, not user input)
     */
    public static ObjectNode parse(String schemaText) {
        JsonNode node = Json.tryParse(schemaText);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the response schema is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A schema name the vendors accept: letters, digits, {@code _} and {@code -}, at most 64 characters. */
    public static String safeName(String name) {
        String s = NAME_UNSAFE.matcher(name == null ? "" : name).replaceAll("_");
        if (s.isEmpty()) {
            s = "response";
        }
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /**
     * Whether OpenAI's {@code strict: true} accepts the schema: every object lists all its properties as required
     * and sets {@code additionalProperties: false}.
     */
    public static boolean isStrictCompatible(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return true;
        }
        JsonNode props = schema.get("properties");
        if (isType(schema, "object") || props != null && props.isObject()) {
            JsonNode additional = schema.get("additionalProperties");
            if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
                return false;
            }
            if (props != null && props.isObject()) {
                JsonNode required = schema.get("required");
                for (Iterator<String> it = props.fieldNames(); it.hasNext();) {
                    String field = it.next();
                    if (required == null || !contains(required, field)) {
                        return false;
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : iterable(schema)) {
            JsonNode v = e.getValue();
            if (e.getKey().equals("properties") || e.getKey().equals("$defs") || e.getKey().equals("definitions")) {
                for (Map.Entry<String, JsonNode> p : iterable(v)) {
                    if (!isStrictCompatible(p.getValue())) {
                        return false;
                    }
                }
            } else if (v.isObject() && !isStrictCompatible(v)) {
                return false;
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (item.isObject() && !isStrictCompatible(item)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The schema in the OpenAPI 3.0 subset of Gemini's {@code responseSchema}: unsupported keywords
     * ({@code additionalProperties}, {@code $schema}, ...) are dropped, {@code "type": ["string", "null"]} becomes
     * {@code "type": "string", "nullable": true}, and {@code propertyOrdering} keeps the properties in their order.
     */
    public static ObjectNode toOpenApiSubset(JsonNode schema) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (schema == null || !schema.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : iterable(schema)) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!OPENAPI_KEYWORDS.contains(key)) {
                continue;
            }
            switch (key) {
                case "type":
                    if (v.isArray()) {
                        for (JsonNode t : v) {
                            if (t.asText().equals("null")) {
                                out.put("nullable", true);
                            } else if (!out.has("type")) {
                                out.put("type", t.asText());
                            }
                        }
                    } else {
                        out.set("type", v);
                    }
                    break;
                case "properties":
                    ObjectNode props = out.putObject("properties");
                    ArrayNode order = JsonNodeFactory.instance.arrayNode();
                    for (Map.Entry<String, JsonNode> p : iterable(v)) {
                        props.set(p.getKey(), toOpenApiSubset(p.getValue()));
                        order.add(p.getKey());
                    }
                    if (!schema.has("propertyOrdering") && order.size() > 0) {
                        out.set("propertyOrdering", order);
                    }
                    break;
                case "items":
                    out.set("items", toOpenApiSubset(v));
                    break;
                case "anyOf":
                    ArrayNode any = out.putArray("anyOf");
                    for (JsonNode option : v) {
                        any.add(toOpenApiSubset(option));
                    }
                    break;
                default:
                    out.set(key, v.deepCopy());
            }
        }
        return out;
    }

    /**
     * The instruction added to the system prompt when the server cannot enforce the schema itself (prompt-only
     * structured output).
     */
    public static String promptInstruction(String schemaName, String schemaText) {
        return "Reply with exactly one JSON object and nothing else: no prose, no Markdown code fences. The object "
                + "must match this JSON Schema (" + safeName(schemaName) + "):\n" + Json.write(parse(schemaText));
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            return contains(t, type);
        }
        return type.equals(t.asText());
    }

    private static boolean contains(JsonNode array, String value) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node.properties();
    }
}
