package dev.worklog.notion.internal.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What markdown written to Notion reads back as: {@code read(write(x)) == normalize(x)}. Notion's blocks hold the
 * structure and the text but not the spelling, so reading chooses one spelling; this names every choice for the
 * markdown we write (the generated documents of {@link GeneratedRoundTripTest}). Outside fenced code, which is
 * kept as it is:
 * <ol>
 * <li>line ends become {@code \n}; blank lines at the start and end go;</li>
 * <li>spaces and tabs at the end of a line go (markdown drops them; two of them, a hard break, read as a plain
 * line break), and so does the indentation of a heading, quote or divider line;</li>
 * <li>headings of level 4 to 6 become level 3 (Notion has three);</li>
 * <li>between two blocks stands one blank line, however many there were, except that a list item directly follows
 * a paragraph or another list item on the next line (items of one list, a list after the paragraph that introduces
 * it, a bulleted list after a numbered one).</li>
 * </ol>
 * Idempotent: each rule's output is a fixed point of every rule.
 */
final class Normalize {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*");
    private static final Pattern LIST = Pattern.compile("^\\s*(-|\\d+\\.)( .*)?$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}( .*)?$");
    private static final Pattern DEEP_HEADING = Pattern.compile("^#{4,6}( |$)");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}>.*");
    private static final Pattern DIVIDER = Pattern.compile("^ {0,3}---\\s*$");
    private static final Pattern TABLE = Pattern.compile("^\\|.*");

    private enum Kind { TEXT, LIST, HEADING, QUOTE, DIVIDER, TABLE, FENCE_OPEN, FENCE_CLOSE, CODE }

    private Normalize() {
    }

    static String normalize(String markdown) {
        List<String> out = new ArrayList<>();
        Kind previous = null;
        int blanks = 0;
        String fence = null;
        for (String raw : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            Kind kind;
            String line = raw;
            if (fence != null) {
                boolean closes = raw.strip().startsWith(fence) && raw.strip().replace(fence.substring(0, 1), "").isEmpty();
                kind = closes ? Kind.FENCE_CLOSE : Kind.CODE;
                if (closes) {
                    fence = null;
                }
            } else if (raw.isBlank()) {
                blanks++;
                continue;
            } else {
                line = raw.stripTrailing();
                kind = kind(line);
                if (kind == Kind.FENCE_OPEN) {
                    String marks = line.strip();
                    fence = marks.substring(0, marks.length() - marks.replaceFirst("^[`~]+", "").length());
                }
                if (kind == Kind.HEADING || kind == Kind.QUOTE || kind == Kind.DIVIDER) {
                    line = line.stripLeading();
                }
                if (kind == Kind.HEADING) {
                    line = DEEP_HEADING.matcher(line).replaceFirst("###$1");
                }
            }
            if (previous != null && kind != Kind.CODE && kind != Kind.FENCE_CLOSE
                    && (blanks > 0 || newBlock(previous, kind))) {
                boolean tight = kind == Kind.LIST && (previous == Kind.TEXT || previous == Kind.LIST);
                if (!tight) {
                    out.add("");
                }
            } else if (previous != null && (kind == Kind.CODE || kind == Kind.FENCE_CLOSE)) {
                for (int i = 0; i < blanks; i++) {
                    out.add("");
                }
            }
            blanks = 0;
            out.add(line);
            previous = kind == Kind.FENCE_OPEN ? Kind.FENCE_OPEN : kind;
        }
        return String.join("\n", out).strip();
    }

    /** Whether a line starts a new block even without a blank line before it. */
    private static boolean newBlock(Kind previous, Kind next) {
        if (previous == Kind.HEADING || previous == Kind.DIVIDER || previous == Kind.FENCE_CLOSE) {
            return true;
        }
        if (next == Kind.HEADING || next == Kind.DIVIDER || next == Kind.FENCE_OPEN || next == Kind.LIST) {
            return true;
        }
        boolean boxed = previous == Kind.QUOTE || previous == Kind.TABLE || next == Kind.QUOTE || next == Kind.TABLE;
        return boxed && previous != next;
    }

    private static Kind kind(String line) {
        if (FENCE.matcher(line).matches()) {
            return Kind.FENCE_OPEN;
        }
        if (HEADING.matcher(line).matches()) {
            return Kind.HEADING;
        }
        if (DIVIDER.matcher(line).matches()) {
            return Kind.DIVIDER;
        }
        if (QUOTE.matcher(line).matches()) {
            return Kind.QUOTE;
        }
        if (TABLE.matcher(line).matches()) {
            return Kind.TABLE;
        }
        if (LIST.matcher(line).matches()) {
            return Kind.LIST;
        }
        return Kind.TEXT;
    }
}
