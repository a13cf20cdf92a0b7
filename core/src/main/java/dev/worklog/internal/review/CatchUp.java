package dev.worklog.internal.review;

import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewPeriod;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which roll-ups a review needs made first: the ISO weeks holding a daily log that no weekly roll-up lists, and
 * the months (up to the current one) with daily logs whose monthly roll-up is missing or out of date (a week of
 * the month missing from it, or made after it).
 *
 * @param weeks the ISO weeks to roll up, oldest first
 * @param months the months to roll up, oldest first, each with why
 */
record CatchUp(List<Period> weeks, Map<YearMonth, String> months) {

    /** What is missing, given what the store holds. */
    static CatchUp of(ReviewPeriod period, LocalDate today, List<DailyLog> periodLogs, List<WeeklyRollup> weeks,
            List<MonthlyRollup> months) {
        Set<String> covered = new HashSet<>();
        weeks.forEach(w -> covered.addAll(w.sourceLogIds()));
        Set<Period> missingWeeks = new LinkedHashSet<>();
        for (DailyLog log : periodLogs) {
            if (!covered.contains(log.id())) {
                missingWeeks.add(Period.isoWeekOf(log.loggedDate()));
            }
        }
        Map<YearMonth, String> stale = new TreeMap<>();
        YearMonth current = YearMonth.from(today);
        for (YearMonth month : period.months()) {
            Period days = Period.of(month);
            if (month.isAfter(current) || periodLogs.stream().noneMatch(l -> days.contains(l.loggedDate()))) {
                continue;
            }
            Optional<MonthlyRollup> stored = months.stream().filter(m -> m.month().equals(month)).findFirst();
            List<String> why = new ArrayList<>();
            if (stored.isEmpty()) {
                why.add("no monthly roll-up");
            } else {
                MonthlyRollup m = stored.get();
                missingWeeks.stream().filter(w -> w.overlaps(days)).findFirst()
                        .ifPresent(w -> why.add("week " + ReviewPeriod.isoWeekLabel(w) + " has logs no weekly roll-up lists"));
                for (WeeklyRollup w : weeks) {
                    if (!w.period().overlaps(days)) {
                        continue;
                    }
                    if (!m.sourceWeekIds().contains(w.id())) {
                        why.add("it does not include '" + w.title() + "'");
                    } else if (w.generation().generatedAt().isAfter(m.generation().generatedAt())) {
                        why.add("'" + w.title() + "' was made after it");
                    }
                }
            }
            if (!why.isEmpty()) {
                stale.put(month, String.join("; ", why));
            }
        }
        List<Period> sortedWeeks = new ArrayList<>(missingWeeks);
        sortedWeeks.sort(java.util.Comparator.comparing(Period::start));
        return new CatchUp(List.copyOf(sortedWeeks), java.util.Collections.unmodifiableMap(stale));
    }

    boolean isEmpty() {
        return weeks.isEmpty() && months.isEmpty();
    }
}
