package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * The filter and sort objects of a Notion query, built the one way every query here needs them: property
 * conditions combined with {@code and} / {@code or}, sorts by a property and then by creation time.
 */
public final class Filters {
    private Filters() {
    }

    /** Every condition must hold. */
    public static ObjectNode and(JsonNode... conditions) {
        return compound("and", conditions);
    }

    /** One of the conditions must hold. */
    public static ObjectNode or(JsonNode... conditions) {
        return compound("or", conditions);
    }

    /** Every condition of the list must hold. */
    public static ObjectNode and(List<? extends JsonNode> conditions) {
        return and(conditions.toArray(new JsonNode[0]));
    }

    /** One condition of the list must hold. */
    public static ObjectNode or(List<? extends JsonNode> conditions) {
        return or(conditions.toArray(new JsonNode[0]));
    }

    private static ObjectNode compound(String operator, JsonNode... conditions) {
        ObjectNode filter = Json.MAPPER.createObjectNode();
        ArrayNode array = filter.putArray(operator);
        for (JsonNode c : conditions) {
            array.add(c);
        }
        return filter;
    }

    /** A date property compared with a day: {@code equals}, {@code on_or_after}, {@code on_or_before}. */
    public static ObjectNode date(String property, String operator, String day) {
        return condition(property, "date", operator, day);
    }

    /**
     * A property of another type compared with a value, e.g. {@code ("Status", "select", "equals", "Logged")} or
     * {@code ("Name", "title", "equals", "Fix")}.
     */
    public static ObjectNode condition(String property, String type, String operator, String value) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("property", property);
        f.putObject(type).put(operator, value);
        return f;
    }

    /** A property of the type that holds nothing. */
    public static ObjectNode isEmpty(String property, String type) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("property", property);
        f.putObject(type).put("is_empty", true);
        return f;
    }

    /** Sorted by the property, ascending. */
    public static ArrayNode ascending(String property) {
        ArrayNode sorts = Json.MAPPER.createArrayNode();
        sorts.addObject().put("property", property).put("direction", "ascending");
        return sorts;
    }

    /** Sorted by the property, then by creation time, ascending. */
    public static ArrayNode ascendingThenCreated(String property) {
        ArrayNode sorts = ascending(property);
        sorts.addObject().put("timestamp", "created_time").put("direction", "ascending");
        return sorts;
    }

    /** Oldest first. */
    public static ArrayNode createdAscending() {
        ArrayNode sorts = Json.MAPPER.createArrayNode();
        sorts.addObject().put("timestamp", "created_time").put("direction", "ascending");
        return sorts;
    }

    /** The first page a query listed (the oldest, under {@link #createdAscending()}). */
    public static Optional<JsonNode> first(List<JsonNode> pages) {
        return pages.isEmpty() ? Optional.empty() : Optional.of(pages.get(0));
    }
}
