package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.TransportException;
import dev.worklog.internal.Json;
import dev.worklog.notion.internal.client.NotionClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a block tree of any size within Notion's per-request limits: at most 100 children in any array, two levels
 * of nesting, 1000 blocks and (with a margin) 500 KB per request. What does not fit is appended afterwards, in
 * order: further siblings to the same parent, deeper levels to the ids of the blocks just created.
 *
 * The requests are planned first ({@link #plan}, pure) and then sent; blocks can also be inserted after a given
 * sibling instead of at the end ({@link #insert}).
 *
 * <p>An append whose answer was lost is checked before it is sent again: if the parent now holds exactly the blocks
 * we sent where they were to go (at the end, or right after the given sibling), and has exactly as many children as
 * it should, the append landed.
 */
public final class BlockWriter {
    /** Most children in one array. */
    public static final int MAX_CHILDREN = 100;
    /** Most blocks in one request. */
    public static final int MAX_BLOCKS = 1000;
    /** Request size we stay under; Notion's limit is 500 KB. */
    public static final int MAX_BYTES = 450_000;

    /** The {@code afterId} of {@link #insert} that places blocks before every child (Notion-Version 2026-03-11). */
    public static final String START = NotionClient.START;

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

    /**
     * One request of a {@link #plan}: blocks appended under the target ({@code parentStep} is -1) or under the
     * {@code parentIndex}-th block an earlier step created.
     *
     * @param parentStep the step that created the parent, or -1 for the target
     * @param parentIndex the parent's position among the blocks that step sent
     * @param children the blocks sent, each within the per-request limits
     * @param existing how many children the parent already holds from the request that created it (0 for the
     *     target's own count, which only the caller knows)
     */
    public record Step(int parentStep, int parentIndex, List<ObjectNode> children, int existing) {
    }

    /**
     * The requests that write a block tree of any size, in the order they must be sent: every request within
     * Notion's limits, deeper levels appended to blocks created by an earlier step. Pure, so it can be checked
     * without a server.
     */
    public static List<Step> plan(List<ObjectNode> blocks) {
        List<Step> steps = new ArrayList<>();
        plan(blocks, -1, 0, 0, steps);
        return steps;
    }

    private static void plan(List<ObjectNode> blocks, int parentStep, int parentIndex, int existing,
            List<Step> steps) {
        int i = 0;
        while (i < blocks.size()) {
            List<Prepared> batch = batch(blocks, i, false);
            List<ObjectNode> sent = new ArrayList<>();
            batch.forEach(p -> sent.add(p.request()));
            int step = steps.size();
            steps.add(new Step(parentStep, parentIndex, sent, existing));
            for (int k = 0; k < batch.size(); k++) {
                Prepared p = batch.get(k);
                if (!p.deferred().isEmpty()) {
                    plan(p.deferred(), step, k, p.inlineChildren(), steps);
                }
            }
            i += batch.size();
        }
    }

    /** Appends the blocks in order under the parent, which already has {@code existing} children. */
    public void append(String parentId, List<ObjectNode> blocks, int existing) {
        insert(parentId, blocks, existing, null);
    }

    /**
     * Inserts the blocks, in order, right after the parent's child {@code afterId} (at the end when it is null, at
     * the start when it is {@link #START}); the parent holds {@code existing} children before. Returns the ids of
     * the top-level blocks created.
     */
    public List<String> insert(String parentId, List<ObjectNode> blocks, int existing, String afterId) {
        List<Step> steps = plan(blocks);
        List<List<JsonNode>> created = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        List<String> top = new ArrayList<>();
        String after = afterId;
        for (Step step : steps) {
            boolean atTop = step.parentStep() < 0;
            String parent = atTop ? parentId
                    : created.get(step.parentStep()).get(step.parentIndex()).path("id").asText();
            String key = step.parentStep() + ":" + step.parentIndex();
            int prior = counts.getOrDefault(key, atTop ? existing : step.existing());
            String anchor = atTop ? after : null;
            ArrayNode arr = Json.MAPPER.createArrayNode();
            step.children().forEach(arr::add);
            List<JsonNode> made = client.appendChildren(parent, arr, anchor,
                    () -> landed(parent, prior, step.children(), anchor));
            if (made.size() != step.children().size()) {
                // an answer without the created blocks: find them, their ids are needed for what follows
                made = placed(client.listChildren(parent), step.children().size(), anchor)
                        .orElseThrow(() -> new TransportException("Notion did not return the blocks appended to "
                                + parent + " and they cannot be found"));
            }
            created.add(made);
            counts.put(key, prior + made.size());
            if (atTop) {
                made.forEach(m -> top.add(m.path("id").asText()));
                if (after != null && !made.isEmpty()) {
                    after = made.get(made.size() - 1).path("id").asText();
                }
            }
        }
        return top;
    }

    /** The {@code n} children right after {@code anchor} (the last {@code n} when it is null), if there are that many. */
    private static Optional<List<JsonNode>> placed(List<JsonNode> children, int n, String anchor) {
        int from = children.size() - n;
        if (START.equals(anchor)) {
            from = 0;
        } else if (anchor != null) {
            from = -1;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).path("id").asText().equals(anchor)) {
                    from = i + 1;
                }
            }
        }
        if (from < 0 || from + n > children.size()) {
            return Optional.empty();
        }
        return Optional.of(children.subList(from, from + n));
    }

    /** The answer an append would have given, if its blocks now stand where they were to go: nothing else does. */
    private Optional<JsonNode> landed(String parentId, int prior, List<ObjectNode> sent, String anchor) {
        List<JsonNode> now = client.listChildren(parentId);
        if (now.size() != prior + sent.size()) {
            return Optional.empty();
        }
        Optional<List<JsonNode>> placed = placed(now, sent.size(), anchor);
        if (placed.isEmpty()) {
            return Optional.empty();
        }
        for (int k = 0; k < sent.size(); k++) {
            if (!Blocks.signature(placed.get().get(k)).equals(Blocks.signature(sent.get(k)))) {
                return Optional.empty();
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("object", "list");
        ArrayNode results = answer.putArray("results");
        placed.get().forEach(results::add);
        return Optional.of(answer);
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
