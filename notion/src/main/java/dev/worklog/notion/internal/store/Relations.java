package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.NotionErrorReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relation properties of any size. Notion takes at most 100 relation values per request and a property update
 * replaces the whole relation, so the first 100 are written on the page itself and every further one from the other
 * side of a two-way relation (each extra page gets ours added to its synced property, its other links kept). A
 * one-way relation can hold only 100; the execution log says so. Reading, a page shows at most 25 values; the rest
 * come from the property endpoint.
 *
 * @param client the client
 * @param databases gives the relation's settings (one-way or two-way)
 * @param schema the property names
 * @param executionLog where a relation that cannot hold every value is reported
 */
public record Relations(NotionClient client, Databases databases, NotionSchema schema, ExecutionLog executionLog) {
    /** Most relation values Notion takes in one request. */
    public static final int PER_REQUEST = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Relations.class);

    /** The value of a relation property holding the first {@value #PER_REQUEST} distinct ids. */
    public static ObjectNode value(List<String> ids) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode arr = node.putArray("relation");
        new LinkedHashSet<>(ids).stream().limit(PER_REQUEST).forEach(id -> arr.addObject().put("id", id));
        return node;
    }

    /** Every id the page's relation holds, beyond the 25 a page shows too. */
    public List<String> ids(JsonNode page, Property property) {
        return values(PageValues.id(page), PageValues.property(page, schema.name(property)));
    }

    private List<String> values(String pageId, JsonNode prop) {
        List<String> out = new ArrayList<>();
        if (prop.path("has_more").asBoolean(false) && prop.hasNonNull("id")) {
            for (JsonNode item : client.propertyItems(pageId, prop.get("id").asText())) {
                String id = item.path("relation").path("id").asText("");
                if (!id.isEmpty()) {
                    out.add(id);
                }
            }
            return out;
        }
        prop.path("relation").forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    /**
     * Links the ids beyond the first {@value #PER_REQUEST} from the other side of the two-way relation
     * {@code property} of the roll-up page {@code pageId}: each target page gets the roll-up added to its synced
     * property (its existing links kept), which Notion mirrors on the roll-up.
     */
    public void linkOverflow(Property property, String pageId, List<String> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.size() <= PER_REQUEST) {
            return;
        }
        JsonNode config = databases.schema(property.database()).path("properties").path(schema.name(property))
                .path("relation");
        String synced = config.path("dual_property").path("synced_property_name").asText("");
        if (!"dual_property".equals(config.path("type").asText()) || synced.isEmpty()) {
            String msg = "'" + schema.name(property) + "' links only the first " + PER_REQUEST + " of "
                    + distinct.size() + " pages: Notion takes at most " + PER_REQUEST + " relation values "
                    + "per request and this relation is one-way. Make it two-way (relation settings > "
                    + "show on the related database) to link them all";
            executionLog.error(NotionErrorReader.SERVICE, msg);
            LOG.warn(msg);
            return;
        }
        for (String target : distinct.subList(PER_REQUEST, distinct.size())) {
            List<String> current = values(target, client.retrievePage(target).path("properties").path(synced));
            if (current.contains(pageId)) {
                continue;
            }
            current.add(pageId);
            ObjectNode update = Json.MAPPER.createObjectNode();
            update.putObject("properties").set(synced, value(current));
            client.updatePage(target, update);
        }
    }
}
