package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.MonthlyResult;
import dev.worklog.WeeklyResult;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.AchievementJson;
import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of successful roll-up answers, snake_case as {@code openapi.json} defines them; a daily log's
 * entry is written by core's {@link dev.worklog.internal.json.DailyLogCodec}.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    /** The answer to {@code POST /weekly-summaries}. */
    public static ObjectNode weekly(WeeklyResult r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", r.status().name().toLowerCase(Locale.ROOT));
        n.put("week", r.period().isoWeek().orElse(null));
        n.put("label", r.period().label());
        n.set("period", period(r.period()));
        n.put("logs_read", r.logsRead().size());
        WeeklyRollup w = r.rollup();
        ObjectNode o = rollup(n, w == null ? null : w.id(), w == null ? null : w.url(), w != null);
        if (o != null) {
            o.put("title", w.title());
            o.set("period", period(w.period()));
            achievements(o.putArray("achievements"), w.achievements());
            strings(o.putArray("key_highlights"), w.keyHighlights());
            strings(o.putArray("source_log_ids"), w.sourceLogIds());
            generationAndWarnings(o, w.generation(), w.warnings());
        }
        return usageAndWarnings(n, r.usage(), r.warnings());
    }

    /** The answer to {@code POST /monthly-summaries}. */
    public static ObjectNode monthly(MonthlyResult r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", r.status().name().toLowerCase(Locale.ROOT));
        n.put("month", r.month().toString());
        n.put("weeks_read", r.weeksRead().size());
        ArrayNode weeks = n.putArray("weeks");
        r.weeksRead().forEach(w -> weeks.add(w.period().label()));
        ArrayNode rolledUp = n.putArray("weeks_rolled_up");
        for (WeeklyResult w : r.weeksRolledUp()) {
            ObjectNode o = rolledUp.addObject();
            o.put("label", w.period().label());
            o.put("status", w.status().name().toLowerCase(Locale.ROOT));
            o.put("logs_read", w.logsRead().size());
            o.put("page_id", w.rollupIfAny().map(WeeklyRollup::id).orElse(null));
        }
        n.put("logs_read", r.logsRead());
        MonthlyRollup m = r.rollup();
        ObjectNode o = rollup(n, m == null ? null : m.id(), m == null ? null : m.url(), m != null);
        if (o != null) {
            o.put("title", m.title());
            o.put("month", m.month().toString());
            achievements(o.putArray("achievements"), m.achievements());
            strings(o.putArray("career_brief"), m.careerBrief());
            o.set("stats", stats(m.stats()));
            strings(o.putArray("source_week_ids"), m.sourceWeekIds());
            generationAndWarnings(o, m.generation(), m.warnings());
        }
        return usageAndWarnings(n, r.usage(), r.warnings());
    }

    /** Where the roll-up is stored, and the {@code rollup} object to fill ({@code null} in the answer when absent). */
    private static ObjectNode rollup(ObjectNode n, String pageId, String url, boolean present) {
        n.put("page_id", pageId);
        n.put("url", url);
        if (!present) {
            n.putNull("rollup");
            return null;
        }
        return n.putObject("rollup");
    }

    private static void generationAndWarnings(ObjectNode rollup, Generation g, List<String> warnings) {
        ObjectNode n = rollup.putObject("generation");
        n.put("provider", g.provider());
        n.put("model", g.model());
        n.put("prompt_version", g.promptVersion());
        n.put("input_fingerprint", g.inputFingerprint());
        n.put("generated_at", g.generatedAt().toString());
        strings(rollup.putArray("warnings"), warnings);
    }

    static ObjectNode usageAndWarnings(ObjectNode n, TokenUsage u, List<String> warnings) {
        ObjectNode usage = n.putObject("token_usage");
        usage.put("input_tokens", u.inputTokens());
        usage.put("output_tokens", u.outputTokens());
        usage.put("total_tokens", u.total());
        strings(n.putArray("warnings"), warnings);
        return n;
    }

    private static ObjectNode period(Period p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("start_date", p.start().toString());
        n.put("end_date", p.end().toString());
        return n;
    }

    private static void achievements(ArrayNode array, List<Achievement> list) {
        for (Achievement a : list) {
            strings(AchievementJson.star(array.addObject(), a).putArray("source_ids"), a.sourceIds());
        }
    }

    private static ObjectNode stats(MonthlyStats s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("total_logs", s.totalLogs());
        n.put("weeks", s.weeks());
        counts(n.putObject("by_category"), s.byCategory());
        counts(n.putObject("by_impact"), s.byImpact());
        counts(n.putObject("by_tech_stack"), s.byTechStack());
        return n;
    }

    private static void counts(ObjectNode n, Map<String, Integer> counts) {
        counts.forEach(n::put);
    }

    /** Appends the strings to the array. */
    public static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
