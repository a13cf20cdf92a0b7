package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.ArrayList;
import java.util.List;

/** Small helpers over block JSON, where children sit at {@code block[type].children} as in requests. */
public final class Blocks {
    private Blocks() {
    }

    /** A new block of the type, with its type object. */
    public static ObjectNode block(String type) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("object", "block");
        b.put("type", type);
        b.putObject(type);
        return b;
    }

    /** The block's type. */
    public static String type(JsonNode block) {
        return block.path("type").asText();
    }

    /** The block's type object. */
    public static JsonNode body(JsonNode block) {
        return block.path(type(block));
    }

    /** The children held in the type object (empty if none). */
    public static List<JsonNode> children(JsonNode block) {
        List<JsonNode> out = new ArrayList<>();
        body(block).path("children").forEach(out::add);
        return out;
    }

    /** Puts children into the block's type object, or removes them when the list is empty. */
    public static void setChildren(ObjectNode block, List<? extends JsonNode> children) {
        ObjectNode body = (ObjectNode) block.get(type(block));
        if (children.isEmpty()) {
            body.remove("children");
            return;
        }
        ArrayNode arr = body.putArray("children");
        children.forEach(arr::add);
    }

    /** A copy without children; the two objects are new, their values (rich text and so on) are shared. */
    public static ObjectNode withoutChildren(JsonNode block) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        block.properties().forEach(e -> {
            if (e.getKey().equals(type(block))) {
                ObjectNode body = Json.MAPPER.createObjectNode();
                e.getValue().properties().forEach(f -> {
                    if (!f.getKey().equals("children")) {
                        body.set(f.getKey(), f.getValue());
                    }
                });
                copy.set(e.getKey(), body);
            } else {
                copy.set(e.getKey(), e.getValue());
            }
        });
        return copy;
    }

    /** Number of blocks in the tree, this one included. */
    public static int count(JsonNode block) {
        int n = 1;
        for (JsonNode c : children(block)) {
            n += count(c);
        }
        return n;
    }

    /** Depth of the tree: 1 for a block without children. */
    public static int depth(JsonNode block) {
        int d = 0;
        for (JsonNode c : children(block)) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    /**
     * What identifies a block we wrote when we look for it later: its type and its text (or table width). Used to
     * tell whether an append whose answer was lost had landed.
     */
    public static String signature(JsonNode block) {
        String type = type(block);
        JsonNode body = body(block);
        if (type.equals("table")) {
            return type + ":" + body.path("table_width").asInt();
        }
        return type + ":" + RichText.plainText(body.path("rich_text"));
    }
}
