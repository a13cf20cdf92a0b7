package dev.worklog.model;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A month condensed from its weekly roll-ups: two to four STAR achievements (fewer only when the month has fewer
 * weekly achievements), a career brief of three to five one-sentence bullets, and statistics.
 *
 * @param id the store's id once stored, otherwise {@code null}
 * @param url a link to the stored roll-up, otherwise {@code null}
 * @param month the calendar month
 * @param title the page title, e.g. {@code Monthly Highlights 2026-11}
 * @param achievements up to four achievements, citing weekly roll-up ids
 * @param careerBrief up to five one-sentence bullets
 * @param stats counts over the month's daily logs
 * @param sourceWeekIds every weekly roll-up overlapping the month
 * @param generation how it was made
 * @param warnings problems found in the output, kept with the record
 * @param freeText the page's own text when it is not in worklog's layout (written by another tool, or edited by
 *     hand beyond reading), used as it is; {@code null} for a roll-up worklog can read. Such a month may have no
 *     achievements and no career brief.
 */
public record MonthlyRollup(
        String id,
        String url,
        YearMonth month,
        String title,
        List<Achievement> achievements,
        List<String> careerBrief,
        MonthlyStats stats,
        List<String> sourceWeekIds,
        Generation generation,
        List<String> warnings,
        String freeText) {

    /** The most achievements a month may have. */
    public static final int MAX_ACHIEVEMENTS = 4;
    /** The most career-brief bullets a month may have. */
    public static final int MAX_BRIEF = 5;

    public MonthlyRollup {
        id = DailyLog.blankToNull(id);
        url = DailyLog.blankToNull(url);
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(title, "title");
        achievements = List.copyOf(Objects.requireNonNull(achievements, "achievements"));
        careerBrief = List.copyOf(Objects.requireNonNull(careerBrief, "careerBrief"));
        Objects.requireNonNull(stats, "stats");
        sourceWeekIds = List.copyOf(Objects.requireNonNull(sourceWeekIds, "sourceWeekIds"));
        Objects.requireNonNull(generation, "generation");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        freeText = DailyLog.blankToNull(freeText);
        if (freeText == null && (achievements.isEmpty() || achievements.size() > MAX_ACHIEVEMENTS)) {
            throw new IllegalArgumentException("a month has 1 to 4 achievements, got " + achievements.size());
        }
        if (freeText == null && (careerBrief.isEmpty() || careerBrief.size() > MAX_BRIEF)) {
            throw new IllegalArgumentException("a career brief has 1 to 5 bullets, got " + careerBrief.size());
        }
    }

    /** A roll-up in worklog's layout (no free text). */
    public MonthlyRollup(String id, String url, YearMonth month, String title, List<Achievement> achievements,
            List<String> careerBrief, MonthlyStats stats, List<String> sourceWeekIds, Generation generation,
            List<String> warnings) {
        this(id, url, month, title, achievements, careerBrief, stats, sourceWeekIds, generation, warnings, null);
    }

    /** The page's own text, when the roll-up is not in worklog's layout. */
    public java.util.Optional<String> freeTextIfAny() {
        return java.util.Optional.ofNullable(freeText);
    }

    /** The default title for a month. */
    public static String titleFor(YearMonth month) {
        return "Monthly Highlights " + month;
    }

    /** The same roll-up as stored under {@code id}, reachable at {@code url}. */
    public MonthlyRollup withStored(String id, String url) {
        return new MonthlyRollup(id, url, month, title, achievements, careerBrief, stats, sourceWeekIds, generation,
                warnings, freeText);
    }
}
