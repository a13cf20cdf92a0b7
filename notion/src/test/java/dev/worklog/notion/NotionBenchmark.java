package dev.worklog.notion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives the repository against the fake Notion server, both limited to 3 requests/s with bursts of 10, and prints
 * (a) the wall time of 60 creates against the least time the limit allows, with the 429s received, (b) the Notion
 * calls of a weekly run over 40 logs and its wall time against calls / 3 s, (c) the calls of a rerun that changes one
 * achievement of a weekly page of about 160 blocks, against the blocks it changed, and its wall time against
 * calls / 3 s, and (d) the calls of an unchanged rerun of the weekly over 40 logs (logs written ten minutes before
 * the first run, as logs are). Not a unit test: it really waits (about a minute and a half). Run with
 * {@code bench/notion.sh}.
 */
public final class NotionBenchmark {
    private static final double RATE = 3.0;
    private static final int BURST = 10;

    private NotionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // JIT warm-up on a throwaway server without limits, so that class loading is not billed to the limiter
        try (FakeNotionServer warm = FakeNotionServer.start()) {
            NotionWorkLogRepository repo = NotionWorkLogRepository.builder().baseUrl(warm.baseUrl())
                    .token("ntn_warm_up_token").dailyDatabaseId(FakeNotionServer.DB1).rateLimit(0, 1).build();
            for (int i = 0; i < 30; i++) {
                repo.saveDailyLog(log("warm " + i, LocalDate.of(2026, 11, 2), i));
            }
            repo.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 2)), java.util.Set.of());
        }
        // the fake stamps pages with this clock: logs are written "ten minutes ago", runs happen now
        MutableClock notionClock = new MutableClock(Instant.now().minus(Duration.ofMinutes(10)));
        try (FakeNotionServer fake = FakeNotionServer.start(0, null, notionClock)) {
            fake.rateLimit(RATE, BURST);
            NotionWorkLogRepository repo = NotionWorkLogRepository.builder()
                    .baseUrl(fake.baseUrl())
                    .token("ntn_benchmark_token")
                    .dailyDatabaseId(FakeNotionServer.DB1)
                    .weeklyDatabaseId(FakeNotionServer.DB2)
                    .monthlyDatabaseId(FakeNotionServer.DB3)
                    .rateLimit(RATE, BURST)
                    .build();

            // (a) 60 creates from a full bucket
            Period weekA = Period.isoWeekOf(LocalDate.of(2026, 11, 16));
            int before = fake.requests().size();
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                repo.saveDailyLog(log("create " + i, weekA.start().plusDays(i % 7), i));
            }
            double wall = (System.nanoTime() - start) / 1e9;
            int calls = fake.requests().size() - before;
            Map<String, Integer> byEndpoint = endpoints(fake.requests().subList(before, fake.requests().size()));
            double minimum = Math.max(0, 60 - BURST) / RATE;
            double minimumCalls = Math.max(0, calls - BURST) / RATE;
            System.out.printf(Locale.ROOT, "(a) 60 creates: %.2f s wall, %d Notion calls %s; least time at %.0f/s "
                    + "burst %d: %.2f s for 60 calls, %.2f s for %d calls%n",
                    wall, calls, byEndpoint, RATE, BURST, minimum, minimumCalls, calls);
            System.out.printf(Locale.ROOT, "(a) ratio wall / minimum = %.3f (per call made: %.3f), goal <= 1.10; "
                    + "429s received: %d, goal 0%n", wall / minimum, wall / minimumCalls, fake.rateLimitedCount());

            // (b) a weekly run over 40 logs, orchestrated by core exactly as the CLI and server do
            Period weekB = Period.isoWeekOf(LocalDate.of(2026, 11, 23));
            for (int i = 0; i < 40; i++) {
                repo.saveDailyLog(log("weekly source " + i, weekB.start().plusDays(i % 7), i));
            }
            WorkLogger logger = WorkLogger.builder()
                    .config(WorkLogConfig.of(Map.of("LLM_PROVIDER", "offline")))
                    .repository(repo)
                    .executionLog(ExecutionLog.disabled())
                    .build();
            notionClock.advance(Duration.between(notionClock.instant(), Instant.now()));
            before = fake.requests().size();
            int limitedBefore = fake.rateLimitedCount();
            start = System.nanoTime();
            WeeklyResult result = logger.summarizeWeek(weekB, SummarizeOptions.defaults());
            wall = (System.nanoTime() - start) / 1e9;
            List<FakeNotionServer.Recorded> run = fake.requests().subList(before, fake.requests().size());
            System.out.printf(Locale.ROOT, "(b) weekly run over %d logs (%s): %d Notion calls, goal <= 44: %s%n",
                    result.logsRead().size(), result.status(), run.size(), endpoints(run));
            System.out.printf(Locale.ROOT, "(b) %.2f s wall; ratio wall / (calls / %.0f per s) = %.3f, goal <= 1.10; "
                    + "429s: %d%n", wall, RATE, wall / (run.size() / RATE), fake.rateLimitedCount() - limitedBefore);

            // (c) a rerun of a weekly page of about 160 blocks in which one achievement changed: find, store
            Period weekC = Period.isoWeekOf(LocalDate.of(2026, 11, 30));
            List<String> sources = result.rollup().sourceLogIds();
            repo.upsertWeekly(bigWeek(weekC, sources, "p99 800ms -> 120ms", "1111"));
            String page = repo.findWeekly(weekC).orElseThrow().id();
            int blocks = count(fake.tree(page));
            before = fake.requests().size();
            limitedBefore = fake.rateLimitedCount();
            start = System.nanoTime();
            repo.findWeekly(weekC);
            repo.upsertWeekly(bigWeek(weekC, sources, "p99 800ms -> 90ms, 타임아웃 0건", "2222"));
            wall = (System.nanoTime() - start) / 1e9;
            run = fake.requests().subList(before, fake.requests().size());
            long changed = run.stream().filter(r -> r.method().equals("DELETE") || r.method().equals("PATCH")
                    && r.path().startsWith("/v1/blocks/")).count();
            System.out.printf(Locale.ROOT, "(c) rerun of a weekly page of %d blocks with one achievement changed: %d Notion "
                    + "calls for %d changed blocks (goal <= changed + 6 = %d): %s%n", blocks, run.size(), changed,
                    changed + 6, endpoints(run));
            System.out.printf(Locale.ROOT, "(c) %.2f s wall; ratio wall / (calls / %.0f per s) = %.3f, goal <= 1.10; "
                    + "429s: %d%n", wall, RATE, wall / (run.size() / RATE), fake.rateLimitedCount() - limitedBefore);

            // (d) the weekly over 40 logs again, nothing edited since its first run
            before = fake.requests().size();
            start = System.nanoTime();
            WeeklyResult again = logger.summarizeWeek(weekB, SummarizeOptions.defaults());
            wall = (System.nanoTime() - start) / 1e9;
            run = fake.requests().subList(before, fake.requests().size());
            long writes = run.stream().filter(r -> !r.method().equals("GET") && !r.path().endsWith("/query")).count();
            System.out.printf(Locale.ROOT, "(d) unchanged rerun of the weekly over %d logs (%s): %d Notion calls (goal "
                    + "<= 4), %d writes (goal 0), %.2f s wall: %s%n", again.rollup().sourceLogIds().size(),
                    again.status(), run.size(), writes, wall, endpoints(run));
        }
    }

    private static Map<String, Integer> endpoints(List<FakeNotionServer.Recorded> run) {
        Map<String, Integer> byEndpoint = new TreeMap<>();
        for (FakeNotionServer.Recorded r : run) {
            String path = r.path().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").replaceAll("\\?.*", "");
            byEndpoint.merge(r.method() + " " + path, 1, Integer::sum);
        }
        return byEndpoint;
    }

    private static int count(List<JsonNode> tree) {
        return tree.stream().mapToInt(dev.worklog.notion.internal.blocks.Blocks::count).sum();
    }

    /** Five achievements of 30 blocks or so each (a long Action list), about 160 blocks in all. */
    private static WeeklyRollup bigWeek(Period period, List<String> sources, String thirdResult, String fingerprint) {
        List<Achievement> achievements = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            StringBuilder action = new StringBuilder();
            for (int i = 1; i <= 20; i++) {
                action.append("- 조치 ").append(n).append('.').append(i).append(": 캐시 키 설계와 인덱스 정리\n");
            }
            achievements.add(new Achievement("성과 " + n, "검색 API 의 p99 지연이 800ms 였다.", "p99 를 200ms 아래로 낮춘다.",
                    action.toString().strip(), n == 3 ? thirdResult : "p99 800ms -> 120ms", List.of("Java", "Redis"),
                    List.of("p99 800ms -> 120ms"), sources.subList(0, 2)));
        }
        return new WeeklyRollup(null, null, period, WeeklyRollup.titleFor(period), achievements,
                List.of("검색 p99 800ms -> 120ms", "배포 자동화"), sources,
                new Generation("claude", "claude-sonnet-4-6", "v3", fingerprint, Instant.parse("2026-12-07T09:00:00Z"),
                        new TokenUsage(5000, 800), Instant.parse("2026-12-07T08:59:30Z")), List.of());
    }

    private static DailyLog log(String title, LocalDate day, int i) {
        String context = "### Situation\n\n검색 API 의 p99 지연이 800ms 로 사용자 이탈이 늘었다.\n\n### Task\n\n"
                + "p99 를 200ms 아래로 낮춘다.\n\n### Action\n\n- Redis 캐시 도입 (" + i + ")\n- 느린 쿼리 인덱스 정리\n"
                + "- 부하 테스트로 검증\n\n### Result\n\n**p99** 800ms -> 120ms, 타임아웃 40% 감소.";
        return new DailyLog(null, null, title, context, "성능개선", ImpactLevel.HIGH, List.of("Java", "Redis"), day,
                "Logged", "p99 800ms -> 120ms", null);
    }
}
