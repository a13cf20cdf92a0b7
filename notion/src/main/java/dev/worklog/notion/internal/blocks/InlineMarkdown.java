package dev.worklog.notion.internal.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * The markdown of a block's text (its rich text as {@link Span}s), written so that commonmark reads it back as the
 * same spans where it will stand: after a list marker, a heading's hashes, a quote's {@code >} or in a table cell.
 * Text is written as-is and escaped only where it would otherwise read differently; formatting commonmark cannot
 * express is dropped, never the text.
 */
final class InlineMarkdown {
    private InlineMarkdown() {
    }

    /**
     * Markdown for the spans: first written plainly; if commonmark would read that back differently (a literal
     * {@code *} or a line starting with {@code 1.}), written again with those characters escaped.
     *
     * @param prefix what stands before the text on its first line (a list marker, hashes, {@code "> "}), or
     *     {@code null} in a table cell
     * @param continuation what stands before each further line, or {@code null} where there is none (a heading)
     */
    static String render(List<Span> spans, String prefix, String continuation) {
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

    /** The longest run of backticks in the text: a fence or code span needs one more. */
    static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String codeSpan(String text) {
        String ticks = "`".repeat(longestBacktickRun(text) + 1);
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
