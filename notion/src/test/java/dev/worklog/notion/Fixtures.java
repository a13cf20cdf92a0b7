package dev.worklog.notion;

import dev.worklog.http.RetryPolicy;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Builders of test data and of repositories wired to a test clock. */
final class Fixtures {
    static final String TOKEN = "ntn_test_secret_0123456789abcdef";

    private Fixtures() {
    }

    static NotionWorkLogRepository.Builder repo(URI baseUrl, String version, TestTime time, ExecutionLog log) {
        return NotionWorkLogRepository.builder()
                .baseUrl(baseUrl)
                .version(version)
                .token(TOKEN)
                .dailyDatabaseId(dev.worklog.notion.fake.FakeNotionServer.DB1)
                .weeklyDatabaseId(dev.worklog.notion.fake.FakeNotionServer.DB2)
                .monthlyDatabaseId(dev.worklog.notion.fake.FakeNotionServer.DB3)
                .clock(time)
                .sleeper(time)
                .shareRateLimiter(false)
                .executionLog(log)
                .retryPolicy(NotionWorkLogRepository.Builder.defaultRetryPolicy().toBuilder().random(() -> 0.5)
                        .build());
    }

    static RetryPolicy policy() {
        return NotionWorkLogRepository.Builder.defaultRetryPolicy().toBuilder().random(() -> 0.5).build();
    }

    static DailyLog log(String title, LocalDate date, String context) {
        return new DailyLog(null, null, title, context, "신규기능", ImpactLevel.HIGH, List.of("Java", "Notion"), date,
                "Logged", "p99 800ms -> 120ms", "https://jira.example.com/browse/WL-1");
    }

    static Generation generation() {
        return new Generation("offline", "offline-1", "v3", "sha256:abc123", Instant.parse("2026-11-23T10:00:00Z"));
    }

    static Achievement achievement(String title, List<String> sources) {
        return new Achievement(title, "검색 API 지연이 컸다", "p99 를 낮춘다", "Redis 캐시를 도입했다\n인덱스를 정리했다",
                "p99 800ms -> 120ms", List.of("Java", "Redis"), List.of("p99 -85%"), sources);
    }

    static WeeklyRollup weekly(Period period, List<String> sourceIds, String highlight) {
        return new WeeklyRollup(null, null, period, WeeklyRollup.titleFor(period),
                List.of(achievement("검색 지연 개선", sourceIds.subList(0, Math.min(2, sourceIds.size()))),
                        achievement("배포 자동화", List.of())),
                List.of(highlight, "두 번째 하이라이트"), sourceIds, generation(), List.of("number 85% not in sources"));
    }

    static MonthlyRollup monthly(YearMonth month, List<String> weekIds, MonthlyStats stats) {
        return new MonthlyRollup(null, null, month, MonthlyRollup.titleFor(month),
                List.of(achievement("월간 성과", weekIds)), List.of("검색 성능을 6배 개선했다.", "배포를 자동화했다."), stats,
                weekIds, generation(), List.of());
    }
}
