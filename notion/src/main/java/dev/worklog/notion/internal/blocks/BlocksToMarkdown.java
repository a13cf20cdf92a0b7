package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Notion blocks (children nested at {@code block[type].children}) back to markdown, from {@code plain_text}. For
 * everything {@link MarkdownToBlocks} writes, converting the output again gives the same blocks; text is written
 * as-is and escaped only where commonmark would otherwise read it differently ({@link InlineMarkdown}), so ordinary
 * prose comes back character for character.
 */
public final class BlocksToMarkdown {
    private static final Map<String, String> FENCE_LANGUAGES = Map.of("plain text", "", "c++", "cpp", "c#",
            "csharp", "docker", "dockerfile");

    private BlocksToMarkdown() {
    }

    /** The markdown of a list of sibling blocks. */
    public static String convert(List<? extends JsonNode> blocks) {
        return render(blocks).strip();
    }

    private static String render(List<? extends JsonNode> siblings) {
        StringBuilder out = new StringBuilder();
        JsonNode previous = null;
        int number = 0;
        for (JsonNode block : joinContinuations(siblings)) {
            String type = Blocks.type(block);
            boolean continues = previous != null && Blocks.type(previous).equals(type);
            String text = renderOne(block, type, type.equals("numbered_list_item")
                    ? (number = continues ? number + 1 : 1) : 0);
            if (text == null) {
                continue;
            }
            if (out.length() > 0) {
                out.append(separator(previous, block));
            }
            out.append(text);
            previous = block;
        }
        return out.toString();
    }

    /**
     * What stands between two sibling blocks. Blocks carry no blank lines, so one spelling is chosen: a list item
     * follows a paragraph or another list item on the next line (markdown reads that as a new item or a new list,
     * as Notion holds it); every other pair is separated by one blank line. An empty list item after a paragraph
     * needs the blank line too (a lone "-" there would underline the paragraph into a heading).
     */
    private static String separator(JsonNode previous, JsonNode next) {
        String before = Blocks.type(previous);
        boolean afterText = isListItem(before) || before.equals("paragraph") && Blocks.children(previous).isEmpty();
        boolean empty = RichText.plainText(Blocks.body(next).path("rich_text")).isBlank();
        return afterText && isListItem(Blocks.type(next)) && !(empty && before.equals("paragraph")) ? "\n" : "\n\n";
    }

