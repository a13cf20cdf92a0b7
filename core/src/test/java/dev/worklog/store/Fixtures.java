package dev.worklog.store;

import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic entries for the store tests, with the awkward text a real user writes. */
public final class Fixtures {
    public static final String KOREAN_CONTEXT = "### Situation\n검색 API의 p99 지연이 800ms까지 올라갔다 🔥  \n\n"
            + "### Task\n캐시 계층을 도입해 지연을 줄인다.\n\n"
            + "### Action\n- Redis 캐시 추가\n- 쿼리 튜닝: `SELECT * FROM a: b`\n1. 배포 \"quoted\"\n\n"
            + "### Result\np99 800ms → 120ms (85% 감소)\n";

    private Fixtures() {
    }

    public static DailyLog daily(String title, LocalDate date) {
        return new DailyLog(null, null, title, KOREAN_CONTEXT, "성능개선", ImpactLevel.HIGH,
                List.of("Java", "Redis", "Spring Boot"), date, "Logged", "p99: 800ms → 120ms", 
                "https://jira.example.com/browse/WL-42?x=1&y=2");
    }

    public static Achievement achievement(String title, String sourceId) {
        return new Achievement(title, "트래픽 급증으로 검색이 느려졌다.\n두 번째 줄  with trailing",
                "지연을 절반 이하로 줄인다", "- Redis 도입\n- 인덱스 추가\n## not a section\n**Task**\n### not a heading\n\\back",
                "p99 800ms → 120ms", List.of("Java", "Redis"), List.of("p99 -85%", "errors | timeouts down 40%"),
                List.of(sourceId));
    }

    public static Generation generation(String provider) {
        return new Generation(provider, "claude-sonnet-4-5", "v3", "sha256:abc123",
                Instant.parse("2026-11-23T10:15:30.123Z"));
    }

    public static WeeklyRollup weekly(Period period, String headline) {
        return new WeeklyRollup(null, null, period, WeeklyRollup.titleFor(period),
                List.of(achievement(headline, "2026-11-17-aaaa"), achievement("두 번째 성과 🚀", "2026-11-18-bbbb")),
                List.of("검색 지연 85% 감소", "장애 0건: \"zero\" incidents", "Redis, Kafka 도입"),
                List.of("2026-11-17-aaaa", "2026-11-18-bbbb"), generation("claude"),
                List.of("a number no source contains: 99%"));
    }

    public static MonthlyRollup monthly(YearMonth month, String brief) {
        Map<String, Integer> category = new LinkedHashMap<>();
        category.put("성능개선", 5);
        category.put("버그픽스", 2);
        Map<String, Integer> impact = new LinkedHashMap<>();
        impact.put("High", 3);
        impact.put("Medium", 4);
        impact.put("Low", 0);
        Map<String, Integer> tech = new LinkedHashMap<>();
        tech.put("Java", 6);
        tech.put("C++", 1);
        return new MonthlyRollup(null, null, month, MonthlyRollup.titleFor(month),
                List.of(achievement("월간 성과", "weekly-2026-11-16_2026-11-22")),
                List.of(brief, "Led the Redis rollout across 3 services", "장애 대응 시간 50% 단축"),
                new MonthlyStats(7, 4, category, impact, tech),
                List.of("weekly-2026-11-16_2026-11-22", "weekly-2026-11-23_2026-11-29"), generation("offline"),
                List.of());
    }
}
