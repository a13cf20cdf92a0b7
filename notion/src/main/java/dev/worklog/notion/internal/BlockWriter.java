package dev.worklog.notion.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.http.HttpResult;
import dev.worklog.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a block tree of any size within Notion's per-request limits: at most 100 children in any array, two levels
 * of nesting, 1000 blocks and (with a margin) 500 KB per request. What does not fit is appended afterwards, in
 * order: further siblings to the same parent, deeper levels to the ids of the blocks just created.
 *
 * <p>An append whose answer was lost is checked before it is sent again: if the parent now ends with exactly the
 * blocks we sent, and has exactly as many children as it should, the append landed.
 */
public final class BlockWriter {
    /** Most children in one array. */
    public static final int MAX_CHILDREN = 100;
    /** Most blocks in one request. */
    public static final int MAX_BLOCKS = 1000;
    /** Request size we stay under; Notion's limit is 500 KB. */
    public static final int MAX_BYTES = 450_000;

    private final NotionClient client;

    public BlockWriter(NotionClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A top-level block as sent, and the children that must follow once it has an id. */
    record Prepared(ObjectNode request, List<ObjectNode> deferred, int inlineChildren, int elements, int bytes) {
    }

    static Prepared prepare(ObjectNode block) {
        List<JsonNode> children = Blocks.children(block);
        if (children.isEmpty()) {
            ObjectNode request = Blocks.withoutChildren(block);
            return new Prepared(request, List.of(), 0, 1, size(request));
        }
        boolean deep = children.stream().anyMatch(c -> !Blocks.children(c).isEmpty());
        boolean mustInline = Blocks.type(block).equals("table");
        List<ObjectNode> inline = new ArrayList<>();
        List<ObjectNode> deferred = new ArrayList<>();
        for (JsonNode c : children) {
            if ((!deep || mustInline) && inline.size() < MAX_CHILDREN) {
                inline.add(Blocks.withoutChildren(c));
            } else {
                deferred.add((ObjectNode) c);
            }
        }
        ObjectNode request = Blocks.withoutChildren(block);
        Blocks.setChildren(request, inline);
        return new Prepared(request, deferred, inline.size(), 1 + inline.size(), size(request));
    }

    private static int size(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The first blocks, from {@code from}, that fit in one request; always at least one. */
    static List<Prepared> batch(List<ObjectNode> blocks, int from, boolean onlyComplete) {
        List<Prepared> out = new ArrayList<>();
        int elements = 0;
        int bytes = 0;
        for (int i = from; i < blocks.size() && out.size() < MAX_CHILDREN; i++) {
            Prepared p = prepare(blocks.get(i));
            if (onlyComplete && !p.deferred().isEmpty()) {
                break;
            }
            if (!out.isEmpty() && (elements + p.elements() > MAX_BLOCKS || bytes + p.bytes() > MAX_BYTES)) {
                break;
            }
            out.add(p);
            elements += p.elements();
            bytes += p.bytes();
        }
        return out;
    }

    /**
     * The leading blocks that can go into the page-create request itself: those with nothing left to append
     * underneath (a create does not return the ids of its blocks).
     */
    public static List<ObjectNode> createPrefix(List<ObjectNode> blocks) {
        List<ObjectNode> out = new ArrayList<>();
        for (Prepared p : batch(blocks, 0, true)) {
            out.add(p.request());
        }
        return out;
    }

    /** Appends the blocks in order under the parent, which already has {@code existing} children. */
    public void append(String parentId, List<ObjectNode> blocks, int existing) {
        int i = 0;
        int count = existing;
        while (i < blocks.size()) {
            List<Prepared> batch = batch(blocks, i, false);
            ArrayNode arr = Json.MAPPER.createArrayNode();
            batch.forEach(p -> arr.add(p.request()));
            int prior = count;
            List<JsonNode> created = client.appendChildren(parentId, arr, () -> landed(parentId, prior, batch));
            boolean needIds = batch.stream().anyMatch(p -> !p.deferred().isEmpty());
            if (needIds && created.size() != batch.size()) {
                List<JsonNode> all = client.listChildren(parentId);
                created = all.subList(Math.max(0, all.size() - batch.size()), all.size());
            }
            for (int k = 0; k < batch.size(); k++) {
                Prepared p = batch.get(k);
                if (!p.deferred().isEmpty()) {
                    append(created.get(k).path("id").asText(), p.deferred(), p.inlineChildren());
                }
            }
            count += batch.size();
            i += batch.size();
        }
    }

    private Optional<HttpResult> landed(String parentId, int prior, List<Prepared> batch) {
        List<JsonNode> now = client.listChildren(parentId);
        if (now.size() != prior + batch.size()) {
            return Optional.empty();
        }
        List<JsonNode> tail = now.subList(prior, now.size());
        for (int k = 0; k < batch.size(); k++) {
            if (!Blocks.signature(tail.get(k)).equals(Blocks.signature(batch.get(k).request()))) {
                return Optional.empty();
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("object", "list");
        ArrayNode results = body.putArray("results");
        tail.forEach(results::add);
        return Optional.of(new HttpResult(200, NotionClient.emptyHeaders(), Json.write(body)));
    }

    /** The whole tree under a block or page: every page of children, every nested level. */
    public List<JsonNode> readTree(String blockId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode child : client.listChildren(blockId)) {
            ObjectNode copy = child.deepCopy();
            if (child.path("has_children").asBoolean(false) && !Blocks.type(child).equals("child_page")
                    && !Blocks.type(child).equals("child_database")) {
                List<JsonNode> grandchildren = readTree(child.path("id").asText());
                if (copy.get(Blocks.type(copy)) instanceof ObjectNode) {
                    Blocks.setChildren(copy, grandchildren);
                }
            }
            out.add(copy);
        }
        return out;
    }
}