    /**
     * Blocks that {@link MarkdownToBlocks} split because their text needed more than 100 rich-text items, joined
     * again: a block whose rich text is full (exactly 100 items) and that has no children, followed by a block of
     * the same type (and checked state or language), continues in it. The writer fills every block but the last to
     * 100 items, so what it split reads back whole; a page typed in Notion is joined only in that same rare shape.
     */
    static List<JsonNode> joinContinuations(List<? extends JsonNode> blocks) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode previous = null;
        for (JsonNode block : blocks) {
            JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean continues = previous != null && continuesInto(previous, block);
            previous = block;
            if (continues) {
                ObjectNode joined = ((ObjectNode) block).deepCopy();
                ArrayNode items = Json.MAPPER.createArrayNode();
                Blocks.body(last).path("rich_text").forEach(items::add);
                Blocks.body(block).path("rich_text").forEach(items::add);
                ((ObjectNode) Blocks.body(joined)).set("rich_text", items);
                out.set(out.size() - 1, joined);
            } else {
                out.add(block);
            }
        }
        return out;
    }

    private static boolean continuesInto(JsonNode first, JsonNode next) {
        String type = Blocks.type(first);
        JsonNode body = Blocks.body(first);
        JsonNode nextBody = Blocks.body(next);
        return type.equals(Blocks.type(next)) && !type.equals("table") && body.path("rich_text").size() == RichText.MAX_ITEMS
                && Blocks.children(first).isEmpty() && !first.path("has_children").asBoolean(false)
                && body.path("checked").asBoolean(false) == nextBody.path("checked").asBoolean(false)
                && body.path("language").asText("").equals(nextBody.path("language").asText(""));
    }

    private static boolean isListItem(String type) {
        return type.equals("bulleted_list_item") || type.equals("numbered_list_item") || type.equals("to_do")
                || type.equals("toggle");
    }

    private static String renderOne(JsonNode block, String type, int number) {
        JsonNode body = Blocks.body(block);
        List<JsonNode> children = Blocks.children(block);
        List<Span> spans = RichText.fromArray(body.path("rich_text"));
        switch (type) {
            case "paragraph":
                if (spans.stream().allMatch(sp -> sp.text().isBlank()) && children.isEmpty()) {
                    return null; // an empty line typed in Notion: markdown has no empty paragraph
                }
                return withChildren(InlineMarkdown.render(spans, "", ""), children, "");
            case "heading_1":
            case "heading_2":
            case "heading_3": {
                String hashes = "#".repeat(type.charAt(8) - '0') + " ";
                List<Span> oneLine = new ArrayList<>();
                spans.forEach(s -> oneLine.add(s.withText(s.text().replace('\n', ' '))));
                return withChildren(hashes + InlineMarkdown.render(oneLine, hashes, null), children, "");
            }
            case "bulleted_list_item":
            case "toggle":
                return item("- ", 2, spans, children);
            case "numbered_list_item": {
                String marker = number + ". ";
                return item(marker, marker.length(), spans, children);
            }
            case "to_do":
                // the checkbox is part of the item's text in markdown: children indent by the width of "- " only
                return item(body.path("checked").asBoolean(false) ? "- [x] " : "- [ ] ", 2, spans, children);
            case "quote":
            case "callout": {
                String inner = InlineMarkdown.render(spans, "> ", "> ");
                if (!children.isEmpty()) {
                    inner = (inner.isEmpty() ? "" : inner + textThenChildren(children)) + render(children);
                }
                return prefixLines(inner, "> ", ">");
            }
            case "code":
                return code(RichText.plainText(body.path("rich_text")), body.path("language").asText("plain text"));
            case "divider":
                return "---";
            case "table":
                return table(body, children);
            case "equation":
                return "$$" + body.path("expression").asText() + "$$";
            case "image":
            case "video":
            case "file":
            case "pdf":
            case "bookmark":
            case "embed":
            case "link_preview": {
                String url = body.path("url").asText(body.path("external").path("url").asText(
                        body.path("file").path("url").asText("")));
                return url.isEmpty() ? null : "[" + url + "](" + url + ")";
            }
            case "child_page":
            case "child_database":
                return "**" + body.path("title").asText() + "**";
            default: {
                String text = InlineMarkdown.render(spans, "", "");
                if (!text.isEmpty() || !children.isEmpty()) {
                    return withChildren(text, children, "");
                }
                return null;
            }
        }
    }

    private static String withChildren(String text, List<JsonNode> children, String indent) {
        if (children.isEmpty()) {
            return text;
        }
        String rest = render(children);
        return text.isEmpty() ? rest : text + "\n\n" + rest;
    }

    /** Between a block's own text and its first child: as between siblings, the text counting as a paragraph. */
    private static String textThenChildren(List<JsonNode> children) {
        return separator(Blocks.block("paragraph"), joinContinuations(children).get(0));
    }

    private static String item(String marker, int width, List<Span> spans, List<JsonNode> children) {
        String pad = " ".repeat(width);
        String text = InlineMarkdown.render(spans, marker, pad);
        StringBuilder sb = new StringBuilder(marker).append(text.replace("\n", "\n" + pad));
        if (!children.isEmpty()) {
            String inner = render(children);
            String indented = prefixLines(inner, pad, "");
            if (text.isEmpty()) {
                sb.append(indented.substring(pad.length()));
            } else {
                sb.append(textThenChildren(children)).append(indented);
            }
        }
        return sb.toString();
    }

    private static String prefixLines(String text, String prefix, String emptyPrefix) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(lines[i].isEmpty() ? emptyPrefix : prefix + lines[i]);
        }
        return sb.toString();
    }

    private static String code(String text, String language) {
        String fence = "`".repeat(Math.max(3, InlineMarkdown.longestBacktickRun(text) + 1));
        String info = FENCE_LANGUAGES.getOrDefault(language, language.replace(' ', '-'));
        return fence + info + "\n" + text + "\n" + fence;
    }

    private static String table(JsonNode body, List<JsonNode> rows) {
        int width = Math.max(1, body.path("table_width").asInt(1));
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode cells = rows.get(r).path("table_row").path("cells");
            sb.append('|');
            for (int c = 0; c < width; c++) {
                String cell = InlineMarkdown.render(RichText.fromArray(cells.path(c)), null, null);
                sb.append(' ').append(cell.isEmpty() ? "" : cell + " ").append('|');
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                sb.append(" --- |".repeat(width));
                sb.append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }
}
