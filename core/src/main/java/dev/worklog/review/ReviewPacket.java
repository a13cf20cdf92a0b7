package dev.worklog.review;

import dev.worklog.model.Generation;
import dev.worklog.model.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A review packet: a short narrative, the period's top achievements grouped by theme and traced to their daily
 * logs, statistics against the previous period of the same length, and the weeks without any log. Render it with
 * {@link ReviewExport}.
 *
 * @param id the store's id once stored, otherwise {@code null}
 * @param url a link to the stored packet, otherwise {@code null}
 * @param period the months covered
 * @param title e.g. {@code Review 2026-Q4 (2026-10-01 ~ 2026-12-31)}
 * @param language {@code ko} or {@code en}: the language of the narrative and of the exports' labels
 * @param narrative a few sentences on the period
 * @param achievements at most {@value #MAX_ACHIEVEMENTS}, ranked (see {@link ReviewAchievement#rank()})
 * @param stats counts over the period's daily logs
 * @param previousPeriod the period before, of the same length
 * @param previousStats counts over the previous period's daily logs
 * @param gaps the ISO weeks of the period (up to the day it was made) without any daily log, oldest first
 * @param sourceMonthIds the monthly roll-ups it was built from
 * @param generation how it was made; its fingerprint covers everything the model was given
 * @param warnings numbers not found in the cited sources, months missing, fallbacks taken
 */
public record ReviewPacket(String id, String url, ReviewPeriod period, String title, String language,
        String narrative, List<ReviewAchievement> achievements, ReviewStats stats, ReviewPeriod previousPeriod,
        ReviewStats previousStats, List<Period> gaps, List<String> sourceMonthIds, Generation generation,
        List<String> warnings) {
    /** The most achievements a packet holds. */
    public static final int MAX_ACHIEVEMENTS = 10;

    public ReviewPacket {
        id = id == null || id.isBlank() ? null : id;
        url = url == null || url.isBlank() ? null : url;
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(title, "title");
        if (!"ko".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language is ko or en, got '" + language + "'");
        }
        Objects.requireNonNull(narrative, "narrative");
        achievements = List.copyOf(achievements);
        if (achievements.size() > MAX_ACHIEVEMENTS) {
            throw new IllegalArgumentException("a packet holds at most " + MAX_ACHIEVEMENTS + " achievements, got "
                    + achievements.size());
        }
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(previousPeriod, "previousPeriod");
        Objects.requireNonNull(previousStats, "previousStats");
        gaps = List.copyOf(gaps);
        sourceMonthIds = List.copyOf(sourceMonthIds);
        Objects.requireNonNull(generation, "generation");
        warnings = List.copyOf(warnings);
    }

    /** The default title: {@code Review 2026-Q4 (2026-10-01 ~ 2026-12-31)}, or {@code 성과 리뷰 ...} in Korean. */
    public static String titleFor(ReviewPeriod period, String language) {
        return ("en".equals(language) ? "Review " : "성과 리뷰 ") + period.label() + " (" + period.days() + ")";
    }

    /** The achievements by theme: themes in the order of their best-ranked achievement, achievements by rank. */
    public Map<String, List<ReviewAchievement>> themes() {
        Map<String, List<ReviewAchievement>> out = new LinkedHashMap<>();
        achievements.stream().sorted(java.util.Comparator.comparingInt(ReviewAchievement::rank))
                .forEach(a -> out.computeIfAbsent(a.theme(), t -> new ArrayList<>()).add(a));
        out.replaceAll((theme, list) -> List.copyOf(list));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The same packet as stored under {@code id}, reachable at {@code url}. */
    public ReviewPacket withStored(String id, String url) {
        return new ReviewPacket(id, url, period, title, language, narrative, achievements, stats, previousPeriod,
                previousStats, gaps, sourceMonthIds, generation, warnings);
    }
}
