package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.List;

/**
 * Property configurations as Notion takes them when a database is created or its schema changed, on both API
 * versions (a relation names its target's data source from 2025-09-03, the database before): a new property, a
 * select with options added (the existing ones named again, since options left out of the list are removed), and a
 * one-way relation made two-way.
 */
final class PropertyConfigs {
    private PropertyConfigs() {
    }

    /**
     * A new property as its spec says; a relation is two-way, its synced property in the target named
     * {@code syncedName}.
     *
     * @param targetId the relation's target database (ignored for other types)
     */
    static ObjectNode create(PropertySpec p, Targets targets, String targetId, String syncedName) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        ObjectNode settings = config.putObject(p.type());
        if (!p.options().isEmpty()) {
            ArrayNode options = settings.putArray("options");
            p.options().forEach(o -> options.addObject().put("name", o.name()).put("color", o.color()));
        }
        if (p.target() != null) {
            twoWay(settings, targets.pointer(targetId), syncedName);
        }
        return config;
    }

    /** A select's options with {@code missing} added after the ones it has, which stay as they are. */
    static ObjectNode withOptions(PropertySpec p, JsonNode found, List<String> missing) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        ArrayNode options = config.putObject(p.type()).putArray("options");
        found.path(p.type()).path("options").forEach(o -> options.addObject().put("id", o.path("id").asText())
                .put("name", o.path("name").asText()));
        for (PropertySpec.Option o : p.options()) {
            if (missing.contains(o.name())) {
                options.addObject().put("name", o.name()).put("color", o.color());
            }
        }
        return config;
    }

    /** The relation {@code found} made two-way, pointing where it points, its synced property named so. */
    static ObjectNode twoWay(JsonNode found, Targets targets, String syncedName) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        twoWay(config.putObject("relation"), targets.pointerOf(found.path("relation")), syncedName);
        return config;
    }

    private static void twoWay(ObjectNode relation, String[] pointer, String syncedName) {
        relation.put(pointer[0], pointer[1]);
        relation.put("type", "dual_property");
        relation.putObject("dual_property").put("synced_property_name", syncedName);
    }

    /**
     * {@code wanted}, or when the database already has a property of that name, {@code wanted (qualifier)}, then
     * with a number: the synced property of a relation must not take an existing name.
     */
    static String freeName(JsonNode schema, String wanted, String qualifier) {
        JsonNode properties = schema.path("properties");
        if (!properties.has(wanted)) {
            return wanted;
        }
        String name = wanted + " (" + qualifier + ")";
        for (int n = 2; properties.has(name); n++) {
            name = wanted + " (" + qualifier + " " + n + ")";
        }
        return name;
    }
}
