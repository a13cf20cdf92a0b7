package dev.worklog.review;

import dev.worklog.model.Achievement;
import dev.worklog.model.ImpactLevel;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One of a packet's top achievements: in STAR form with its metrics, under a theme, dated by its evidence, and
 * traced to the roll-ups it was drawn from and, through them, to the daily logs.
 *
 * @param rank 1 for the first; achievements are ranked by impact, then by evidence (the number of daily logs)
 * @param theme what it is grouped under, e.g. a category or a technology
 * @param achievement the STAR text, tech stack and metrics; its {@link Achievement#sourceIds()} are the cited
 *     roll-up achievements as {@code <roll-up id>#<n>} (the n-th achievement of that roll-up)
 * @param firstDay the earliest day of its evidence
 * @param lastDay the latest day of its evidence
 * @param impact the highest impact level among its daily logs
 * @param rollups the weekly or monthly roll-ups it cites
 * @param logs the daily logs those cite, oldest first
 */
public record ReviewAchievement(int rank, String theme, Achievement achievement, LocalDate firstDay,
        LocalDate lastDay, ImpactLevel impact, List<ReviewSource> rollups, List<ReviewSource> logs) {
    public ReviewAchievement {
        if (rank < 1) {
            throw new IllegalArgumentException("rank starts at 1, got " + rank);
        }
        if (theme == null || theme.isBlank()) {
            throw new IllegalArgumentException("an achievement needs a theme");
        }
        theme = theme.strip();
        Objects.requireNonNull(achievement, "achievement");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("lastDay " + lastDay + " is before firstDay " + firstDay);
        }
        Objects.requireNonNull(impact, "impact");
        rollups = List.copyOf(rollups);
        logs = List.copyOf(logs);
    }

    /** The ticket links of its daily logs, each once. */
    public List<String> tickets() {
        Set<String> out = new LinkedHashSet<>();
        for (ReviewSource log : logs) {
            log.ticket().ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** A copy with another rank. */
    public ReviewAchievement withRank(int value) {
        return new ReviewAchievement(value, theme, achievement, firstDay, lastDay, impact, rollups, logs);
    }
}
