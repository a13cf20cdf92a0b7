package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.notion.internal.client.NotionClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a page's (or block's) children equal to a new block tree by changing only what differs: blocks whose own
 * content is unchanged are left alone, blocks of the same type whose content changed are updated in place
 * ({@code PATCH /v1/blocks/{id}}), new blocks are inserted right after the block they follow, and blocks no longer
 * there are deleted. Children are compared the same way, level by level. A rerun whose body did not change sends
 * nothing; one that changed a sentence sends one update.
 *
 * <p>Siblings are aligned by a longest common subsequence of their own content (type, text with its formatting,
 * checked state, language, cells); what lies between two aligned blocks is paired up in order where the types
 * match and updated, the rest deleted or inserted. Inserting before every remaining sibling needs
 * {@code position.start} (Notion-Version 2026-03-11); on older versions that one parent is rewritten instead.
 * Sub-pages and databases inside the body are never deleted.
 *
 * <p>An instance counts the changes of its syncs: use one per body replacement, not shared between threads.
 */
public final class BodySync {
    /** Block types that stand for pages of their own: never deleted by a body replacement. */
    private static final Set<String> KEEP = Set.of("child_page", "child_database");

    private final NotionClient client;
    private final BlockWriter writer;
    private int updates;
    private int inserts;
    private int deletes;

    public BodySync(NotionClient client, BlockWriter writer) {
        this.client = Objects.requireNonNull(client, "client");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** What one {@link #sync} changed. */
    public record Changes(int updated, int inserted, int deleted) {
        /** Whether nothing was written. */
        public boolean none() {
            return updated == 0 && inserted == 0 && deleted == 0;
        }
    }

    /**
     * Changes the children of {@code parentId} from {@code current} (as read, with ids and nested children) to
     * {@code wanted} (as written, children nested).
     */
    public Changes sync(String parentId, List<JsonNode> current, List<ObjectNode> wanted) {
        updates = 0;
        inserts = 0;
        deletes = 0;
        children(parentId, current, wanted);
        return new Changes(updates, inserts, deletes);
    }

    private void children(String parentId, List<JsonNode> current, List<ObjectNode> wanted) {
        List<JsonNode> old = new ArrayList<>();
        for (JsonNode b : current) {
            if (!KEEP.contains(Blocks.type(b))) {
                old.add(b);
            }
        }
        JsonNode[] source = align(old, wanted);
        boolean[] used = new boolean[old.size()];
        for (JsonNode o : source) {
            if (o != null) {
                used[old.indexOf(o)] = true;
            }
        }
        int count = current.size();
        for (int i = 0; i < old.size(); i++) {
            if (!used[i]) {
                delete(old.get(i));
                count--;
            }
        }
        if (!wanted.isEmpty() && source[0] == null && count > 0 && !client.usesPositions()) {
            // the first block is new and something stays after it: older versions cannot insert at the start,
            // so this parent is rewritten
            for (int i = 0; i < old.size(); i++) {
                if (used[i]) {
                    delete(old.get(i));
                    count--;
                }
            }
            inserts += wanted.size();
            writer.insert(parentId, wanted, count, null);
            return;
        }
        String anchor = null;
        List<ObjectNode> pending = new ArrayList<>();
        for (int j = 0; j < wanted.size(); j++) {
            JsonNode o = source[j];
            if (o == null) {
                pending.add(wanted.get(j));
                continue;
            }
            if (!pending.isEmpty()) {
                anchor = insert(parentId, pending, count, anchor);
                count += pending.size();
                pending.clear();
            }
            update(o, wanted.get(j));
            children(o.path("id").asText(), Blocks.children(o), childrenOf(wanted.get(j)));
            anchor = o.path("id").asText();
        }
        if (!pending.isEmpty()) {
            insert(parentId, pending, count, anchor);
        }
    }

    /**
     * For each wanted block, the old block it reuses (same own content, or same type in the same gap), or null
     * when it must be inserted.
     */
    private static JsonNode[] align(List<JsonNode> old, List<ObjectNode> wanted) {
        List<String> a = old.stream().map(BodySync::ownKey).toList();
        List<String> b = wanted.stream().map(BodySync::ownKey).toList();
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        JsonNode[] source = new JsonNode[wanted.size()];
        List<Integer> gapOld = new ArrayList<>();
        List<Integer> gapNew = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                pairGap(old, wanted, gapOld, gapNew, source);
                source[j++] = old.get(i++);
            } else if (j == b.size() || i < a.size() && t[i + 1][j] >= t[i][j + 1]) {
                gapOld.add(i++);
            } else {
                gapNew.add(j++);
            }
        }
        pairGap(old, wanted, gapOld, gapNew, source);
        return source;
    }

