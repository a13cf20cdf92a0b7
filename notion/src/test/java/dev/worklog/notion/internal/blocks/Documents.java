package dev.worklog.notion.internal.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of markdown documents in the shape worklog writes and people type: headings 1 to 6, paragraphs
 * (short, over 2000 characters, more than 100 inline pieces, several lines), bold, italic, code, links and
 * strikethrough spans of any length (so they cross the 2000-character and 100-item split points), nested bulleted,
 * numbered and to-do lists of mixed kinds up to depth 4, fenced code over 2000 characters, tables, quotes,
 * dividers; Korean, emoji and other surrogate pairs; trailing spaces, indented headings and any number of blank
 * lines between any two blocks (a single line break where markdown allows it).
 */
final class Documents {
    private static final String[] WORDS = {"검색", "API", "p99", "120ms", "개선", "cache", "key", "(test)", "40%", "->",
        "a,b", "캐시", "지연이", "줄었다", "🚀", "👍🏽", "𝒳", "x_y", "2026-11-24", "배포", "Redis", "v1.2", "=", "+1",
        "한국어", "문장", "𠀀", "€", "test:", "ok.", "done;", "'quoted'", "\"q\"", "{json}", "a/b", "$5", "@me"};
    private static final String[] LANGUAGES = {"", "java", "python", "sql", "javascript", "cpp", "yaml", "bash"};

    private final Random random;
    private boolean indentable = true;

    Documents(long seed) {
        this.random = new Random(seed);
    }

    /** The kinds of top-level block. */
    enum Kind { HEADING, PARAGRAPH, LIST, CODE, TABLE, QUOTE, DIVIDER }

    /** One generated document. */
    String document() {
        StringBuilder sb = new StringBuilder();
        Kind previous = null;
        int blocks = 1 + random.nextInt(random.nextInt(10) == 0 ? 20 : 7);
        for (int i = 0; i < blocks; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            if (kind == Kind.LIST && previous == Kind.LIST || kind == Kind.QUOTE && previous == Kind.QUOTE) {
                // two lists in a row are one list, two quotes one quote: keep them apart
                kind = Kind.PARAGRAPH;
            }
            if (previous != null) {
                sb.append(separator(previous, kind));
            }
            // an indented line after a list (or a quote holding one) would belong to its last item
            indentable = previous != Kind.LIST && previous != Kind.QUOTE;
            sb.append(block(kind));
            previous = kind;
        }
        return sb.toString();
    }

    /** Blank lines, or one line break where markdown reads the next line as a new block of the same kinds. */
    private String separator(Kind previous, Kind next) {
        boolean single = switch (next) {
            case LIST -> previous != Kind.TABLE;
            case HEADING, CODE -> previous != Kind.TABLE;
            case QUOTE -> previous != Kind.TABLE && previous != Kind.QUOTE;
            case DIVIDER -> previous == Kind.HEADING || previous == Kind.CODE || previous == Kind.DIVIDER;
            case PARAGRAPH -> previous == Kind.HEADING || previous == Kind.CODE || previous == Kind.DIVIDER;
            case TABLE -> false;
        };
        int r = random.nextInt(6);
        if (single && r < 2) {
            return "\n";
        }
        return r == 5 ? "\n\n\n\n" : r == 4 ? "\n\n\n" : "\n\n";
    }

    String block(Kind kind) {
        switch (kind) {
            case HEADING:
                return indent() + "#".repeat(1 + random.nextInt(6)) + " " + inline(1 + random.nextInt(6), false)
                        + trailingSpaces();
            case PARAGRAPH:
                return paragraph();
            case LIST:
                return list(0, "", false);
            case CODE:
                return code();
            case TABLE:
                return table();
            case QUOTE: {
                String text = inline(1 + random.nextInt(8), false);
                StringBuilder sb = new StringBuilder(indent()).append("> ").append(text);
                if (random.nextInt(3) == 0) {
                    sb.append("\n> ").append(inline(1 + random.nextInt(4), false));
                }
                if (random.nextInt(3) == 0) {
                    // children of the quote, in the one spelling reading gives them
                    for (String line : list(0, "", true).split("\n", -1)) {
                        sb.append("\n> ").append(line.stripTrailing());
                    }
                }
                return sb.toString();
            }
            default:
                return indent() + "---";
        }
    }

