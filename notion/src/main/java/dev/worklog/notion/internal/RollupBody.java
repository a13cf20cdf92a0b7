package dev.worklog.notion.internal;

import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page body of a roll-up as markdown a person can read and this class can parse back: the achievements in STAR
 * form, a bullet list (key highlights or the career brief), warnings and how it was generated.
 *
 * <p>A stand-in until core's shared roll-up renderer is available; the repository only depends on
 * {@link #render} and {@link #parse}.
 */
public final class RollupBody {
    /** Heading of the achievements section. */
    public static final String ACHIEVEMENTS = "Achievements";
    /** Heading of the weekly bullets. */
    public static final String KEY_HIGHLIGHTS = "Key Highlights";
    /** Heading of the monthly bullets. */
    public static final String CAREER_BRIEF = "Career Brief";
    private static final String WARNINGS = "Warnings";
    private static final String GENERATION = "Generation";
    private static final Pattern FIELD = Pattern.compile("^- \\*\\*([^*]+):\\*\\*\\s?(.*)$");
    private static final Pattern ACHIEVEMENT = Pattern.compile("^### (?:\\d+\\.\\s+)?(.*)$");

    private RollupBody() {
    }

    /** What a body holds. */
    public record Parsed(List<Achievement> achievements, List<String> bullets, List<String> warnings,
            Generation generation) {
    }

    /** The markdown of a roll-up body. */
    public static String render(List<Achievement> achievements, String bulletsHeading, List<String> bullets,
            List<String> warnings, Generation g) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(ACHIEVEMENTS).append("\n\n");
        int n = 1;
        for (Achievement a : achievements) {
            sb.append("### ").append(n++).append(". ").append(oneLine(a.title())).append("\n\n");
            field(sb, "Situation", a.situation());
            field(sb, "Task", a.task());
            field(sb, "Action", a.action());
            field(sb, "Result", a.result());
            field(sb, "Tech stack", String.join(", ", a.techStack()));
            field(sb, "Metrics", String.join("; ", a.metrics()));
            field(sb, "Sources", String.join(", ", a.sourceIds()));
            sb.append('\n');
        }
        sb.append("## ").append(bulletsHeading).append("\n\n");
        for (String b : bullets) {
            sb.append("- ").append(indent(b)).append('\n');
        }
        if (!warnings.isEmpty()) {
            sb.append("\n## ").append(WARNINGS).append("\n\n");
            for (String w : warnings) {
                sb.append("- ").append(indent(w)).append('\n');
            }
        }
        sb.append("\n## ").append(GENERATION).append("\n\n");
        field(sb, "Provider", g.provider());
        field(sb, "Model", g.model());
        field(sb, "Prompt version", g.promptVersion());
        field(sb, "Input fingerprint", g.inputFingerprint());
        field(sb, "Generated at", g.generatedAt().toString());
        return sb.toString();
    }

    private static void field(StringBuilder sb, String label, String value) {
        sb.append("- **").append(label).append(":**");
        if (!value.isEmpty()) {
            sb.append(' ').append(indent(value));
        }
        sb.append('\n');
    }

    private static String indent(String value) {
        return value.strip().replace("\r\n", "\n").replaceAll("\n\\s*\n", "\n").replace("\n", "\n  ");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * Reads a body back. Lenient with pages a person edited: a missing STAR part reads as "(not recorded)".
     *
     * @param generatedAt used when the body does not say
     */
    public static Parsed parse(String markdown, Instant generatedAt) {
        List<Achievement> achievements = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> generation = new LinkedHashMap<>();
        String section = "";
        String title = null;
        Map<String, String> fields = new LinkedHashMap<>();
        String lastField = null;
        List<String> lastList = null;
        for (String line : Arrays.asList(markdown.split("\n", -1))) {
            if (line.startsWith("## ")) {
                title = flush(title, fields, achievements);
                section = line.substring(3).strip();
                lastField = null;
                lastList = null;
                continue;
            }
            Matcher am = ACHIEVEMENT.matcher(line);
            if (section.equals(ACHIEVEMENTS) && am.matches()) {
                title = flush(title, fields, achievements);
                title = am.group(1).strip();
                lastField = null;
                continue;
            }
            Matcher fm = FIELD.matcher(line);
            if (fm.matches() && (section.equals(ACHIEVEMENTS) || section.equals(GENERATION))) {
                lastField = fm.group(1).strip();
                (section.equals(GENERATION) ? generation : fields).put(lastField, fm.group(2).strip());
                continue;
            }
            if (line.startsWith("  ") && lastField != null) {
                Map<String, String> target = section.equals(GENERATION) ? generation : fields;
                target.put(lastField, target.get(lastField) + "\n" + line.substring(2));
                continue;
            }
            if (line.startsWith("- ") && !section.equals(ACHIEVEMENTS) && !section.equals(GENERATION)) {
                lastList = section.equals(WARNINGS) ? warnings : bullets;
                lastList.add(line.substring(2).strip());
                continue;
            }
            if (line.startsWith("  ") && lastList != null && !lastList.isEmpty()) {
                int i = lastList.size() - 1;
                lastList.set(i, lastList.get(i) + "\n" + line.substring(2));
            }
        }
        flush(title, fields, achievements);
        Instant at = generatedAt;
        try {
            if (generation.containsKey("Generated at")) {
                at = Instant.parse(generation.get("Generated at"));
            }
        } catch (DateTimeParseException ignored) {
            // keep the property's value
        }
        Generation g = new Generation(generation.getOrDefault("Provider", "unknown"),
                generation.getOrDefault("Model", "unknown"), generation.getOrDefault("Prompt version", "unknown"),
                generation.getOrDefault("Input fingerprint", ""), at);
        return new Parsed(achievements, bullets, warnings, g);
    }

    private static String flush(String title, Map<String, String> fields, List<Achievement> out) {
        if (title != null) {
            out.add(new Achievement(title.isBlank() ? "(untitled)" : title, orMissing(fields.get("Situation")),
                    orMissing(fields.get("Task")), orMissing(fields.get("Action")), orMissing(fields.get("Result")),
                    list(fields.get("Tech stack"), ","), list(fields.get("Metrics"), ";"),
                    list(fields.get("Sources"), ",")));
        }
        fields.clear();
        return null;
    }

    private static String orMissing(String s) {
        return s == null || s.isBlank() ? "(not recorded)" : s;
    }

    private static List<String> list(String s, String separator) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String part : s.split(Pattern.quote(separator))) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}
