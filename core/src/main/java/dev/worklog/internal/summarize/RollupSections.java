package dev.worklog.internal.summarize;

import dev.worklog.model.Achievement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a roll-up's markdown ({@link RollupMarkdown} is the page): achievements under numbered headings with
 * their STAR sections and inline lists, bullet lists, sections by heading, and the escapes that keep text from
 * reading as layout and list separators from moving when a store re-spells the markdown.
 */
public final class RollupSections {
    /** Put before a text line that would otherwise read as layout; invisible, and kept by every spelling. */
    static final char ESCAPE = '\u200B';

    private static final Pattern ACHIEVEMENT_HEADING = Pattern.compile("^###\\s+(?:\\d+\\.\\s+)?(.+?)\\s*$");
    private static final Pattern LABEL = Pattern.compile("^\\*\\*(Situation|Task|Action|Result)\\*\\*\\s*$");
    private static final Pattern INLINE_LABEL = Pattern.compile("^\\*\\*(Tech stack|Metrics|Sources)\\*\\*:\\s*(.*)$");
    /** Lines a text must not start with: headings, anything like a label, setext underlines and dividers. */
    private static final Pattern LAYOUT_LIKE = Pattern.compile(
            "^\\s{0,3}#.*|^\\s*(\\*\\*|__)\\s*(Situation|Task|Action|Result|Tech stack|Metrics|Sources)(?![A-Za-z]).*"
                    + "|^\\s{0,3}(=+|-+|\\*+|_+)\\s*$|^[\\\\" + ESCAPE + "].*");
    private static final String METRIC_SEPARATOR = " | ";

    private RollupSections() {
    }

    /** Renders achievements under numbered {@code ###} headings. */
    public static String achievements(List<Achievement> achievements) {
        StringBuilder md = new StringBuilder();
        int n = 1;
        for (Achievement a : achievements) {
            md.append("### ").append(n++).append(". ").append(oneLine(a.title())).append("\n\n");
            section(md, "Situation", a.situation());
            section(md, "Task", a.task());
            section(md, "Action", a.action());
            section(md, "Result", a.result());
            md.append("**Tech stack**: ").append(value(joinEscaped(a.techStack(), ',', ", "))).append("\n\n");
            md.append("**Metrics**: ").append(value(joinEscaped(a.metrics(), '|', METRIC_SEPARATOR))).append("\n\n");
            md.append("**Sources**: ").append(value(joinEscaped(a.sourceIds(), ',', ", "))).append("\n\n");
        }
        return md.toString().strip() + "\n";
    }

    /** A bullet list, one item per entry; a multi-line item continues on lines indented by two spaces. */
    public static String bullets(List<String> items) {
        StringBuilder md = new StringBuilder();
        for (String item : items) {
            String[] lines = item.strip().split("\\R", -1);
            md.append("- ").append(lines[0].strip()).append('\n');
            for (int i = 1; i < lines.length; i++) {
                md.append("  ").append(lines[i].stripTrailing()).append('\n');
            }
        }
        return md.toString();
    }

    /**
     * Parses what {@link #achievements(List)} rendered.
     *
     * @throws IllegalArgumentException when an achievement lacks a part
     */
    public static List<Achievement> parseAchievements(String markdown) {
        List<Achievement> out = new ArrayList<>();
        String title = null;
        String current = null;
        String[] star = new String[4];
        StringBuilder text = new StringBuilder();
        List<String> tech = List.of();
        List<String> metrics = List.of();
        List<String> sources = List.of();
        for (String line : (markdown + "\n### end").split("\\R", -1)) {
            Matcher heading = ACHIEVEMENT_HEADING.matcher(line);
            Matcher label = LABEL.matcher(line.strip());
            Matcher inline = INLINE_LABEL.matcher(line.strip());
            if (heading.matches() || label.matches() || inline.matches()) {
                if (current != null) {
                    star[indexOf(current)] = text.toString().strip();
                    current = null;
                }
                text.setLength(0);
            }
            if (heading.matches()) {
                if (title != null) {
                    out.add(new Achievement(title, nonNull(star[0]), nonNull(star[1]), nonNull(star[2]),
                            nonNull(star[3]), tech, metrics, sources));
                }
                title = heading.group(1);
                star = new String[4];
                tech = List.of();
                metrics = List.of();
                sources = List.of();
            } else if (label.matches()) {
                current = label.group(1);
            } else if (inline.matches()) {
                String value = unescapeMarkdown(inline.group(2).strip());
                switch (inline.group(1)) {
                    case "Tech stack":
                        tech = splitEscaped(value, ',');
                        break;
                    case "Metrics":
                        metrics = splitEscaped(value, '|');
                        break;
                    default:
                        sources = splitEscaped(value, ',');
                }
            } else if (current != null) {
                text.append(unescapeLine(line)).append('\n');
            }
        }
        return out;
    }

