package dev.worklog.review;

import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts over a period's daily logs, computed from the logs themselves.
 *
 * @param logs daily logs in the period
 * @param activeWeeks ISO weeks with at least one log
 * @param weeks ISO weeks of the period so far (up to today)
 * @param byCategory logs per category, most first
 * @param byImpact logs per impact level, High first
 * @param byTechStack logs per technology, most first
 */
public record ReviewStats(int logs, int activeWeeks, int weeks, Map<String, Integer> byCategory,
        Map<String, Integer> byImpact, Map<String, Integer> byTechStack) {
    public ReviewStats {
        if (logs < 0 || activeWeeks < 0 || weeks < 0 || activeWeeks > weeks) {
            throw new IllegalArgumentException("counts must not be negative, and active weeks at most the weeks: "
                    + logs + " logs, " + activeWeeks + " of " + weeks + " weeks");
        }
        byCategory = frozen(byCategory, "byCategory");
        byImpact = frozen(byImpact, "byImpact");
        byTechStack = frozen(byTechStack, "byTechStack");
    }

    /**
     * Counts the logs that fall in the given ISO weeks.
     *
     * @param isoWeeks the weeks of the period so far ({@link ReviewPeriod#isoWeeksUntil})
     */
    public static ReviewStats of(List<DailyLog> logs, List<Period> isoWeeks) {
        MonthlyStats counts = MonthlyStats.of(logs, isoWeeks.size());
        Set<Period> active = new HashSet<>();
        for (DailyLog log : logs) {
            isoWeeks.stream().filter(w -> w.contains(log.loggedDate())).findFirst().ifPresent(active::add);
        }
        return new ReviewStats(logs.size(), active.size(), isoWeeks.size(), counts.byCategory(), counts.byImpact(),
                counts.byTechStack());
    }

    /** One line, e.g. {@code Logs: 54 | Active weeks: 12 of 13 | Category: 신규기능 20, ... | Impact: ... | Tech: ...}. */
    public String describe() {
        return "Logs: " + logs + " | Active weeks: " + activeWeeks + " of " + weeks + " | Category: "
                + counts(byCategory) + " | Impact: " + counts(byImpact) + " | Tech: " + counts(byTechStack);
    }

    /** Counts as {@code name n, name n}, or {@code -} when there are none. */
    static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Integer> frozen(Map<String, Integer> map, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, name)));
    }
}
