package dev.worklog.summarize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.review.OfflineReview;
import dev.worklog.internal.validation.StarSections;
import dev.worklog.internal.json.AchievementJson;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SummaryInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The provider {@code offline}: deterministic, no network, no key. It ranks a week's logs by impact, then by date
 * (newest first), and turns the top five into STAR achievements from the logs' own sections; the month is built
 * from the weeks' achievements and the statistics. Everything it writes is text the user wrote, rearranged, and
 * every roll-up it makes says so.
 *
 * <pre>{@code
 * WorkLogger logger = WorkLogger.builder().llmProvider(new OfflineSummarizer()).build();
 * }</pre>
 */
public final class OfflineSummarizer implements LlmProvider {
    /** The provider name. */
    public static final String NAME = "offline";
    /** The model name recorded on its roll-ups. */
    public static final String MODEL = "offline-extractive-1";
    /** Said on every roll-up it makes. */
    public static final String NOTICE =
            "Made without an LLM: the offline summarizer arranged the logs' own text; no model was called.";

    private static final Pattern HAS_DIGIT = Pattern.compile("\\d");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    /** Always healthy: it runs in-process and needs no network or key. */
    @Override
    public dev.worklog.spi.HealthCheck checkHealth() {
        return dev.worklog.spi.HealthCheck.ok("runs in-process; needs no network and no key");
    }

    /** It runs in this process: its requests are never redacted, since nothing is sent. */
    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        SummaryInput input = request.input();
        ObjectNode out;
        if (input instanceof SummaryInput.Weekly) {
            out = weekly((SummaryInput.Weekly) input);
        } else if (input instanceof SummaryInput.Review) {
            out = OfflineReview.reply((SummaryInput.Review) input);
        } else {
            out = monthly((SummaryInput.Monthly) input);
        }
        return new LlmResponse(Json.write(out), TokenUsage.NONE, MODEL);
    }

    private static ObjectNode weekly(SummaryInput.Weekly input) {
        boolean ko = !"en".equals(input.language());
        List<DailyLog> ranked = new ArrayList<>(input.logs());
        ranked.sort(Comparator.comparing((DailyLog l) -> l.impactLevel().ordinal())
                .thenComparing(DailyLog::loggedDate, Comparator.reverseOrder())
                .thenComparing(DailyLog::title));
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode achievements = root.putArray("achievements");
        for (DailyLog log : ranked.subList(0, Math.min(WeeklyRollup.MAX_ACHIEVEMENTS, ranked.size()))) {
            StarSections star = StarSections.parse(log.context());
            String situation = first(star.situation(), star.preamble(), log.context());
            String task = first(star.task(), log.title());
            String action = first(star.action(), star.preamble(), log.context());
            String result = first(star.result(), log.metrics(),
                    (ko ? "영향도 " : "Impact ") + log.impactLevel().label() + ", " + log.category());
            ObjectNode a = achievements.addObject();
            a.put("title", log.title());
            a.put("situation", situation);
            a.put("task", task);
            a.put("action", action);
            a.put("result", result);
            ArrayNode tech = a.putArray("tech_stack");
            log.techStack().forEach(tech::add);
            ArrayNode metrics = a.putArray("metrics");
            log.metricsText().ifPresent(metrics::add);
            a.putArray("source_ids").add(log.id());
        }
        ArrayNode highlights = root.putArray("key_highlights");
        for (DailyLog log : ranked.subList(0, Math.min(WeeklyRollup.MAX_HIGHLIGHTS, ranked.size()))) {
            String result = firstLine(first(StarSections.parse(log.context()).result(), log.metrics(), ""));
            highlights.add(log.title() + " (" + log.impactLevel().label() + ", " + log.category() + ")"
                    + (result.isEmpty() ? "" : ": " + result));
        }
        return root;
    }

    private static ObjectNode monthly(SummaryInput.Monthly input) {
        boolean ko = !"en".equals(input.language());
        List<Achievement> all = new ArrayList<>();
        List<String> weekOf = new ArrayList<>();
        for (WeeklyRollup week : input.weeks()) {
            for (Achievement a : week.achievements()) {
                all.add(a);
                weekOf.add(week.id());
            }
            if (week.freeText() != null && week.achievements().isEmpty()) {
                all.add(fromText(week));
                weekOf.add(week.id());
            }
        }
        // measurable results first; the original order (week, then rank within the week) breaks ties
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> HAS_DIGIT.matcher(all.get(i).result()).find() ? 0 : 1));
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode achievements = root.putArray("achievements");
        List<String> titles = new ArrayList<>();
        for (int i : order.subList(0, Math.min(4, order.size()))) {
            Achievement a = all.get(i);
            AchievementJson.star(achievements.addObject(), a).putArray("source_ids").add(weekOf.get(i));
            titles.add(a.title());
        }
        MonthlyStats stats = input.stats();
        ArrayNode brief = root.putArray("career_brief");
        brief.add(ko
                ? input.month() + "에 업무 로그 " + stats.totalLogs() + "건, 주간 성과 " + stats.weeks() + "건을 기록했습니다."
                : "In " + input.month() + " I recorded " + stats.totalLogs() + " work logs across " + stats.weeks()
                        + " weekly roll-ups.");
        brief.add(ko
                ? "주요 분야: " + top(stats.byCategory()) + "."
                : "Main areas: " + top(stats.byCategory()) + ".");
        brief.add(ko
                ? "주로 사용한 기술: " + top(stats.byTechStack()) + "."
                : "Main technologies: " + top(stats.byTechStack()) + ".");
        for (String title : titles.subList(0, Math.min(2, titles.size()))) {
            brief.add(ko ? "대표 성과: " + title + "." : "Key achievement: " + title + ".");
        }
        return root;
    }

    /**
     * An achievement arranged from a week written in free text (by the original system or by hand): its title, its
     * first paragraph as the situation, its highlights as the task, the rest as the action, and the first paragraph
     * holding a number as the result. All of it is the page's own text.
     */
    private static Achievement fromText(WeeklyRollup week) {
        List<String> paragraphs = new ArrayList<>();
        for (String p : week.freeText().split("\\n\\s*\\n")) {
            if (!p.isBlank()) {
                paragraphs.add(p.strip());
            }
        }
        String first = paragraphs.get(0);
        String rest = paragraphs.size() > 1 ? String.join("\n\n", paragraphs.subList(1, paragraphs.size())) : first;
        String measured = paragraphs.stream().filter(p -> HAS_DIGIT.matcher(p).find()).findFirst()
                .orElse(week.keyHighlights().isEmpty() ? first : week.keyHighlights().get(0));
        String task = week.keyHighlights().isEmpty() ? week.title() : String.join("\n", week.keyHighlights());
        return new Achievement(week.title(), first, task, rest, measured, List.of(), List.of(), List.of(week.id()));
    }

    private static String top(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().filter(e -> e.getValue() > 0).limit(3)
                .forEach(e -> parts.add(e.getKey() + " (" + e.getValue() + ")"));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.strip();
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        String stripped = s.strip();
        int nl = stripped.indexOf('\n');
        String line = nl < 0 ? stripped : stripped.substring(0, nl);
        return line.replaceFirst("^[-*+]\\s+", "").strip();
    }
}