    private String indent() {
        return indentable && random.nextInt(5) == 0 ? " ".repeat(1 + random.nextInt(3)) : "";
    }

    private String trailingSpaces() {
        return random.nextInt(5) == 0 ? " ".repeat(1 + random.nextInt(3)) : "";
    }

    /** A paragraph: one to three lines, sometimes very long or made of more than 100 inline pieces. */
    String paragraph() {
        int shape = random.nextInt(20);
        if (shape == 0) {
            return inline(101 + random.nextInt(120), true);
        }
        if (shape == 1) {
            return longRun();
        }
        StringBuilder sb = new StringBuilder(inline(1 + random.nextInt(12), true));
        int lines = random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            // a line break inside the paragraph; two trailing spaces make it a hard break, which reads the same
            sb.append(random.nextInt(4) == 0 ? "  \n" : trailingSpaces() + "\n").append(inline(1 + random.nextInt(6), true));
        }
        return sb.toString() + trailingSpaces();
    }

    /** Text over 2000 characters, formatted or not, with formatted spans that cross the split points. */
    private String longRun() {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String text = words(340 + random.nextInt(200));
            switch (random.nextInt(6)) {
                case 0:
                    sb.append("**").append(text).append("**");
                    break;
                case 1:
                    sb.append('*').append(text).append('*');
                    break;
                case 2:
                    sb.append('`').append(text.replace('`', '\'')).append('`');
                    break;
                case 3:
                    sb.append('[').append(text).append("](https://example.com/long/").append(i).append(')');
                    break;
                case 4:
                    sb.append("~~").append(text).append("~~");
                    break;
                default:
                    sb.append(text);
            }
        }
        return sb.toString();
    }

    /** {@code pieces} inline pieces: words and formatted spans, separated by spaces (or not, for words). */
    String inline(int pieces, boolean allowLong) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (i > 0) {
                sb.append(random.nextInt(12) == 0 ? "  " : " ");
            }
            int r = random.nextInt(14);
            String w = words(1 + random.nextInt(allowLong && random.nextInt(60) == 0 ? 400 : 3));
            switch (r) {
                case 0:
                    sb.append("**").append(w).append("**");
                    break;
                case 1:
                    sb.append('*').append(w).append('*');
                    break;
                case 2:
                    sb.append('`').append(w).append('`');
                    break;
                case 3:
                    sb.append('[').append(w).append("](https://example.com/p/").append(random.nextInt(50)).append(')');
                    break;
                case 4:
                    sb.append("~~").append(w).append("~~");
                    break;
                case 5:
                    sb.append("***").append(w).append("***");
                    break;
                case 6:
                    sb.append("[**").append(w).append("**](https://example.com/b)");
                    break;
                case 7:
                    if (Character.isLetterOrDigit(w.codePointBefore(w.length()))) {
                        // bold running straight into the next word: "**a**b"
                        sb.append("**").append(w).append("**").append(words(1));
                    } else {
                        sb.append(w);
                    }
                    break;
                default:
                    sb.append(w);
            }
        }
        return sb.toString();
    }

    private String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String w = WORDS[random.nextInt(WORDS.length)];
            // a word may not look like markdown at the start of a line or next to a delimiter
            sb.append(i == 0 && (w.equals("->") || w.equals("=") || w.equals("+1")) ? "검색" : w);
        }
        return sb.toString();
    }

    /**
     * A list at {@code depth} (0 to 3, so items reach depth 4), items of mixed kinds; {@code tight} lists have no
     * blank lines.
     */
    String list(int depth, String pad, boolean tight) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + random.nextInt(depth == 0 ? 5 : 3);
        String previousKind = null;
        int number = 0;
        for (int i = 0; i < items; i++) {
            String kind = new String[] {"-", "1.", "[ ]", "[x]"}[random.nextInt(4)];
            if (i > 0) {
                // between items: a line break, or blank lines (a loose list, or two lists of different kinds)
                sb.append(!tight && random.nextInt(4) == 0 ? "\n\n" : "\n");
            }
            String marker;
            int width;
            if (kind.equals("1.")) {
                number = "1.".equals(previousKind) ? number + 1 : 1;
                marker = number + ". ";
                width = marker.length();
            } else {
                marker = kind.equals("-") ? "- " : "- " + kind + " ";
                width = 2;
            }
            previousKind = kind;
            String text = random.nextInt(20) == 0 ? inline(101 + random.nextInt(40), false)
                    : inline(1 + random.nextInt(5), false);
            String childPad = pad + " ".repeat(width);
            if (random.nextInt(6) == 0) {
                text = text + "\n" + childPad + inline(1 + random.nextInt(3), false);
            }
            sb.append(pad).append(marker).append(text);
            if (depth < 3 && random.nextInt(3) == 0) {
                sb.append(!tight && random.nextInt(4) == 0 ? "\n\n" : "\n").append(list(depth + 1, childPad, tight));
            }
        }
        return sb.toString();
    }

    private String code() {
        String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
        StringBuilder body = new StringBuilder();
        int lines = random.nextInt(12) == 0 ? 60 + random.nextInt(60) : 1 + random.nextInt(6);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                body.append('\n');
            }
            switch (random.nextInt(8)) {
                case 0:
                    break; // a blank line inside the code
                case 1:
                    body.append("    indented * not **markdown** # ").append(words(3)).append("   ");
                    break;
                case 2:
                    body.append("x = \"```\"; // fence inside ").append(words(2));
                    break;
                default:
                    body.append(words(2 + random.nextInt(random.nextInt(5) == 0 ? 40 : 8)));
            }
        }
        String text = body.toString();
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + text + "\n" + fence;
    }

    private String table() {
        int cols = 1 + random.nextInt(4);
        int rows = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r <= rows; r++) {
            if (r > 0) {
                sb.append('\n');
            }
            sb.append('|');
            for (int c = 0; c < cols; c++) {
                String cell = random.nextInt(8) == 0 ? "" : random.nextInt(10) == 0 ? words(1) + " \\| " + words(1)
                        : inline(1 + random.nextInt(3), false);
                sb.append(' ').append(cell.isEmpty() ? "" : cell + " ").append('|');
            }
            if (r == 0) {
                sb.append("\n|").append(" --- |".repeat(cols));
            }
        }
        return sb.toString();
    }

    /** A text as an achievement's STAR part may hold: paragraphs, lists, code, quotes; sometimes very long. */
    String starText() {
        indentable = false;
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        Kind previous = null;
        for (int i = 0; i < n; i++) {
            Kind kind = new Kind[] {Kind.PARAGRAPH, Kind.PARAGRAPH, Kind.LIST, Kind.CODE, Kind.QUOTE, Kind.TABLE}[
                    random.nextInt(6)];
            if (kind == previous && (kind == Kind.LIST || kind == Kind.QUOTE)) {
                kind = Kind.PARAGRAPH;
            }
            parts.add(block(kind));
            previous = kind;
        }
        return String.join("\n\n", parts).strip();
    }

    /** One line of text, sometimes long, as a title, a highlight or a metric. */
    String line(boolean allowLong) {
        return inline(allowLong && random.nextInt(5) == 0 ? 110 + random.nextInt(40) : 1 + random.nextInt(6), false);
    }

    Random random() {
        return random;
    }
}