    /** Between two aligned blocks: the k-th old and k-th new block pair up when one can be updated into the other. */
    private static void pairGap(List<JsonNode> old, List<ObjectNode> wanted, List<Integer> gapOld,
            List<Integer> gapNew, JsonNode[] source) {
        for (int k = 0; k < Math.min(gapOld.size(), gapNew.size()); k++) {
            JsonNode o = old.get(gapOld.get(k));
            if (updatable(o, wanted.get(gapNew.get(k)))) {
                source[gapNew.get(k)] = o;
            }
        }
        gapOld.clear();
        gapNew.clear();
    }

    /** Inserts after {@code anchor} (at the start when null and the parent is not empty); the last id created. */
    private String insert(String parentId, List<ObjectNode> blocks, int count, String anchor) {
        inserts += blocks.size();
        List<String> ids = writer.insert(parentId, blocks, count, anchor == null && count > 0 ? BlockWriter.START
                : anchor);
        return ids.isEmpty() ? anchor : ids.get(ids.size() - 1);
    }

    private void delete(JsonNode block) {
        client.deleteBlock(block.path("id").asText());
        deletes++;
    }

    private void update(JsonNode old, ObjectNode wanted) {
        if (ownKey(old).equals(ownKey(wanted))) {
            return;
        }
        String type = Blocks.type(wanted);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode content = body.putObject(type);
        Blocks.body(wanted).properties().forEach(e -> {
            if (!e.getKey().equals("children") && !e.getKey().equals("table_width")) {
                content.set(e.getKey(), e.getValue());
            }
        });
        client.updateBlock(old.path("id").asText(), body);
        updates++;
    }

    /** Whether the old block can become the new one in place: same type (and, for tables, same width). */
    private static boolean updatable(JsonNode old, JsonNode wanted) {
        String type = Blocks.type(old);
        return type.equals(Blocks.type(wanted)) && (!type.equals("table")
                || Blocks.body(old).path("table_width").asInt() == Blocks.body(wanted).path("table_width").asInt());
    }

    private static List<ObjectNode> childrenOf(ObjectNode block) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode c : Blocks.children(block)) {
            out.add((ObjectNode) c);
        }
        return out;
    }

    /**
     * A block's own content, as Notion lists it or as we send it: the type, the text with its formatting, and the
     * attributes we write. Blocks we never write (images, embeds) get their id, so they match only themselves.
     */
    static String ownKey(JsonNode block) {
        String type = Blocks.type(block);
        JsonNode body = Blocks.body(block);
        StringBuilder key = new StringBuilder(type);
        switch (type) {
            case "paragraph", "heading_1", "heading_2", "heading_3", "bulleted_list_item", "numbered_list_item",
                    "quote", "toggle", "callout" -> key.append(RichText.fromArray(body.path("rich_text")));
            case "to_do" -> key.append(body.path("checked").asBoolean(false))
                    .append(RichText.fromArray(body.path("rich_text")));
            case "code" -> key.append(body.path("language").asText()).append(RichText.fromArray(body.path("rich_text")));
            case "table" -> key.append(body.path("table_width").asInt()).append(body.path("has_column_header")
                    .asBoolean(false)).append(body.path("has_row_header").asBoolean(false));
            case "table_row" -> body.path("cells").forEach(cell -> key.append('|').append(RichText.fromArray(cell)));
            case "divider" -> { }
            default -> key.append('#').append(block.path("id").asText(String.valueOf(System.identityHashCode(block))));
        }
        return key.toString();
    }
}
