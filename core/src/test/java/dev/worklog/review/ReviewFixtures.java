package dev.worklog.review;

import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.spi.LlmProvider;
import dev.worklog.store.LocalWorkLogRepository;
import dev.worklog.summarize.OfflineSummarizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A local store with a quarter of daily logs, and loggers over it. */
final class ReviewFixtures {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** Sunday 2026-12-20 in Seoul: Q4 is under way, its last week not begun. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-20T03:00:00Z"), ZoneOffset.UTC);
    static final ReviewPeriod Q4 = ReviewPeriod.quarter(2026, 4);
    static final String[] CATEGORIES = {"성능개선", "신규기능", "버그픽스", "장애대응", "리팩토링"};
    static final String[][] TECH = {{"Java", "Redis"}, {"Kotlin", "Kafka"}, {"Go"}, {"Java", "PostgreSQL"},
        {"TypeScript"}};

    private ReviewFixtures() {
    }

    static WorkLogger logger(Path dir, LlmProvider provider) {
        return WorkLogger.builder().repository(LocalWorkLogRepository.open(dir.resolve("data"), CLOCK))
                .llmProvider(provider).fallbackProviders(List.of()).clock(CLOCK).zone(SEOUL).language("en")
                .executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), CLOCK, SEOUL, List.of())).build();
    }

    static WorkLogger offline(Path dir) {
        return logger(dir, new OfflineSummarizer());
    }

    /**
     * Logs on the Tuesday and Thursday of every ISO week of Q4 so far, except 2026-W44 and 2026-W48 (the gaps), and
     * three in 2026-Q3 for the comparison. Every third has a ticket; numbers sit in the results and metrics.
     */
    static List<DailyLog> seedQuarter(WorkLogger logger) {
        List<DailyLog> out = new ArrayList<>();
        int n = 0;
        for (LocalDate monday = LocalDate.of(2026, 9, 28); !monday.isAfter(LocalDate.of(2026, 12, 14));
                monday = monday.plusWeeks(1)) {
            if (monday.equals(LocalDate.of(2026, 10, 26)) || monday.equals(LocalDate.of(2026, 11, 23))) {
                continue;
            }
            for (LocalDate day : List.of(monday.plusDays(1), monday.plusDays(3))) {
                if (day.isBefore(LocalDate.of(2026, 10, 1))) {
                    continue;
                }
                out.add(logger.log(draft(n++, day)).log());
            }
        }
        for (LocalDate day : List.of(LocalDate.of(2026, 8, 4), LocalDate.of(2026, 9, 8), LocalDate.of(2026, 9, 15))) {
            logger.log(draft(n++, day));
        }
        return out;
    }

    static DailyLogDraft draft(int n, LocalDate day) {
        String impact = n % 5 == 0 ? "High" : n % 3 == 0 ? "Low" : "Medium";
        int before = 300 + n * 10;
        int after = 100 + n;
        return DailyLogDraft.builder().title("Task " + n + ": speed up service " + (char) ('A' + n % 26))
                .context("### Situation\nService " + (char) ('A' + n % 26) + " answered slowly (p99 " + before
                        + " ms).\n### Task\nBring p99 under " + (after + 50) + " ms.\n### Action\n- Profiled the hot "
                        + "path\n- Added a cache\n### Result\np99 " + before + " ms -> " + after + " ms")
                .category(CATEGORIES[n % CATEGORIES.length]).impactLevel(impact)
                .techStack(List.of(TECH[n % TECH.length])).loggedDate(day.toString())
                .metrics("p99 " + before + " ms -> " + after + " ms")
                .ticketUrl(n % 3 == 0 ? "https://jira.example.com/browse/SRV-" + n : null).build();
    }

    /** Random logs over a period, reproducible from the seed. */
    static List<DailyLog> seedRandom(WorkLogger logger, ReviewPeriod period, long seed) {
        Random r = new Random(seed);
        List<DailyLog> out = new ArrayList<>();
        LocalDate today = LocalDate.now(CLOCK.withZone(SEOUL));
        int n = 0;
        for (LocalDate day = period.days().start(); !day.isAfter(period.days().end()) && !day.isAfter(today);
                day = day.plusDays(1)) {
            int count = r.nextInt(10) < 7 ? 0 : 1 + r.nextInt(2);
            for (int i = 0; i < count; i++) {
                out.add(logger.log(draft(r.nextInt(1000) + n++, day)).log());
            }
        }
        return out;
    }
}
