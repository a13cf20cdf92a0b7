package dev.worklog.internal.backup;

import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** A small, realistic history (Korean text, every optional field) written into any store. */
public final class BackupFixtures {
    static final Instant GENERATED = Instant.parse("2026-11-23T00:10:00Z");
    static final Period WEEK_46 = Period.parseIsoWeek("2026-W46");
    static final Period WEEK_47 = Period.parseIsoWeek("2026-W47");

    private BackupFixtures() {
    }

    static DailyLog log(String title, LocalDate date, String category, ImpactLevel impact, String metrics,
            String ticket) {
        String context = "### Situation\n검색 API의 p99 지연이 800ms까지 올라갔다.\n\n### Task\n- 원인 분석\n- 개선안 적용\n\n"
                + "### Action\n1. Redis 캐시 도입\n2. N+1 쿼리 제거\n\n### Result\np99 800ms → 120ms (" + title + ")";
        return new DailyLog(null, null, title, context, category, impact, List.of("Java", "Redis"), date, "Logged",
                metrics, ticket);
    }

    /** What {@link #populate} stored, with the source ids. */
    record History(List<DailyLog> logs, WeeklyRollup week46, WeeklyRollup week47, MonthlyRollup month) {
    }

    public static History populate(WorkLogRepository repo) {
        List<DailyLog> logs = new ArrayList<>();
        logs.add(stored(repo, log("검색 API 지연 개선", LocalDate.of(2026, 11, 10), "성능개선", ImpactLevel.HIGH,
                "p99 800ms → 120ms", "https://jira.example.com/browse/SEARCH-42")));
        logs.add(stored(repo, log("결제 장애 대응", LocalDate.of(2026, 11, 12), "장애대응", ImpactLevel.MEDIUM, null, null)));
        logs.add(stored(repo, log("배치 리팩토링", LocalDate.of(2026, 11, 17), "리팩토링", ImpactLevel.LOW, "빌드 30% 단축",
                null)));
        logs.add(stored(repo, log("온보딩 문서화", LocalDate.of(2026, 11, 19), "문서화", ImpactLevel.LOW, null,
                "https://jira.example.com/browse/DOC-7")));
        WeeklyRollup w46 = week(WEEK_46, List.of(logs.get(0).id(), logs.get(1).id()));
        w46 = w46.withStored(repo.upsertWeekly(w46).id(), null);
        WeeklyRollup w47 = week(WEEK_47, List.of(logs.get(2).id(), logs.get(3).id()));
        w47 = w47.withStored(repo.upsertWeekly(w47).id(), null);
        MonthlyRollup month = month(YearMonth.of(2026, 11), List.of(w46.id(), w47.id()), logs);
        month = month.withStored(repo.upsertMonthly(month).id(), null);
        return new History(logs, w46, w47, month);
    }

    static DailyLog stored(WorkLogRepository repo, DailyLog log) {
        StoredRef ref = repo.saveDailyLog(log);
        return log.withStored(ref.id(), ref.url());
    }

    static WeeklyRollup week(Period period, List<String> logIds) {
        Achievement a = new Achievement("검색 지연 85% 감소", "p99 지연 800ms", "지연 개선", "Redis 캐시와 쿼리 정리",
                "p99 800ms → 120ms", List.of("Java", "Redis"), List.of("p99 800ms → 120ms"), List.of(logIds.get(0)));
        Achievement b = new Achievement("운영 안정화", "장애와 부채", "안정화", "장애 대응과 리팩토링", "재발 0건",
                List.of("Java"), List.of(), logIds);
        return new WeeklyRollup(null, null, period, WeeklyRollup.titleFor(period), List.of(a, b),
                List.of("검색 지연 85% 감소", "장애 재발 0건"), logIds, generation(), List.of());
    }

    static MonthlyRollup month(YearMonth month, List<String> weekIds, List<DailyLog> logs) {
        Achievement a = new Achievement("서비스 성능과 안정성 개선", "지연과 장애", "개선", "캐시, 장애 대응, 리팩토링",
                "p99 85% 감소", List.of("Java", "Redis"), List.of("p99 800ms → 120ms"), weekIds);
        return new MonthlyRollup(null, null, month, MonthlyRollup.titleFor(month), List.of(a),
                List.of("검색 API p99 지연을 85% 줄였다.", "결제 장애를 재발 없이 해결했다.", "온보딩 문서를 정비했다."),
                MonthlyStats.of(logs, weekIds.size()), weekIds, generation(), List.of("경고: 예시"));
    }

    static Generation generation() {
        return new Generation("offline", "offline-1", "v1", "sha256:abc", GENERATED);
    }
}
