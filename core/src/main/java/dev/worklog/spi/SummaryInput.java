package dev.worklog.spi;

import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewStats;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * The typed sources of a roll-up, handed to the provider beside the rendered prompt. Network providers send the
 * prompt; the offline summarizer works from these records directly.
 */
public sealed interface SummaryInput permits SummaryInput.Weekly, SummaryInput.Monthly, SummaryInput.Review {

    /** The output language: {@code ko} or {@code en}. */
    String language();

    /**
     * A week's daily logs.
     *
     * @param period the days covered
     * @param logs the logs, each with its stored id
     * @param language {@code ko} or {@code en}
     */
    record Weekly(Period period, List<DailyLog> logs, String language) implements SummaryInput {
        public Weekly {
            Objects.requireNonNull(period, "period");
            logs = List.copyOf(logs);
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * A month's weekly roll-ups and statistics.
     *
     * @param month the month
     * @param weeks the weekly roll-ups overlapping it, each with its stored id
     * @param stats counts over the month's daily logs
     * @param language {@code ko} or {@code en}
     */
    record Monthly(YearMonth month, List<WeeklyRollup> weeks, MonthlyStats stats, String language)
            implements SummaryInput {
        public Monthly {
            Objects.requireNonNull(month, "month");
            weeks = List.copyOf(weeks);
            Objects.requireNonNull(stats, "stats");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * A review period's roll-ups and the daily logs they cite, for a review packet.
     *
     * @param period the months reviewed
     * @param months the monthly roll-ups of the period, oldest first
     * @param weeks the weekly roll-ups overlapping the period, oldest first
     * @param logs the daily logs of the period and of the weeks overlapping it, oldest first
     * @param stats counts over the period's daily logs
     * @param previousStats counts over the previous period's daily logs
     * @param gaps the ISO weeks of the period without any daily log
     * @param language {@code ko} or {@code en}
     */
    record Review(ReviewPeriod period, List<MonthlyRollup> months, List<WeeklyRollup> weeks, List<DailyLog> logs,
            ReviewStats stats, ReviewStats previousStats, List<Period> gaps, String language) implements SummaryInput {
        public Review {
            Objects.requireNonNull(period, "period");
            months = List.copyOf(months);
            weeks = List.copyOf(weeks);
            logs = List.copyOf(logs);
            Objects.requireNonNull(stats, "stats");
            Objects.requireNonNull(previousStats, "previousStats");
            gaps = List.copyOf(gaps);
            Objects.requireNonNull(language, "language");
        }
    }
}
