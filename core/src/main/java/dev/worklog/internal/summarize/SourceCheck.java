package dev.worklog.internal.summarize;

import dev.worklog.model.Achievement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags numbers in a generated achievement that none of its cited sources contains, and numbers in a key highlight
 * or a career-brief bullet that none of the roll-up's sources contains: a resume must not carry an invented figure. Numbers are compared by value, so {@code 1,200} matches {@code 1200} and {@code 40%} matches
 * {@code 40 %}.
 */
public final class SourceCheck {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");
    /** A redaction placeholder left in a reply ({@code [HOST_9]}): its number is not a figure; it is warned about. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z][A-Z0-9]*_\\d+]");

    private SourceCheck() {
    }

    /**
     * One warning per achievement whose text holds numbers absent from its sources.
     *
     * @param sourceText the searchable text of each source, by id
     */
    public static List<String> warnings(List<Achievement> achievements, Map<String, String> sourceText) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < achievements.size(); i++) {
            Achievement a = achievements.get(i);
            StringBuilder cited = new StringBuilder();
            for (String id : a.sourceIds()) {
                cited.append(sourceText.getOrDefault(id, "")).append('\n');
            }
            Set<String> known = numbers(cited.toString());
            Set<String> missing = new LinkedHashSet<>();
            String generated = String.join("\n", a.title(), a.situation(), a.task(), a.action(), a.result(),
                    String.join("\n", a.metrics()));
            for (String n : numbers(generated)) {
                if (!known.contains(n)) {
                    missing.add(n);
                }
            }
            if (!missing.isEmpty()) {
                warnings.add("achievement " + (i + 1) + " ('" + a.title() + "') states " + String.join(", ", missing)
                        + (missing.size() == 1 ? ", which does not appear" : ", which do not appear")
                        + " in its cited sources (" + String.join(", ", a.sourceIds()) + "); check before using it");
            }
        }
        return warnings;
    }

    /**
     * One warning per line (a key highlight, a career-brief bullet) holding numbers that none of the sources
     * contains: such lines cite no source, so every source of the roll-up counts.
     *
     * @param what how the warning names a line, e.g. {@code key highlight}
     * @param known text that may hold the numbers too (the period, the statistics)
     */
    public static List<String> lineWarnings(List<String> lines, String what, Map<String, String> sourceText,
            String known) {
        Set<String> numbers = numbers(String.join("\n", sourceText.values()) + "\n" + known);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Set<String> missing = new LinkedHashSet<>(numbers(lines.get(i)));
            missing.removeAll(numbers);
            if (!missing.isEmpty()) {
                warnings.add(what + " " + (i + 1) + " ('" + lines.get(i) + "') states " + String.join(", ", missing)
                        + (missing.size() == 1 ? ", which does not appear" : ", which do not appear")
                        + " in any of its sources; check before using it");
            }
        }
        return warnings;
    }

    /** Every number in the text, normalised (no thousands separators, no trailing zeros). */
    public static Set<String> numbers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text.indexOf('[') < 0 ? text : PLACEHOLDER.matcher(text).replaceAll(" "));
        while (m.find()) {
            try {
                out.add(new BigDecimal(m.group().replace(",", "")).stripTrailingZeros().toPlainString());
            } catch (NumberFormatException ignored) {
                // the pattern only matches digits; nothing to do
            }
        }
        return out;
    }
}
