package dev.worklog.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four STAR sections of a context, parsed from {@code ### Situation}, {@code ### Task}, {@code ### Action} and
 * {@code ### Result} headings (any heading level, any case). Missing sections are empty strings. The check only
 * ever warns: a context without STAR structure is still stored.
 *
 * @param situation text under Situation
 * @param task text under Task
 * @param action text under Action, list items included
 * @param result text under Result
 * @param preamble text before the first STAR heading
 */
public record StarSections(String situation, String task, String action, String result, String preamble) {
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern NUMBER = Pattern.compile("\\d");

    /** Splits a markdown context into its STAR sections. */
    public static StarSections parse(String markdown) {
        StringBuilder[] parts = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder(),
            new StringBuilder()};
        int current = 4;
        for (String line : (markdown == null ? "" : markdown).split("\\R", -1)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                int section = sectionOf(m.group(1));
                if (section >= 0) {
                    current = section;
                    continue;
                }
            }
            parts[current].append(line).append('\n');
        }
        return new StarSections(parts[0].toString().strip(), parts[1].toString().strip(), parts[2].toString().strip(),
                parts[3].toString().strip(), parts[4].toString().strip());
    }

    /** The warnings for this context: each missing section, and a Result without any number. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        missing(warnings, "Situation", situation);
        missing(warnings, "Task", task);
        missing(warnings, "Action", action);
        missing(warnings, "Result", result);
        if (!result.isEmpty() && !NUMBER.matcher(result).find()) {
            warnings.add("STAR: the Result section has no number; a measurable result (%, ms, count) makes a stronger record");
        }
        return warnings;
    }

    /** Whether all four sections are present. */
    public boolean isComplete() {
        return !situation.isEmpty() && !task.isEmpty() && !action.isEmpty() && !result.isEmpty();
    }

    /** The section's text if present. */
    public Optional<String> section(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "situation": return nonEmpty(situation);
            case "task": return nonEmpty(task);
            case "action": return nonEmpty(action);
            case "result": return nonEmpty(result);
            default: return Optional.empty();
        }
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static void missing(List<String> warnings, String name, String text) {
        if (text.isEmpty()) {
            warnings.add("STAR: the '### " + name + "' section is missing or empty");
        }
    }

    private static int sectionOf(String heading) {
        String h = heading.strip().toLowerCase(Locale.ROOT).replaceAll("[*_:()]", "").strip();
        // Korean headings written by users of the original are accepted too
        if (h.startsWith("situation") || h.startsWith("상황")) {
            return 0;
        }
        if (h.startsWith("task") || h.startsWith("과제")) {
            return 1;
        }
        if (h.startsWith("action") || h.startsWith("행동")) {
            return 2;
        }
        if (h.startsWith("result") || h.startsWith("결과")) {
            return 3;
        }
        return -1;
    }
}
