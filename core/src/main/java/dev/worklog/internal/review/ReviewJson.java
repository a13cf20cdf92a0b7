package dev.worklog.internal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.AchievementJson;
import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewSource;
import dev.worklog.review.ReviewStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * worklog's own JSON for a review packet ({@code --format json}, the REST answer's {@code packet}, the local
 * store's {@code reviews/*.json}), and reading it back. Field names are snake_case; every list is present, empty
 * when there is nothing; {@code id} and {@code url} are null until the packet is stored.
 */
public final class ReviewJson {
    /** The value of the {@code format} field, so that a reader can tell what the file is. */
    public static final String FORMAT = "worklog-review/1";

    private ReviewJson() {
    }

    /** The packet as a JSON tree. */
    public static ObjectNode tree(ReviewPacket p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("id", p.id());
        o.put("url", p.url());
        o.set("period", period(p.period()));
        o.put("title", p.title());
        o.put("language", p.language());
        o.put("narrative", p.narrative());
        ArrayNode items = o.putArray("achievements");
        for (ReviewAchievement a : p.achievements()) {
            items.add(achievement(a));
        }
        o.set("stats", stats(p.stats()));
        o.set("previous_period", period(p.previousPeriod()));
        o.set("previous_stats", stats(p.previousStats()));
        ArrayNode gaps = o.putArray("gaps");
        for (Period week : p.gaps()) {
            gaps.addObject().put("week", ReviewPeriod.isoWeekLabel(week)).put("start", week.start().toString())
                    .put("end", week.end().toString());
        }
        strings(o.putArray("source_month_ids"), p.sourceMonthIds());
        Generation g = p.generation();
        ObjectNode gen = o.putObject("generation");
        gen.put("provider", g.provider()).put("model", g.model()).put("prompt_version", g.promptVersion())
                .put("input_fingerprint", g.inputFingerprint()).put("generated_at", g.generatedAt().toString())
                .put("input_tokens", g.usage().inputTokens()).put("output_tokens", g.usage().outputTokens());
        if (g.sourcesReadAt() != null) {
            gen.put("sources_read_at", g.sourcesReadAt().toString());
        }
        strings(o.putArray("warnings"), p.warnings());
        return o;
    }

