package dev.worklog.internal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewPacket;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A packet in the JSON Resume schema (v1.0.0): the user's document with each achievement added, as one line, to
 * the {@code highlights} of the {@code work} entry (employer and role) whose dates hold the achievement's last day
 * (else the latest role that overlaps it); an achievement no role holds goes to one more entry for the review
 * period. Without a document, that one entry is all of {@code work}.
 */
public final class JsonResume {
    /** The published schema the output follows. */
    public static final String SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";
    private static final Pattern ISO8601 = Pattern.compile("[1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3}");

    private JsonResume() {
    }

    /**
     * Checks a base document and counts its roles.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static int checkBase(String json) {
        JsonNode root = Json.tryParse(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a JSON Resume document is a JSON object");
        }
        JsonNode work = root.path("work");
        if (work.isMissingNode()) {
            return 0;
        }
        if (!work.isArray()) {
            throw new IllegalArgumentException("'work' must be a list of roles");
        }
        for (int i = 0; i < work.size(); i++) {
            JsonNode role = work.get(i);
            if (!role.isObject()) {
                throw new IllegalArgumentException("work[" + i + "] must be an object");
            }
            for (String field : List.of("startDate", "endDate")) {
                JsonNode d = role.path(field);
                if (!d.isMissingNode() && (!d.isTextual() || !ISO8601.matcher(d.asText()).matches())) {
                    throw new IllegalArgumentException("work[" + i + "]." + field + " must be YYYY-MM-DD, YYYY-MM or "
                            + "YYYY, got " + d);
                }
            }
            JsonNode highlights = role.path("highlights");
            if (!highlights.isMissingNode() && !highlights.isArray()) {
                throw new IllegalArgumentException("work[" + i + "].highlights must be a list of strings");
            }
        }
        return work.size();
    }

    /** The document. */
    public static String render(ReviewPacket p, String baseJson) {
        ObjectNode doc = (ObjectNode) Json.tryParse(baseJson);
        if (!doc.has("$schema")) {
            ObjectNode ordered = Json.MAPPER.createObjectNode();
            ordered.put("$schema", SCHEMA_URL);
            ordered.setAll(doc);
            doc = ordered;
        }
        ArrayNode work = doc.has("work") ? (ArrayNode) doc.get("work") : doc.putArray("work");
        Map<Integer, List<String>> byRole = new LinkedHashMap<>();
        List<String> unplaced = new ArrayList<>();
        List<ReviewAchievement> ranked = new ArrayList<>(p.achievements());
        ranked.sort(java.util.Comparator.comparingInt(ReviewAchievement::rank));
        for (ReviewAchievement a : ranked) {
            int role = role(work, a);
            if (role < 0) {
                unplaced.add(highlight(a));
            } else {
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(highlight(a));
            }
        }
        byRole.forEach((i, lines) -> {
            ObjectNode role = (ObjectNode) work.get(i);
            ArrayNode highlights = role.has("highlights") ? (ArrayNode) role.get("highlights")
                    : role.putArray("highlights");
            lines.forEach(highlights::add);
        });
        if (!unplaced.isEmpty() || work.isEmpty()) {
            ObjectNode role = work.addObject();
            role.put("summary", p.title());
            role.put("startDate", p.period().days().start().toString());
            role.put("endDate", p.period().days().end().toString());
            ArrayNode highlights = role.putArray("highlights");
            unplaced.forEach(highlights::add);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON Resume document", e);
        }
    }

    /** One line: the title and the result, e.g. {@code Cut search latency: p99 800 ms to 120 ms}. */
    static String highlight(ReviewAchievement a) {
        String title = MarkdownReview.oneLine(a.achievement().title());
        String result = MarkdownReview.oneLine(a.achievement().result());
        return result.isEmpty() || result.equalsIgnoreCase(title) ? title : title + ": " + result;
    }

    /** The role holding the achievement's last day, else the latest one overlapping it; -1 when none does. */
    private static int role(ArrayNode work, ReviewAchievement a) {
        int overlapping = -1;
        LocalDate overlappingStart = null;
        for (int i = 0; i < work.size(); i++) {
            JsonNode role = work.get(i);
            LocalDate start = role.hasNonNull("startDate") ? start(role.get("startDate").asText()) : LocalDate.MIN;
            LocalDate end = role.hasNonNull("endDate") ? end(role.get("endDate").asText()) : LocalDate.MAX;
            if (!a.lastDay().isBefore(start) && !a.lastDay().isAfter(end)) {
                return i;
            }
            boolean overlaps = !a.firstDay().isAfter(end) && !a.lastDay().isBefore(start);
            if (overlaps && (overlappingStart == null || start.isAfter(overlappingStart))) {
                overlapping = i;
                overlappingStart = start;
            }
        }
        return overlapping;
    }

    private static LocalDate start(String d) {
        return switch (d.length()) {
            case 4 -> Year.parse(d).atDay(1);
            case 7 -> YearMonth.parse(d).atDay(1);
            default -> LocalDate.parse(d);
        };
    }

    private static LocalDate end(String d) {
        return switch (d.length()) {
            case 4 -> Year.parse(d).atMonth(12).atEndOfMonth();
            case 7 -> YearMonth.parse(d).atEndOfMonth();
            default -> LocalDate.parse(d);
        };
    }
}
