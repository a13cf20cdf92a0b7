package dev.worklog.summarize;

import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.WeeklyRollup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the body of a stored roll-up as markdown a person can read, and parses it back losslessly. Both stores
 * use it, so a roll-up written by one reads back the same in the other.
 *
 * <p>Layout of an achievements section:
 * <pre>
 * ### 1. Cut search latency
 * **Situation**
 * text...
 * **Task**
 * ...
 * **Action**
 * - step one
 * **Result**
 * ...
 * **Tech stack**: Java, Redis
 * **Metrics**: p99 800 ms to 120 ms | 40 % fewer timeouts
 * **Sources**: id-1, id-2
 * </pre>
 *
 * <p>What survives a round trip: STAR text exactly (a line that would read as structure, such as a {@code ##}
 * heading or a {@code **Task**} label, is written with a leading backslash and restored), list items holding the
 * separator (escaped as {@code \,} and {@code \|}), and multi-line bullets (continued on lines indented by two
 * spaces). What is normalised: line ends become LF, titles and metrics are one line, and every item is trimmed, as
 * the domain records trim them too.
 */
public final class RollupMarkdown {
    /** Heading of the achievements section. */
    public static final String ACHIEVEMENTS = "Achievements";
    /** Heading of the key highlights section. */
    public static final String KEY_HIGHLIGHTS = "Key Highlights";
    /** Heading of the career brief section. */
    public static final String CAREER_BRIEF = "Career Brief";
    /** Heading of the warnings section. */
    public static final String WARNINGS = "Warnings";

    private static final Pattern ACHIEVEMENT_HEADING = Pattern.compile("^###\\s+(?:\\d+\\.\\s+)?(.+?)\\s*$");
    private static final Pattern LABEL = Pattern.compile("^\\*\\*(Situation|Task|Action|Result)\\*\\*\\s*$");
    private static final Pattern INLINE_LABEL = Pattern.compile("^\\*\\*(Tech stack|Metrics|Sources)\\*\\*:\\s*(.*)$");
    private static final String METRIC_SEPARATOR = " | ";

    private RollupMarkdown() {
    }

    /** Heading of the section recording how the roll-up was made. */
    public static final String GENERATION = "Generation";

    /**
     * The parts of a roll-up that live in a stored page's body.
     *
     * @param highlights key highlights (weekly), empty for a month
     * @param achievements the achievements
     * @param careerBrief the career brief (monthly), empty for a week
     * @param warnings the warnings recorded with the roll-up
     * @param generation how it was made
     */
    public record Body(List<String> highlights, List<Achievement> achievements, List<String> careerBrief,
            List<String> warnings, Generation generation) {
        public Body {
            highlights = List.copyOf(highlights);
            achievements = List.copyOf(achievements);
            careerBrief = List.copyOf(careerBrief);
            warnings = List.copyOf(warnings);
            java.util.Objects.requireNonNull(generation, "generation");
        }
    }

    /** The page body of a weekly roll-up. */
    public static String weeklyBody(WeeklyRollup rollup) {
        return document(rollup.keyHighlights(), rollup.achievements(), List.of(), rollup.warnings(),
                rollup.generation(), null);
    }

    /** The page body of a monthly roll-up, statistics included for the reader. */
    public static String monthlyBody(MonthlyRollup rollup) {
        return document(List.of(), rollup.achievements(), rollup.careerBrief(), rollup.warnings(),
                rollup.generation(), rollup.stats().describe());
    }

    /** Parses a body rendered by {@link #weeklyBody} or {@link #monthlyBody}. */
    public static Body parseBody(String markdown) {
        java.util.Map<String, String> parts = sections(markdown);
        return new Body(parseBullets(parts.getOrDefault(KEY_HIGHLIGHTS, "")),
                parseAchievements(parts.getOrDefault(ACHIEVEMENTS, "")),
                parseBullets(parts.getOrDefault(CAREER_BRIEF, "")),
                parseBullets(parts.getOrDefault(WARNINGS, "")),
                parseGeneration(parts.getOrDefault(GENERATION, "")));
    }

    /** Whether a provider name means the roll-up was made without a language model. */
    public static boolean isOffline(String provider) {
        return OfflineSummarizer.NAME.equals(provider);
    }

    private static String document(List<String> highlights, List<Achievement> achievements, List<String> brief,
            List<String> warnings, Generation generation, String stats) {
        StringBuilder md = new StringBuilder();
        if (isOffline(generation.provider())) {
            md.append("> ").append(OfflineSummarizer.NOTICE).append("\n\n");
        }
        if (!brief.isEmpty()) {
            md.append("## ").append(CAREER_BRIEF).append("\n\n").append(bullets(brief)).append('\n');
        }
        if (!highlights.isEmpty()) {
            md.append("## ").append(KEY_HIGHLIGHTS).append("\n\n").append(bullets(highlights)).append('\n');
        }
        md.append("## ").append(ACHIEVEMENTS).append("\n\n").append(achievements(achievements)).append('\n');
        if (stats != null) {
            md.append("## Statistics\n\n").append(stats).append("\n\n");
        }
        if (!warnings.isEmpty()) {
            md.append("## ").append(WARNINGS).append("\n\n").append(bullets(warnings)).append('\n');
        }
        md.append("## ").append(GENERATION).append("\n\n")
                .append("- provider: ").append(generation.provider()).append('\n')
                .append("- model: ").append(generation.model()).append('\n')
                .append("- prompt version: ").append(generation.promptVersion()).append('\n')
                .append("- input fingerprint: ").append(generation.inputFingerprint()).append('\n')
                .append("- generated at: ").append(generation.generatedAt()).append('\n');
        return md.toString();
    }

    private static Generation parseGeneration(String section) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String item : parseBullets(section)) {
            int colon = item.indexOf(": ");
            if (colon > 0) {
                fields.put(item.substring(0, colon).strip(), item.substring(colon + 2).strip());
            }
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(fields.getOrDefault("generated at", ""));
        } catch (java.time.format.DateTimeParseException e) {
            at = java.time.Instant.EPOCH;
        }
        return new Generation(fields.getOrDefault("provider", "unknown"), fields.getOrDefault("model", "unknown"),
                fields.getOrDefault("prompt version", "unknown"), fields.getOrDefault("input fingerprint", ""), at);
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
            md.append("**Tech stack**: ").append(joinEscaped(a.techStack(), ',', ", ")).append("\n\n");
            md.append("**Metrics**: ").append(joinEscaped(a.metrics(), '|', METRIC_SEPARATOR)).append("\n\n");
            md.append("**Sources**: ").append(joinEscaped(a.sourceIds(), ',', ", ")).append("\n\n");
        }
        return md.toString().strip() + "\n";
    }

    /** A bullet list, one line per item. */
    public static String bullets(List<String> items) {
        StringBuilder md = new StringBuilder();
        for (String item : items) {
            // a multi-line item continues on indented lines, as markdown list items do
            String[] lines = item.strip().split("\\R", -1);
            md.append("- ").append(lines[0].strip()).append('\n');
            for (int i = 1; i < lines.length; i++) {
                md.append("  ").append(stripTrailing(lines[i])).append('\n');
            }
        }
        return md.toString();
    }

    /** Parses what {@link #achievements(List)} rendered. */
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
                String value = inline.group(2).strip();
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
                item.append('\n').append(stripTrailing(line.substring(2)));
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
     * heading is under the empty key.
     */
    public static java.util.Map<String, String> sections(String markdown) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        String key = "";
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\\R", -1)) {
            if (line.startsWith("## ")) {
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

    private static void section(StringBuilder md, String label, String text) {
        md.append("**").append(label).append("**\n").append(escapeLines(text.strip())).append("\n\n");
    }

    /**
     * Escapes every line of STAR text that the parser would take for structure (a {@code #} heading, a
     * {@code **Label**}) by a leading backslash, and lines already starting with one, so unescaping is exact.
     * Markdown renders the backslash-escaped line as the literal text, so the file still reads right.
     */
    private static String escapeLines(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String s = line.strip();
            if (s.startsWith("#") || s.startsWith("**") || line.startsWith("\\")) {
                out.append('\\');
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String unescapeLine(String line) {
        return line.startsWith("\\") ? line.substring(1) : line;
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

    private static String stripTrailing(String s) {
        return s.stripTrailing();
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