    /** Parses a bullet list rendered by {@link #bullets(List)}. */
    public static List<String> parseBullets(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder item = null;
        for (String line : markdown.split("\\R")) {
            String s = line.strip();
            if (line.startsWith("- ") || line.startsWith("* ") || s.equals("-") || s.equals("*")) {
                if (item != null) {
                    out.add(item.toString().strip());
                }
                item = new StringBuilder(s.substring(1).strip());
            } else if (item != null && line.startsWith("  ")) {
                item.append('\n').append(line.substring(2).stripTrailing());
            } else if (item != null && !s.isEmpty()) {
                out.add(item.toString().strip());
                item = null;
            }
        }
        if (item != null) {
            out.add(item.toString().strip());
        }
        return out;
    }

    /**
     * Splits a document into its {@code ## } sections, keyed by heading text (case kept); text before the first
     * heading is under the empty key, and everything after a {@value #PAGE_TEXT} heading is that section's.
     */
    public static Map<String, String> sections(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = "";
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\\R", -1)) {
            if (line.startsWith("## ") && !key.equals(RollupMarkdown.PAGE_TEXT)) {
                out.put(key, text.toString().strip());
                key = line.substring(3).strip();
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        out.put(key, text.toString().strip());
        return out;
    }

    /** A label on its own line, a blank line, then the text: the text stands as a block of its own. */
    private static void section(StringBuilder md, String label, String text) {
        md.append("**").append(label).append("**\n\n").append(escapeLines(text.strip())).append("\n\n");
    }

    /** Every line of STAR text that would read as the layout (see the class comment) gets {@link #ESCAPE} first. */
    private static String escapeLines(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (LAYOUT_LIKE.matcher(lines[i]).matches()) {
                out.append(ESCAPE);
            }
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Undoes {@link #escapeLines}; a leading backslash before {@code #}, {@code **} or {@code \} is the escape of
     * bodies written before the zero-width space. */
    private static String unescapeLine(String line) {
        if (!line.isEmpty() && line.charAt(0) == ESCAPE) {
            return line.substring(1);
        }
        if (line.startsWith("\\#") || line.startsWith("\\**") || line.startsWith("\\\\")) {
            return line.substring(1);
        }
        return line;
    }

    /** A plain value as markdown: every backslash doubled, so the markdown's text is the value itself. */
    static String value(String plain) {
        return plain.replace("\\", "\\\\");
    }

    /** The text of a markdown value: a backslash before ASCII punctuation is an escape, as in markdown. */
    static String unescapeMarkdown(String markdown) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                c = markdown.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    private static String joinEscaped(List<String> items, char separator, String joiner) {
        List<String> escaped = new ArrayList<>();
        for (String item : items) {
            String one = oneLine(item);
            StringBuilder e = new StringBuilder();
            for (char c : one.toCharArray()) {
                if (c == '\\' || c == separator) {
                    e.append('\\');
                }
                e.append(c);
            }
            escaped.add(e.toString());
        }
        return String.join(joiner, escaped);
    }

    /** Splits at unescaped separators, drops blank parts, and removes the escapes. */
    private static List<String> splitEscaped(String value, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()
                    && (value.charAt(i + 1) == '\\' || value.charAt(i + 1) == separator)) {
                part.append(value.charAt(++i));
            } else if (c == separator) {
                addPart(out, part);
            } else {
                part.append(c);
            }
        }
        addPart(out, part);
        return out;
    }

    private static void addPart(List<String> out, StringBuilder part) {
        if (!part.toString().isBlank()) {
            out.add(part.toString().strip());
        }
        part.setLength(0);
    }

    private static int indexOf(String label) {
        switch (label.toLowerCase(Locale.ROOT)) {
            case "situation": return 0;
            case "task": return 1;
            case "action": return 2;
            default: return 3;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
