package dev.worklog.internal.review;

import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewSource;
import dev.worklog.spi.SummaryInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a review's achievements may cite: every achievement of the period's weekly roll-ups ({@code W1}, {@code W2},
 * ...; a week written in free text counts as one) and of its monthly roll-ups ({@code M1}, ...), numbered in the
 * order of the input so that the prompt, the offline summarizer and the assembly agree. Each knows the daily logs
 * it stands for and the text its numbers may come from.
 */
final class Citables {
    /**
     * One citable achievement.
     *
     * @param ref its short id in the prompt, e.g. {@code W3}
     * @param canonical its id in the packet: {@code <roll-up id>#<n>}
     * @param rollup the roll-up it belongs to
     * @param achievement its text ({@code null} for a week in free text)
     * @param freeText the week's own text when it is not in worklog's layout, else {@code null}
     * @param logIds the daily logs it stands for
     * @param text everything its numbers may come from: its own text and its logs'
     */
    record Citable(String ref, String canonical, ReviewSource rollup, Achievement achievement, String freeText,
            List<String> logIds, String text) {
        String title() {
            return achievement != null ? achievement.title() : rollup.title();
        }
    }

    private final Map<String, Citable> byRef = new LinkedHashMap<>();
    private final Map<String, Citable> byCanonical = new LinkedHashMap<>();
    private final Map<String, DailyLog> logs = new LinkedHashMap<>();

    Citables(SummaryInput.Review input) {
        input.logs().forEach(l -> logs.put(l.id(), l));
        Map<String, WeeklyRollup> weeks = new LinkedHashMap<>();
        int w = 1;
        for (WeeklyRollup week : input.weeks()) {
            weeks.put(week.id(), week);
            ReviewSource source = new ReviewSource(ReviewSource.Kind.WEEKLY, week.id(), week.title(),
                    week.period().start(), week.period().end(), week.url(), null, null, null);
            if (week.achievements().isEmpty() && week.freeText() != null) {
                add(new Citable("W" + w++, week.id() + "#1", source, null, week.freeText(), week.sourceLogIds(),
                        week.title() + "\n" + String.join("\n", week.keyHighlights()) + "\n" + week.freeText()
                                + logText(week.sourceLogIds())));
                continue;
            }
            int n = 1;
            for (Achievement a : week.achievements()) {
                add(new Citable("W" + w++, week.id() + "#" + n++, source, a, null, a.sourceIds(),
                        text(a) + "\n" + String.join("\n", week.keyHighlights()) + logText(a.sourceIds())));
            }
        }
        int m = 1;
        for (MonthlyRollup month : input.months()) {
            ReviewSource source = new ReviewSource(ReviewSource.Kind.MONTHLY, month.id(), month.title(),
                    month.month().atDay(1), month.month().atEndOfMonth(), month.url(), null, null, null);
            int n = 1;
            for (Achievement a : month.achievements()) {
                Set<String> ids = new LinkedHashSet<>();
                StringBuilder weekText = new StringBuilder();
                for (String weekId : a.sourceIds()) {
                    WeeklyRollup week = weeks.get(weekId);
                    if (week != null) {
                        ids.addAll(week.sourceLogIds());
                        week.achievements().forEach(x -> weekText.append('\n').append(text(x)));
                    }
                }
                List<String> logIds = List.copyOf(ids);
                add(new Citable("M" + m++, month.id() + "#" + n++, source, a, null, logIds,
                        text(a) + "\n" + String.join("\n", month.careerBrief()) + "\n" + month.stats().describe()
                                + weekText + logText(logIds)));
            }
        }
    }

    private void add(Citable c) {
        byRef.put(c.ref(), c);
        byCanonical.put(c.canonical(), c);
    }

    /** Every citable, in prompt order. */
    List<Citable> all() {
        return List.copyOf(byRef.values());
    }

    /** The short ids a reply may cite. */
    Set<String> refs() {
        return Collections.unmodifiableSet(byRef.keySet());
    }

    Citable byRef(String ref) {
        return byRef.get(ref);
    }

    Citable byCanonical(String canonical) {
        return byCanonical.get(canonical);
    }

    /** The daily log of that id, if it was read. */
    DailyLog log(String id) {
        return logs.get(id);
    }

    /** The text of an achievement the number check searches. */
    static String text(Achievement a) {
        return String.join("\n", a.title(), a.situation(), a.task(), a.action(), a.result(),
                String.join("\n", a.metrics()), String.join(" ", a.techStack()));
    }

    private String logText(List<String> ids) {
        StringBuilder s = new StringBuilder();
        for (String id : ids) {
            DailyLog log = logs.get(id);
            if (log != null) {
                s.append('\n').append(String.join("\n", log.title(), log.context(), log.loggedDate().toString(),
                        log.metricsText().orElse(""), String.join(" ", log.techStack())));
            }
        }
        return s.toString();
    }

    /** The daily logs of a citable that were read, oldest first. */
    List<DailyLog> logsOf(Citable c) {
        List<DailyLog> out = new ArrayList<>();
        for (String id : c.logIds()) {
            DailyLog log = logs.get(id);
            if (log != null) {
                out.add(log);
            }
        }
        out.sort(java.util.Comparator.comparing(DailyLog::loggedDate));
        return out;
    }
}
