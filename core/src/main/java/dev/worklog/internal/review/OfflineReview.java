package dev.worklog.internal.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.AchievementJson;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewStats;
import dev.worklog.spi.SummaryInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline summarizer's review packet: no model, only the user's own text rearranged. The weekly achievements
 * are ranked by impact and evidence (as {@link ReviewAssembler} ranks any packet), the same title across weeks is
 * one achievement citing them all, the theme is the most frequent category of an achievement's logs, and the
 * narrative is made of the statistics and the top titles.
 */
public final class OfflineReview {
    private OfflineReview() {
    }

    /** The reply, in the JSON the review schema asks of a model. */
    public static ObjectNode reply(SummaryInput.Review input) {
        boolean ko = !"en".equals(input.language());
        Citables citables = new Citables(input);
        Map<String, List<Citables.Citable>> byTitle = new LinkedHashMap<>();
        for (Citables.Citable c : citables.all()) {
            if (c.ref().startsWith("W")) {
                byTitle.computeIfAbsent(c.title().strip().toLowerCase(java.util.Locale.ROOT), t -> new ArrayList<>())
                        .add(c);
            }
        }
        if (byTitle.isEmpty()) {
            // no weekly achievements: the monthly ones are all there is
            citables.all().forEach(c -> byTitle.put(c.ref(), List.of(c)));
        }
        List<List<Citables.Citable>> groups = new ArrayList<>(byTitle.values());
        groups.sort(Comparator.comparing((List<Citables.Citable> g) -> ReviewAssembler.impact(logs(citables, g)))
                .thenComparing(g -> -logs(citables, g).size()));
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode achievements = root.putArray("achievements");
        List<String> titles = new ArrayList<>();
        for (List<Citables.Citable> group : groups.subList(0, Math.min(ReviewPacket.MAX_ACHIEVEMENTS, groups.size()))) {
            Citables.Citable first = group.get(0);
            List<DailyLog> logs = logs(citables, group);
            Achievement text = first.achievement() != null ? first.achievement() : fromText(first);
            ObjectNode a = AchievementJson.star(achievements.addObject(), text);
            a.put("theme", theme(logs, text, ko));
            ArrayNode metrics = a.putArray("metrics"); // the whole group's figures, not only the first's
            group.stream().filter(c -> c.achievement() != null).flatMap(c -> c.achievement().metrics().stream())
                    .distinct().forEach(metrics::add);
            ArrayNode ids = a.putArray("source_ids");
            group.forEach(c -> ids.add(c.ref()));
            titles.add(text.title());
        }
        root.put("narrative", narrative(input, titles, ko));
        return root;
    }

    private static List<DailyLog> logs(Citables citables, List<Citables.Citable> group) {
        return group.stream().flatMap(c -> citables.logsOf(c).stream()).distinct().collect(Collectors.toList());
    }

    /** The most frequent category of the logs; without logs, the first technology, else "other". */
    private static String theme(List<DailyLog> logs, Achievement a, boolean ko) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        logs.forEach(l -> counts.merge(l.category(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(a.techStack().isEmpty() ? (ko ? "기타" : "Other") : a.techStack().get(0));
    }

    /** A week in free text as an achievement: its title, its text as situation, action and result. */
    private static Achievement fromText(Citables.Citable c) {
        String text = c.freeText().strip();
        return new Achievement(c.rollup().title(), text, c.rollup().title(), text, text, List.of(), List.of(),
                List.of(c.ref()));
    }

    private static String narrative(SummaryInput.Review input, List<String> titles, boolean ko) {
        ReviewStats s = input.stats();
        ReviewStats before = input.previousStats();
        String label = input.period().label();
        String previous = input.period().previous().label();
        StringBuilder n = new StringBuilder();
        if (ko) {
            n.append(label).append(" 동안 ").append(s.weeks()).append("주 중 ").append(s.activeWeeks())
                    .append("주에 걸쳐 업무 로그 ").append(s.logs()).append("건을 기록했습니다 (직전 기간 ")
                    .append(previous).append(": ").append(before.logs()).append("건).");
            top(s.byCategory()).ifPresent(t -> n.append(" 주요 분야는 ").append(t).append("입니다."));
            top(s.byTechStack()).ifPresent(t -> n.append(" 주로 사용한 기술은 ").append(t).append("입니다."));
            n.append(" 영향도 High 로그는 ").append(s.byImpact().getOrDefault("High", 0)).append("건입니다.");
            if (!titles.isEmpty()) {
                n.append(" 대표 성과: ").append(String.join("; ", titles.subList(0, Math.min(3, titles.size()))))
                        .append('.');
            }
        } else {
            n.append("In ").append(label).append(" I recorded ").append(s.logs()).append(" work logs in ")
                    .append(s.activeWeeks()).append(" of ").append(s.weeks()).append(" weeks (previous period ")
                    .append(previous).append(": ").append(before.logs()).append(" logs).");
            top(s.byCategory()).ifPresent(t -> n.append(" Most of the work was ").append(t).append('.'));
            top(s.byTechStack()).ifPresent(t -> n.append(" Main technologies: ").append(t).append('.'));
            n.append(' ').append(s.byImpact().getOrDefault("High", 0)).append(" of the logs were of High impact.");
            if (!titles.isEmpty()) {
                n.append(" Top achievements: ").append(String.join("; ", titles.subList(0, Math.min(3, titles.size()))))
                        .append('.');
            }
        }
        return n.toString();
    }

    private static java.util.Optional<String> top(Map<String, Integer> counts) {
        String joined = counts.entrySet().stream().filter(e -> e.getValue() > 0).limit(3)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        return joined.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(joined);
    }
}
