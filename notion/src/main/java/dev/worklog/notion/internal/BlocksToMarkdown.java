package dev.worklog.notion.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.commonmark.node.Node;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Paragraph;

/**
 * Notion blocks (children nested at {@code block[type].children}) back to markdown, from {@code plain_text}. For
 * everything {@link MarkdownToBlocks} writes, converting the output again gives the same blocks; text is written
 * as-is and escaped only where commonmark would otherwise read it differently, so ordinary prose comes back
 * character for character.
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
                return withChildren(inline(spans, "", ""), children, "");
            case "heading_1":
            case "heading_2":
            case "heading_3": {
                String hashes = "#".repeat(type.charAt(8) - '0') + " ";
                List<Span> oneLine = new ArrayList<>();
                spans.forEach(s -> oneLine.add(s.withText(s.text().replace('\n', ' '))));
                return withChildren(hashes + inline(oneLine, hashes, null), children, "");
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
                String inner = inline(spans, "> ", "> ");
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
                String text = inline(spans, "", "");
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
        String text = inline(spans, marker, pad);
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
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
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
                String cell = inline(RichText.fromArray(cells.path(c)), null, null);
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

    // ---- inline text

    /**
     * Markdown for the spans: first written plainly; if commonmark would read that back differently (a literal
     * {@code *} or a line starting with {@code 1.}), written again with those characters escaped.
     */
    static String inline(List<Span> spans, String prefix, String continuation) {
        if (spans.isEmpty()) {
            return "";
        }
        boolean inTable = prefix == null;
        List<Span> wanted = codeLines(trimLines(tableSafe(spans, inTable)));
        if (wanted.isEmpty()) {
            return "";
        }
        // plain first; then escaped; each with '*' and, where "*a***b**" would be ambiguous, '_' for italics
        String first = null;
        for (boolean escape : new boolean[] {false, true}) {
            for (String italic : new String[] {"*", "_"}) {
                String md = write(wanted, escape, inTable, italic);
                if (first == null) {
                    first = md;
                }
                if (readsBackAs(md, wanted, prefix, continuation)) {
                    return md;
                }
            }
        }
        // commonmark cannot express this emphasis (e.g. "*a.*b"): keep the text, drop what cannot be said
        List<Span> simpler = new ArrayList<>();
        for (Span s : wanted) {
            simpler.add(new Span(s.text(), false, false, false, s.code(), s.link()));
        }
        String md = write(simpler, true, inTable, "*");
        if (readsBackAs(md, simpler, prefix, continuation)) {
            return md;
        }
        List<Span> text = new ArrayList<>();
        for (Span s : wanted) {
            text.add(Span.plain(s.text()));
        }
        return write(RichText.merge(text), true, inTable, "*");
    }

    /**
     * Spaces and tabs at the start and end of the text and around its line breaks, outside code, dropped: markdown
     * cannot carry them (they are stripped when read), and keeping them would make the formatting next to them
     * unreadable. Text typed in Notion with a leading space keeps its bold and links this way.
     */
    static List<Span> trimLines(List<Span> spans) {
        List<Span> out = new ArrayList<>(spans);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < out.size(); i++) {
                Span s = out.get(i);
                if (s.code()) {
                    continue;
                }
                boolean lineStart = i == 0 || out.get(i - 1).text().endsWith("\n");
                boolean lineEnd = i == out.size() - 1 || out.get(i + 1).text().startsWith("\n");
                String t = s.text();
                if (t.indexOf('\n') >= 0) {
                    t = t.replaceAll("[ \t]+\n", "\n").replaceAll("\n[ \t]+", "\n");
                }
                if (lineStart) {
                    t = t.replaceFirst("^[ \t]+", "");
                }
                if (lineEnd) {
                    t = t.replaceFirst("[ \t]+$", "");
                }
                if (!t.equals(s.text())) {
                    changed = true;
                    if (t.isEmpty()) {
                        out.remove(i--);
                    } else {
                        out.set(i, s.withText(t));
                    }
                }
            }
        }
        return RichText.merge(out);
    }

    /** Inline code cannot span lines in markdown: a line break inside code is written between two code spans. */
    private static List<Span> codeLines(List<Span> spans) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (!s.code() || s.text().indexOf('\n') < 0) {
                out.add(s);
                continue;
            }
            String[] lines = s.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    out.add(new Span("\n", s.bold(), s.italic(), s.strike(), false, s.link()));
                }
                if (!lines[i].isEmpty()) {
                    out.add(s.withText(lines[i]));
                }
            }
        }
        return out;
    }

    private static List<Span> tableSafe(List<Span> spans, boolean inTable) {
        if (!inTable) {
            return spans;
        }
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            out.add(s.withText(s.text().replace('\n', ' ')));
        }
        return out;
    }

    /**
     * Whether commonmark reads the text, in the place it will stand (after a list marker, a heading's hashes, a
     * quote's {@code >}), as exactly these spans.
     */
    private static boolean readsBackAs(String markdown, List<Span> wanted, String prefix, String continuation) {
        String probe;
        if (prefix == null) {
            if (markdown.replace("\\|", "").contains("|")) {
                return false;
            }
            probe = markdown.replace("\\|", "|");
        } else {
            probe = prefix + (continuation == null ? markdown : markdown.replace("\n", "\n" + continuation));
        }
        Node node = MarkdownToBlocks.PARSER.parse(probe).getFirstChild();
        while (node != null && node.getNext() == null && !(node instanceof Paragraph) && !(node instanceof Heading)) {
            if (!(node instanceof ListBlock || node instanceof ListItem || node instanceof BlockQuote)) {
                return false;
            }
            node = node.getFirstChild();
            if (node instanceof org.commonmark.ext.task.list.items.TaskListItemMarker) {
                node = node.getNext();
            }
        }
        if (node == null || node.getNext() != null) {
            return false;
        }
        if (prefix != null && prefix.startsWith("#") != (node instanceof Heading)) {
            return false;
        }
        return canonical(MarkdownToBlocks.inlines(node)).equals(canonical(wanted));
    }

    /**
     * The text with its formatting, whitespace outside code counted as unformatted (it looks the same): the
     * characters, with a marker wherever the formatting changes.
     */
    private static String canonical(List<Span> spans) {
        StringBuilder out = new StringBuilder();
        String current = "";
        for (Span s : spans) {
            String style = (s.bold() ? "b" : "") + (s.italic() ? "i" : "") + (s.strike() ? "s" : "")
                    + (s.code() ? "c" : "") + (s.link() == null ? "" : "@" + s.link());
            String text = s.text();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                boolean plain = Character.isWhitespace(cp) && (!s.code() || cp == '\n');
                String effective = plain ? "" : style;
                if (!effective.equals(current)) {
                    out.append('\u0000').append(effective).append('\u0000');
                    current = effective;
                }
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    private enum Mark { LINK, BOLD, ITALIC, STRIKE }

    private static String write(List<Span> spans, boolean escape, boolean inTable, String italic) {
        StringBuilder out = new StringBuilder();
        List<Mark> open = new ArrayList<>();
        String openLink = null;
        String pendingSpace = "";
        for (Span s : spans) {
            String text = s.text();
            String lead = "";
            String core = text;
            String trail = "";
            if (!s.code()) {
                // whitespace at the edge of a formatted run goes outside the delimiters: "** x**" is not bold
                lead = leadingSpace(text);
                String rest = text.substring(lead.length());
                trail = trailingSpace(rest);
                core = rest.substring(0, rest.length() - trail.length());
            }
            List<Mark> want = marks(s);
            int keep = 0;
            while (keep < open.size() && want.contains(open.get(keep))
                    && (open.get(keep) != Mark.LINK || Objects.equals(openLink, s.link()))) {
                keep++;
            }
            for (int i = open.size() - 1; i >= keep; i--) {
                out.append(close(open.get(i), openLink, italic));
            }
            open = new ArrayList<>(open.subList(0, keep));
            if (!s.code() && core.isEmpty()) {
                // blank between two runs: close what it does not carry, open nothing for it
                pendingSpace += text;
                continue;
            }
            out.append(text(pendingSpace + lead, escape, inTable, out));
            for (Mark m : want) {
                if (!open.contains(m)) {
                    out.append(openDelimiter(m, italic));
                    open.add(m);
                    if (m == Mark.LINK) {
                        openLink = s.link();
                    }
                }
            }
            out.append(s.code() ? codeSpan(core) : text(core, escape, inTable, out));
            pendingSpace = trail;
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            out.append(close(open.get(i), openLink, italic));
        }
        out.append(pendingSpace);
        return out.toString();
    }

    private static String text(String text, boolean escape, boolean inTable, StringBuilder before) {
        if (escape) {
            return escapeText(text, before, inTable);
        }
        return inTable ? text.replace("|", "\\|") : text;
    }

    private static List<Mark> marks(Span s) {
        List<Mark> m = new ArrayList<>();
        if (s.link() != null) {
            m.add(Mark.LINK);
        }
        if (s.bold()) {
            m.add(Mark.BOLD);
        }
        if (s.italic()) {
            m.add(Mark.ITALIC);
        }
        if (s.strike()) {
            m.add(Mark.STRIKE);
        }
        return m;
    }

    private static String openDelimiter(Mark m, String italic) {
        switch (m) {
            case LINK:
                return "[";
            case BOLD:
                return "**";
            case ITALIC:
                return italic;
            default:
                return "~~";
        }
    }

    private static String close(Mark m, String link, String italic) {
        return m == Mark.LINK ? "](" + link + ")" : openDelimiter(m, italic);
    }

    private static String leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    private static String trailingSpace(String s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(i);
    }

    private static String codeSpan(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`")
                || (text.startsWith(" ") && text.endsWith(" ") && !text.isBlank());
        return ticks + (pad ? " " + text + " " : text) + ticks;
    }

    private static String escapeText(String text, StringBuilder before, boolean inTable) {
        StringBuilder sb = new StringBuilder();
        boolean lineStart = before.length() == 0 || before.charAt(before.length() - 1) == '\n';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>~&!#".indexOf(c) >= 0 || c == '|' && inTable) {
                sb.append('\\');
            } else if (lineStart && "#-+=>".indexOf(c) >= 0) {
                sb.append('\\');
            } else if (Character.isDigit(c) && lineStart) {
                int j = i;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
                    sb.append(text, i, j).append('\\').append(text.charAt(j));
                    i = j;
                    lineStart = false;
                    continue;
                }
            }
            sb.append(c);
            lineStart = c == '\n' || lineStart && (c == ' ' || c == '\t');
        }
        return sb.toString();
    }
}
