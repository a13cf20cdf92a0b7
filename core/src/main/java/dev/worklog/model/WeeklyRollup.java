package dev.worklog.model;

import java.util.List;
import java.util.Objects;

/**
 * A week condensed: at most five STAR achievements, up to three key highlights, and the ids of every daily log of
 * the period.
 *
 * @param id the store's id once stored, otherwise {@code null}
 * @param url a link to the stored roll-up, otherwise {@code null}
 * @param period the days covered
 * @param title the page title, e.g. {@code Weekly Achievements 2026-W47 (2026-11-16 ~ 2026-11-22)}, or
 *     {@code Weekly Achievements 2026-11-22 ~ 2026-11-28} for a period that is not an ISO week
 * @param achievements one to five achievements
 * @param keyHighlights one to three one-line highlights
 * @param sourceLogIds every daily log of the period, whether or not an achievement cites it
 * @param generation how it was made
 * @param warnings problems found in the output (for example a number no source contains), kept with the record
 * @param freeText the page's own text when it is not in worklog's layout (written by the original system or
 *     another tool, or edited by hand beyond reading), used as it is; {@code null} for a roll-up worklog can read.
 *     Such a week may have no achievements and any number of highlights.
 */
public record WeeklyRollup(
        String id,
        String url,
        Period period,
        String title,
        List<Achievement> achievements,
        List<String> keyHighlights,
        List<String> sourceLogIds,
        Generation generation,
        List<String> warnings,
        String freeText) {

    /** The most achievements a week may have. */
    public static final int MAX_ACHIEVEMENTS = 5;
    /** The most key highlights a week may have. */
    public static final int MAX_HIGHLIGHTS = 3;

    public WeeklyRollup {
        id = DailyLog.blankToNull(id);
        url = DailyLog.blankToNull(url);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(title, "title");
        achievements = List.copyOf(Objects.requireNonNull(achievements, "achievements"));
        keyHighlights = List.copyOf(Objects.requireNonNull(keyHighlights, "keyHighlights"));
        sourceLogIds = List.copyOf(Objects.requireNonNull(sourceLogIds, "sourceLogIds"));
        Objects.requireNonNull(generation, "generation");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        freeText = DailyLog.blankToNull(freeText);
        if (freeText == null && (achievements.isEmpty() || achievements.size() > MAX_ACHIEVEMENTS)) {
            throw new IllegalArgumentException("a week has 1 to 5 achievements, got " + achievements.size());
        }
        if (freeText == null && (keyHighlights.isEmpty() || keyHighlights.size() > MAX_HIGHLIGHTS)) {
            throw new IllegalArgumentException("a week has 1 to 3 key highlights, got " + keyHighlights.size());
        }
    }

    /** A roll-up in worklog's layout (no free text). */
    public WeeklyRollup(String id, String url, Period period, String title, List<Achievement> achievements,
            List<String> keyHighlights, List<String> sourceLogIds, Generation generation, List<String> warnings) {
        this(id, url, period, title, achievements, keyHighlights, sourceLogIds, generation, warnings, null);
    }

    /** The page's own text, when the roll-up is not in worklog's layout. */
    public java.util.Optional<String> freeTextIfAny() {
        return java.util.Optional.ofNullable(freeText);
    }

    /** The default title for a period. */
    public static String titleFor(Period period) {
        return "Weekly Achievements " + period.describe();
    }

    /** The same roll-up as stored under {@code id}, reachable at {@code url}. */
    public WeeklyRollup withStored(String id, String url) {
        return new WeeklyRollup(id, url, period, title, achievements, keyHighlights, sourceLogIds, generation,
                warnings, freeText);
    }
}
