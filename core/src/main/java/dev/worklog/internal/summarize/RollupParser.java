package dev.worklog.internal.summarize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.model.Achievement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a model's reply into roll-up parts and lists everything wrong with it, so that one repair request can ask
 * for all fixes at once. Review packets parse their achievements with {@link #achievement} too.
 */
public final class RollupParser {

    /** What came out of a reply: the parts, or the problems (never both empty). */
    record Parsed(List<Achievement> achievements, List<String> bullets, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private RollupParser() {
    }

    /**
     * Parses a reply.
     *
     * @param bulletsField {@code key_highlights} or {@code career_brief}
     * @param allowedIds the ids the achievements may cite
     */
    static Parsed parse(String reply, String bulletsField, int minAchievements, int maxAchievements, int minBullets,
            int maxBullets, Set<String> allowedIds) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(extractJson(reply));
        } catch (JsonProcessingException | RuntimeException e) {
            problems.add("the reply is not valid JSON (" + firstLine(e.getMessage()) + ")");
            return new Parsed(List.of(), List.of(), problems);
        }
        if (root == null || !root.isObject()) {
            problems.add("the reply must be one JSON object with \"achievements\" and \"" + bulletsField + "\"");
            return new Parsed(List.of(), List.of(), problems);
        }
        List<Achievement> achievements = new ArrayList<>();
        JsonNode items = root.path("achievements");
        if (!items.isArray()) {
            problems.add("\"achievements\" must be an array");
        } else {
            if (items.size() < minAchievements || items.size() > maxAchievements) {
                problems.add("\"achievements\" must have " + range(minAchievements, maxAchievements) + " items, got "
                        + items.size());
            }
            for (int i = 0; i < items.size(); i++) {
                Achievement a = achievement(items.get(i), i, allowedIds, problems);
                if (a != null) {
                    achievements.add(a);
                }
            }
        }
        List<String> bullets = strings(root.path(bulletsField), "\"" + bulletsField + "\"", problems, false);
        bullets.removeIf(String::isBlank);
        if (root.path(bulletsField).isArray() && (bullets.size() < minBullets || bullets.size() > maxBullets)) {
            problems.add("\"" + bulletsField + "\" must have " + range(minBullets, maxBullets)
                    + " non-empty items, got " + bullets.size());
        }
        return new Parsed(achievements, bullets, problems);
    }

    /**
     * One achievement of a reply, or {@code null} with its problems added.
     *
     * @param allowedIds the ids it may cite
     */
    public static Achievement achievement(JsonNode node, int index, Set<String> allowedIds, List<String> problems) {
        String where = "achievements[" + index + "]";
        if (!node.isObject()) {
            problems.add(where + " must be an object");
            return null;
        }
        int before = problems.size();
        String title = text(node, "title", where, problems);
        String situation = text(node, "situation", where, problems);
        String task = text(node, "task", where, problems);
        String action = text(node, "action", where, problems);
        String result = text(node, "result", where, problems);
        List<String> tech = new ArrayList<>();
        for (String t : strings(node.path("tech_stack"), where + ".tech_stack", problems, true)) {
            // a comma would split the item when the body is read back, and Notion rejects commas in options
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    tech.add(part.strip());
                }
            }
        }
        List<String> metrics = strings(node.path("metrics"), where + ".metrics", problems, true);
        metrics.removeIf(String::isBlank);
        Set<String> sources = new LinkedHashSet<>(strings(node.path("source_ids"), where + ".source_ids", problems, false));
        if (node.path("source_ids").isArray() && sources.isEmpty()) {
            problems.add(where + ".source_ids must cite at least one source id");
        }
        for (String id : sources) {
            if (!allowedIds.contains(id)) {
                problems.add(where + ".source_ids cites '" + id + "', which is not one of the given sources");
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return new Achievement(title, situation, task, action, result, List.copyOf(new LinkedHashSet<>(tech)),
                metrics, List.copyOf(sources));
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(where + "." + field + " must be a non-empty string");
            return null;
        }
        return v.asText().strip();
    }

    private static List<String> strings(JsonNode node, String where, List<String> problems, boolean optional) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            if (!optional) {
                problems.add(where + " is missing");
            }
            return out;
        }
        if (!node.isArray()) {
            problems.add(where + " must be an array of strings");
            return out;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                problems.add(where + " must contain only strings");
                return new ArrayList<>();
            }
            out.add(item.asText().strip());
        }
        return out;
    }

    /** The JSON object inside a reply that may be fenced or surrounded by prose. */
    public static String extractJson(String reply) {
        String s = reply == null ? "" : reply.strip();
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            int closing = s.lastIndexOf("```");
            if (firstNewline > 0 && closing > firstNewline) {
                s = s.substring(firstNewline + 1, closing).strip();
            }
        }
        if (!s.startsWith("{")) {
            int open = s.indexOf('{');
            int close = s.lastIndexOf('}');
            if (open >= 0 && close > open) {
                s = s.substring(open, close + 1);
            }
        }
        return s;
    }

    private static String range(int min, int max) {
        return min == max ? String.valueOf(min) : min + " to " + max;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
