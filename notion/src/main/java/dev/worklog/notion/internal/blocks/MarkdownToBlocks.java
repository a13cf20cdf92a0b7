package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown to Notion blocks with commonmark-java. The result is the whole tree, children nested, every text object
 * within 2000 characters and every rich-text array within 100 items (longer text continues in a block of the same
 * type). Splitting the tree into requests is {@link BlockWriter}'s job.
 */
public final class MarkdownToBlocks {
    static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            TaskListItemsExtension.create());
    static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    /** Markdown info strings to Notion's code languages; anything else becomes "plain text". */
    static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("js", "javascript"), Map.entry("javascript", "javascript"), Map.entry("jsx", "javascript"),
            Map.entry("ts", "typescript"), Map.entry("typescript", "typescript"), Map.entry("tsx", "typescript"),
            Map.entry("py", "python"), Map.entry("python", "python"), Map.entry("java", "java"),
            Map.entry("kt", "kotlin"), Map.entry("kotlin", "kotlin"), Map.entry("scala", "scala"),
            Map.entry("go", "go"), Map.entry("golang", "go"), Map.entry("rs", "rust"), Map.entry("rust", "rust"),
            Map.entry("c", "c"), Map.entry("cpp", "c++"), Map.entry("c++", "c++"), Map.entry("cs", "c#"),
            Map.entry("csharp", "c#"), Map.entry("c#", "c#"), Map.entry("rb", "ruby"), Map.entry("ruby", "ruby"),
            Map.entry("php", "php"), Map.entry("swift", "swift"), Map.entry("sh", "shell"),
            Map.entry("shell", "shell"), Map.entry("bash", "bash"), Map.entry("zsh", "shell"),
            Map.entry("powershell", "powershell"), Map.entry("ps1", "powershell"), Map.entry("sql", "sql"),
            Map.entry("json", "json"), Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"), Map.entry("xml", "xml"),
            Map.entry("html", "html"), Map.entry("css", "css"), Map.entry("scss", "scss"),
            Map.entry("md", "markdown"), Map.entry("markdown", "markdown"), Map.entry("dockerfile", "docker"),
            Map.entry("docker", "docker"), Map.entry("graphql", "graphql"), Map.entry("diff", "diff"),
            Map.entry("groovy", "groovy"), Map.entry("r", "r"), Map.entry("lua", "lua"),
            Map.entry("makefile", "makefile"), Map.entry("protobuf", "protobuf"),
            Map.entry("mermaid", "mermaid"), Map.entry("dart", "dart"), Map.entry("elixir", "elixir"),
            Map.entry("haskell", "haskell"), Map.entry("perl", "perl"), Map.entry("text", "plain text"),
            Map.entry("plaintext", "plain text"), Map.entry("txt", "plain text"));

    private MarkdownToBlocks() {
    }

    /** The blocks of a markdown document. */
    public static List<ObjectNode> convert(String markdown) {
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        return blocks(doc);
    }

    /** The Notion language for a markdown info string. */
    public static String language(String info) {
        if (info == null || info.isBlank()) {
            return "plain text";
        }
        String word = info.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.getOrDefault(word, "plain text");
    }

    private static List<ObjectNode> blocks(Node parent) {
        List<ObjectNode> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, out);
        }
        return out;
    }

    private static void block(Node n, List<ObjectNode> out) {
        if (n instanceof Heading) {
            int level = Math.min(3, ((Heading) n).getLevel());
            out.addAll(textBlocks("heading_" + level, inlines(n), List.of()));
        } else if (n instanceof Paragraph) {
            out.addAll(textBlocks("paragraph", inlines(n), List.of()));
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            String type = n instanceof BulletList ? "bulleted_list_item" : "numbered_list_item";
            for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem) {
                    listItem((ListItem) item, type, out);
                }
            }
        } else if (n instanceof FencedCodeBlock) {
            FencedCodeBlock f = (FencedCodeBlock) n;
            out.addAll(code(f.getLiteral(), language(f.getInfo())));
        } else if (n instanceof IndentedCodeBlock) {
            out.addAll(code(((IndentedCodeBlock) n).getLiteral(), "plain text"));
        } else if (n instanceof BlockQuote) {
            Node first = n.getFirstChild();
            List<Span> text = List.of();
            List<ObjectNode> children = new ArrayList<>();
            Node rest = first;
            if (first instanceof Paragraph) {
                text = inlines(first);
                rest = first.getNext();
            }
            for (Node c = rest; c != null; c = c.getNext()) {
                block(c, children);
            }
            out.addAll(textBlocks("quote", text, children));
        } else if (n instanceof ThematicBreak) {
            out.add(Blocks.block("divider"));
        } else if (n instanceof TableBlock) {
            out.add(table((TableBlock) n));
        } else if (n instanceof HtmlBlock) {
            out.addAll(textBlocks("paragraph", List.of(Span.plain(strip(((HtmlBlock) n).getLiteral()))), List.of()));
        } else if (n instanceof LinkReferenceDefinition) {
            // already applied to the links that use it
        } else {
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                block(c, out);
            }
        }
    }

    private static void listItem(ListItem item, String type, List<ObjectNode> out) {
        Node first = item.getFirstChild();
        Boolean checked = null;
        List<Span> text = List.of();
        Node rest = first;
        if (first instanceof Paragraph) {
            Node inner = first.getFirstChild();
            if (inner instanceof TaskListItemMarker) {
                checked = ((TaskListItemMarker) inner).isChecked();
            }
            text = inlines(first);
            rest = first.getNext();
        } else if (first instanceof TaskListItemMarker) {
            // commonmark puts the marker before the item's first paragraph, not inside it
            checked = ((TaskListItemMarker) first).isChecked();
            rest = first.getNext();
            if (rest instanceof Paragraph) {
                text = inlines(rest);
                rest = rest.getNext();
            }
        }
        List<ObjectNode> children = new ArrayList<>();
        for (Node c = rest; c != null; c = c.getNext()) {
            block(c, children);
        }
        String actual = checked != null ? "to_do" : type;
        List<ObjectNode> made = textBlocks(actual, text, children);
        if (checked != null) {
            for (ObjectNode b : made) {
                ((ObjectNode) b.get("to_do")).put("checked", checked);
            }
        }
        out.addAll(made);
    }

    /**
     * One block of the type, or several when the rich text needs more than 100 items; children go to the last,
     * so that they stay next to the text they followed. Every block but the last holds exactly 100 items and the
     * last fewer, which is how reading tells a continuation from the next block ({@link
     * BlocksToMarkdown#joinContinuations}): text that fills a multiple of 100 items exactly has one item cut in
     * two (same formatting, so it reads back the same).
     */
    static List<ObjectNode> textBlocks(String type, List<Span> spans, List<ObjectNode> children) {
        List<ObjectNode> objects = RichText.toObjects(spans);
        if (!objects.isEmpty() && objects.size() % RichText.MAX_ITEMS == 0) {
            objects = RichText.cutOneItem(objects);
        }
        List<ObjectNode> out = new ArrayList<>();
        int i = 0;
        do {
            ObjectNode b = Blocks.block(type);
            ArrayNode rt = ((ObjectNode) b.get(type)).putArray("rich_text");
            for (int k = 0; k < RichText.MAX_ITEMS && i < objects.size(); k++, i++) {
                rt.add(objects.get(i));
            }
            out.add(b);
        } while (i < objects.size() || out.get(out.size() - 1).path(type).path("rich_text").size() == RichText.MAX_ITEMS);
        Blocks.setChildren(out.get(out.size() - 1), children);
        return out;
    }

    private static List<ObjectNode> code(String literal, String language) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        List<ObjectNode> out = textBlocks("code", List.of(Span.plain(text)), List.of());
        for (ObjectNode b : out) {
            ((ObjectNode) b.get("code")).put("language", language);
        }
        return out;
    }

    private static ObjectNode table(TableBlock t) {
        List<ObjectNode> rows = new ArrayList<>();
        int width = 0;
        for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                ObjectNode r = Blocks.block("table_row");
                ArrayNode cells = ((ObjectNode) r.get("table_row")).putArray("cells");
                int w = 0;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        ArrayNode rt = cells.addArray();
                        cellObjects(inlines(cell)).forEach(rt::add);
                        w++;
                    }
                }
                width = Math.max(width, w);
                rows.add(r);
            }
        }
        for (ObjectNode r : rows) {
            ArrayNode cells = (ArrayNode) r.get("table_row").get("cells");
            while (cells.size() < width) {
                cells.addArray();
            }
        }
        ObjectNode table = Blocks.block("table");
        ObjectNode body = (ObjectNode) table.get("table");
        body.put("table_width", Math.max(1, width));
        body.put("has_column_header", true);
        body.put("has_row_header", false);
        Blocks.setChildren(table, rows);
        return table;
    }

    /**
     * A table cell's rich text. A cell cannot continue in another block, so when its formatting needs more than 100
     * items the formatting of the tail is dropped, never its text.
     */
    static List<ObjectNode> cellObjects(List<Span> spans) {
        for (int styled = spans.size(); ; styled--) {
            List<Span> kept = new ArrayList<>(spans.subList(0, styled));
            StringBuilder rest = new StringBuilder();
            spans.subList(styled, spans.size()).forEach(sp -> rest.append(sp.text()));
            kept.add(Span.plain(rest.toString()));
            List<ObjectNode> objects = RichText.toObjects(kept);
            if (objects.size() <= RichText.MAX_ITEMS || styled == 0) {
                return objects;
            }
        }
    }

    /** The inline content of a node as spans. */
    static List<Span> inlines(Node parent) {
        List<Span> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inline(n, Span.plain(""), out);
        }
        return RichText.merge(out);
    }

    private static void inline(Node n, Span style, List<Span> out) {
        if (n instanceof Text) {
            out.add(style.withText(((Text) n).getLiteral()));
        } else if (n instanceof Code) {
            out.add(new Span(((Code) n).getLiteral(), style.bold(), style.italic(), style.strike(), true,
                    style.link()));
        } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
            out.add(style.withText("\n"));
        } else if (n instanceof Emphasis) {
            children(n, new Span("", style.bold(), true, style.strike(), style.code(), style.link()), out);
        } else if (n instanceof StrongEmphasis) {
            children(n, new Span("", true, style.italic(), style.strike(), style.code(), style.link()), out);
        } else if (n instanceof Strikethrough) {
            children(n, new Span("", style.bold(), style.italic(), true, style.code(), style.link()), out);
        } else if (n instanceof Link) {
            String dest = ((Link) n).getDestination();
            if (isAcceptedUrl(dest)) {
                children(n, new Span("", style.bold(), style.italic(), style.strike(), style.code(), dest), out);
            } else {
                // Notion rejects relative and over-long links: keep them readable as text
                out.add(style.withText("["));
                children(n, style, out);
                out.add(style.withText("](" + dest + ")"));
            }
        } else if (n instanceof Image) {
            Image img = (Image) n;
            StringBuilder alt = new StringBuilder();
            List<Span> inner = new ArrayList<>();
            children(n, Span.plain(""), inner);
            inner.forEach(s -> alt.append(s.text()));
            out.add(style.withText("![" + alt + "](" + img.getDestination() + ")"));
        } else if (n instanceof HtmlInline) {
            out.add(style.withText(((HtmlInline) n).getLiteral()));
        } else if (n instanceof TaskListItemMarker) {
            // the to_do block carries it
        } else {
            children(n, style, out);
        }
    }

    private static void children(Node n, Span style, List<Span> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            inline(c, style, out);
        }
    }

    static boolean isAcceptedUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > RichText.MAX_URL) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:"))
                && !url.contains(" ");
    }

    private static String strip(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
