package dev.worklog.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Counts over a month's daily logs. Computed from the logs themselves, never from relation counts (Notion cuts
 * those at 25).
 *
 * @param totalLogs daily logs in the month
 * @param weeks weekly roll-ups that overlap the month
 * @param byCategory logs per category, most first
 * @param byImpact logs per impact level, High first
 * @param byTechStack logs per technology, most first
 */
public record MonthlyStats(int totalLogs, int weeks, Map<String, Integer> byCategory, Map<String, Integer> byImpact,
        Map<String, Integer> byTechStack) {

    public MonthlyStats {
        byCategory = frozen(byCategory, "byCategory");
        byImpact = frozen(byImpact, "byImpact");
        byTechStack = frozen(byTechStack, "byTechStack");
    }

    /** Counts the given logs. */
    public static MonthlyStats of(List<DailyLog> logs, int weeks) {
        Map<String, Integer> category = new LinkedHashMap<>();
        Map<String, Integer> impact = new LinkedHashMap<>();
        Map<String, Integer> tech = new LinkedHashMap<>();
        for (ImpactLevel level : ImpactLevel.values()) {
            impact.put(level.label(), 0);
        }
        for (DailyLog log : logs) {
            category.merge(log.category(), 1, Integer::sum);
            impact.merge(log.impactLevel().label(), 1, Integer::sum);
            for (String t : log.techStack()) {
                tech.merge(t, 1, Integer::sum);
            }
        }
        return new MonthlyStats(logs.size(), weeks, mostFirst(category), impact, mostFirst(tech));
    }

    /** One line per dimension, e.g. {@code Logs: 12 | Weeks: 4 | Category: 신규기능 5, 버그픽스 3 | ...}. */
    public String describe() {
        return "Logs: " + totalLogs + " | Weeks: " + weeks + " | Category: " + join(byCategory) + " | Impact: "
                + join(byImpact) + " | Tech: " + join(byTechStack);
    }

    private static String join(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Map<String, Integer> mostFirst(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Integer> frozen(Map<String, Integer> map, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, name)));
    }
}