    /** The packet as indented JSON text. */
    public static String write(ReviewPacket p) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(p)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a review packet", e);
        }
    }

    /**
     * Reads a packet written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the field when the text is not such a packet
     */
    public static ReviewPacket read(String text) {
        JsonNode o = Json.tryParse(text);
        if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("not a worklog review packet (format " + FORMAT + ")");
        }
        try {
            List<ReviewAchievement> achievements = new ArrayList<>();
            for (JsonNode a : o.path("achievements")) {
                achievements.add(readAchievement(a));
            }
            List<Period> gaps = new ArrayList<>();
            for (JsonNode g : o.path("gaps")) {
                gaps.add(new Period(date(g, "start"), date(g, "end")));
            }
            JsonNode gen = o.path("generation");
            Generation generation = new Generation(text(gen, "provider"), text(gen, "model"),
                    text(gen, "prompt_version"), text(gen, "input_fingerprint"),
                    Instant.parse(text(gen, "generated_at")),
                    new TokenUsage(gen.path("input_tokens").asLong(), gen.path("output_tokens").asLong()),
                    gen.hasNonNull("sources_read_at") ? Instant.parse(gen.get("sources_read_at").asText()) : null);
            return new ReviewPacket(o.path("id").asText(null), o.path("url").asText(null),
                    readPeriod(o.path("period")), text(o, "title"), text(o, "language"), text(o, "narrative"),
                    achievements, readStats(o.path("stats")), readPeriod(o.path("previous_period")),
                    readStats(o.path("previous_stats")), gaps, readStrings(o.path("source_month_ids")), generation,
                    readStrings(o.path("warnings")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the review packet cannot be read: " + e.getMessage(), e);
        }
    }

    private static ObjectNode period(ReviewPeriod period) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", period.kind().name().toLowerCase(Locale.ROOT));
        o.put("label", period.label());
        o.put("start", period.days().start().toString());
        o.put("end", period.days().end().toString());
        return o;
    }

    private static ReviewPeriod readPeriod(JsonNode o) {
        ReviewPeriod.Kind kind = ReviewPeriod.Kind.valueOf(text(o, "kind").toUpperCase(Locale.ROOT));
        return new ReviewPeriod(kind, YearMonth.from(date(o, "start")), YearMonth.from(date(o, "end")));
    }

    private static ObjectNode achievement(ReviewAchievement r) {
        Achievement a = r.achievement();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rank", r.rank());
        o.put("theme", r.theme());
        AchievementJson.star(o, a);
        strings(o.putArray("cites"), a.sourceIds());
        o.put("first_day", r.firstDay().toString());
        o.put("last_day", r.lastDay().toString());
        o.put("impact", r.impact().label());
        ArrayNode rollups = o.putArray("rollups");
        r.rollups().forEach(s -> rollups.add(source(s)));
        ArrayNode logs = o.putArray("logs");
        r.logs().forEach(s -> logs.add(source(s)));
        strings(o.putArray("tickets"), r.tickets());
        return o;
    }

    private static ReviewAchievement readAchievement(JsonNode o) {
        Achievement a = new Achievement(text(o, "title"), text(o, "situation"), text(o, "task"), text(o, "action"),
                text(o, "result"), readStrings(o.path("tech_stack")), readStrings(o.path("metrics")),
                readStrings(o.path("cites")));
        List<ReviewSource> rollups = new ArrayList<>();
        o.path("rollups").forEach(s -> rollups.add(readSource(s)));
        List<ReviewSource> logs = new ArrayList<>();
        o.path("logs").forEach(s -> logs.add(readSource(s)));
        return new ReviewAchievement(o.path("rank").asInt(), text(o, "theme"), a, date(o, "first_day"),
                date(o, "last_day"), impact(text(o, "impact")), rollups, logs);
    }

    private static ObjectNode source(ReviewSource s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        o.put("id", s.id());
        o.put("title", s.title());
        o.put("start", s.start().toString());
        o.put("end", s.end().toString());
        o.put("url", s.url());
        o.put("ticket_url", s.ticketUrl());
        o.put("impact", s.impact() == null ? null : s.impact().label());
        o.put("category", s.category());
        return o;
    }

    private static ReviewSource readSource(JsonNode o) {
        String impact = o.path("impact").asText(null);
        return new ReviewSource(ReviewSource.Kind.valueOf(text(o, "kind").toUpperCase(Locale.ROOT)), text(o, "id"),
                text(o, "title"), date(o, "start"), date(o, "end"), o.path("url").asText(null),
                o.path("ticket_url").asText(null), impact == null ? null : impact(impact),
                o.path("category").asText(null));
    }

    private static ObjectNode stats(ReviewStats s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("logs", s.logs());
        o.put("active_weeks", s.activeWeeks());
        o.put("weeks", s.weeks());
        counts(o.putObject("by_category"), s.byCategory());
        counts(o.putObject("by_impact"), s.byImpact());
        counts(o.putObject("by_tech_stack"), s.byTechStack());
        return o;
    }

    private static ReviewStats readStats(JsonNode o) {
        return new ReviewStats(o.path("logs").asInt(), o.path("active_weeks").asInt(), o.path("weeks").asInt(),
                readCounts(o.path("by_category")), readCounts(o.path("by_impact")),
                readCounts(o.path("by_tech_stack")));
    }

    private static void counts(ObjectNode o, Map<String, Integer> counts) {
        counts.forEach(o::put);
    }

    private static Map<String, Integer> readCounts(JsonNode o) {
        Map<String, Integer> out = new LinkedHashMap<>();
        o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> readStrings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static LocalDate date(JsonNode o, String field) {
        return LocalDate.parse(text(o, field));
    }

    private static ImpactLevel impact(String text) {
        return ImpactLevel.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown impact '" + text + "'"));
    }
}
