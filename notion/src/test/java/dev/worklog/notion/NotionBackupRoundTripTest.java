package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.backup.BackupReport.Action;
import dev.worklog.backup.BackupReport.Kind;
import dev.worklog.backup.BackupReport;
import dev.worklog.internal.backup.Backup;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.store.LocalWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog export} and {@code worklog import} end to end: a Notion workspace (the fake server) copied to a
 * local folder and from there into a second, empty workspace. Every field, the page bodies, the relations and
 * Korean text must survive; a second export and a second import must send no write to Notion.
 */
class NotionBackupRoundTripTest {
    private static final Period WEEK = Period.parseIsoWeek("2026-W47");
    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final Period ALL = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

    @TempDir
    Path dir;

    private TestTime time;
    private FakeNotionServer workspace;
    private FakeNotionServer fresh;
    private NotionWorkLogRepository source;
    private NotionWorkLogRepository target;

    @BeforeEach
    void start() {
        time = TestTime.at("2026-11-26T09:00:00Z");
        workspace = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        fresh = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        source = Fixtures.repo(workspace.baseUrl(), "2025-09-03", time, ExecutionLog.disabled()).build();
        target = Fixtures.repo(fresh.baseUrl(), "2025-09-03", time, ExecutionLog.disabled()).build();
    }

    @AfterEach
    void stop() {
        workspace.close();
        fresh.close();
    }

    private static final String RICH_CONTEXT = """
            ### Situation
            검색 API의 **p99 지연**이 800ms까지 올라가 고객 문의가 늘었다.

            ### Task
            p99를 `200ms` 아래로 낮춘다.

            ### Action
            1. 병목 분석 (APM 트레이스)
            2. Redis 캐시 도입
               - TTL 5분
               - 캐시 키: `search:{query}`
            - N+1 쿼리 제거

            ### Result
            p99 800ms → 120ms (85% 감소), 관련 문의 0건""";

    private List<DailyLog> populate() {
        List<DailyLog> logs = new ArrayList<>();
        logs.add(new DailyLog(null, null, "검색 API p99 지연 개선", RICH_CONTEXT, "성능개선", ImpactLevel.HIGH,
                List.of("Java", "Redis", "Spring Boot"), LocalDate.of(2026, 11, 17), "Published", "p99 800ms → 120ms",
                "https://jira.example.com/browse/SEARCH-42"));
        logs.add(new DailyLog(null, null, "결제 장애 대응", "### Situation\n결제 승인 실패율 12%\n\n### Action\n- 롤백\n"
                + "- 원인 분석 문서화\n\n### Result\n30분 만에 복구", "장애대응", ImpactLevel.MEDIUM, List.of("Kotlin"),
                LocalDate.of(2026, 11, 18), "Logged", null, null));
        logs.add(new DailyLog(null, null, "온보딩 문서 정리", "### Task\n신규 입사자 가이드 갱신\n\n### Result\n질문 50% 감소",
                "문서화", ImpactLevel.LOW, List.of("Notion"), LocalDate.of(2026, 11, 20), "In Review", "질문 50% 감소",
                null));
        List<DailyLog> stored = new ArrayList<>();
        for (DailyLog log : logs) {
            stored.add(log.withStored(source.saveDailyLog(log).id(), null));
        }
        List<String> ids = stored.stream().map(DailyLog::id).toList();
        String weekId = source.upsertWeekly(Fixtures.weekly(WEEK, ids, "검색 지연 85% 감소")).id();
        source.upsertMonthly(Fixtures.monthly(MONTH, List.of(weekId), MonthlyStats.of(stored, 1)));
        return stored;
    }

    private static List<DailyLog> withoutIds(List<DailyLog> logs) {
        return logs.stream().map(l -> l.withStored(null, null)).toList();
    }

    private static DailyLog fieldsButContext(DailyLog l) {
        return new DailyLog(null, null, l.title(), "", l.category(), l.impactLevel(), l.techStack(), l.loggedDate(),
                l.status(), l.metrics(), l.ticketUrl());
    }

    private static Map<String, String> titles(WorkLogRepository repo) {
        return repo.findDailyLogs(ALL, Set.of()).stream().collect(Collectors.toMap(DailyLog::id, DailyLog::title));
    }

    @Test
    void exportAndImportKeepEveryFieldBodyAndRelationAndRunTwiceWithoutWriting() throws Exception {
        List<DailyLog> written = populate();
        List<DailyLog> inNotion = source.findDailyLogs(ALL, Set.of());
        // Notion gives back what was written, up to blank lines between blocks: the baseline the copies must equal
        assertThat(inNotion).extracting(NotionBackupRoundTripTest::fieldsButContext)
                .containsExactlyElementsOf(written.stream().map(NotionBackupRoundTripTest::fieldsButContext).toList());
        assertThat(inNotion).extracting(l -> l.context().replaceAll("\n+", "\n"))
                .containsExactlyElementsOf(written.stream().map(l -> l.context().replaceAll("\n+", "\n")).toList());

        try (LocalWorkLogRepository folder = LocalWorkLogRepository.open(dir.resolve("backup"), time)) {
            // ---- export
            BackupReport export = Backup.copy(source, folder, null);
            assertThat(export.count(Kind.DAILY, Action.CREATED)).isEqualTo(3);
            assertThat(export.count(Kind.WEEKLY, Action.CREATED)).isEqualTo(1);
            assertThat(export.count(Kind.MONTHLY, Action.CREATED)).isEqualTo(1);
            assertThat(export.warnings()).isEmpty();
            assertThat(withoutIds(folder.findDailyLogs(ALL, Set.of()))).containsExactlyElementsOf(withoutIds(inNotion));
            assertThat(Files.readString(onlyFile(dir.resolve("backup/daily"), "검색"))).contains("   - TTL 5분",
                    "p99 800ms → 120ms (85% 감소)", "https://jira.example.com/browse/SEARCH-42");
            assertSameRollups(source, folder);

            Map<Path, String> files = contents(dir.resolve("backup"));
            long notionWrites = writes(workspace);
            BackupReport exportAgain = Backup.copy(source, folder, null);
            assertThat(exportAgain.wroteAnything()).as(exportAgain.summaryLines().toString()).isFalse();
            assertThat(contents(dir.resolve("backup"))).isEqualTo(files);
            assertThat(writes(workspace)).isEqualTo(notionWrites);

            // ---- import into an empty workspace
            BackupReport imported = Backup.copy(folder, target, null);
            assertThat(imported.count(Action.CREATED)).isEqualTo(5);
            assertThat(imported.warnings()).isEmpty();
            assertThat(withoutIds(target.findDailyLogs(ALL, Set.of()))).containsExactlyElementsOf(withoutIds(inNotion));
            assertSameRollups(source, target);

            // relations point at the new workspace's pages, in Notion's own relation properties
            Map<String, String> newTitles = titles(target);
            String weekPage = fresh.pageIds(FakeNotionServer.DB2).get(0);
            assertThat(fresh.relation(weekPage, "Source Logs")).extracting(newTitles::get)
                    .containsExactlyInAnyOrder("검색 API p99 지연 개선", "결제 장애 대응", "온보딩 문서 정리");
            String monthPage = fresh.pageIds(FakeNotionServer.DB3).get(0);
            assertThat(fresh.relation(monthPage, "Source Weeks")).containsExactly(weekPage);
            assertThat(fresh.pageIds(FakeNotionServer.DB1)).doesNotContainAnyElementsOf(
                    workspace.pageIds(FakeNotionServer.DB1));

            // ---- a second import creates nothing and sends no write
            long before = writes(fresh);
            BackupReport again = Backup.copy(folder, target, null);
            assertThat(again.wroteAnything()).as(again.summaryLines().toString()).isFalse();
            assertThat(again.count(Action.SKIPPED)).isEqualTo(5);
            assertThat(writes(fresh)).isEqualTo(before);
            assertThat(fresh.pageIds(FakeNotionServer.DB1)).hasSize(3);
        }
    }

    /** Weekly and monthly roll-ups of two stores hold the same content, relations compared by what they point at. */
    private static void assertSameRollups(WorkLogRepository a, WorkLogRepository b) {
        Map<String, String> titlesA = titles(a);
        Map<String, String> titlesB = titles(b);
        WeeklyRollup wa = a.findWeekly(WEEK).orElseThrow();
        WeeklyRollup wb = b.findWeekly(WEEK).orElseThrow();
        assertThat(wb.title()).isEqualTo(wa.title());
        assertThat(wb.keyHighlights()).isEqualTo(wa.keyHighlights()).contains("검색 지연 85% 감소");
        assertThat(wb.warnings()).isEqualTo(wa.warnings());
        assertThat(wb.generation()).isEqualTo(wa.generation());
        assertThat(mapped(wb.sourceLogIds(), titlesB::get)).isEqualTo(mapped(wa.sourceLogIds(), titlesA::get));
        assertThat(wb.achievements()).hasSameSizeAs(wa.achievements());
        for (int i = 0; i < wa.achievements().size(); i++) {
            var x = wa.achievements().get(i);
            var y = wb.achievements().get(i);
            assertThat(List.of(y.title(), y.situation(), y.task(), y.action(), y.result()))
                    .isEqualTo(List.of(x.title(), x.situation(), x.task(), x.action(), x.result()));
            assertThat(y.techStack()).isEqualTo(x.techStack());
            assertThat(y.metrics()).isEqualTo(x.metrics());
            assertThat(mapped(y.sourceIds(), titlesB::get)).isEqualTo(mapped(x.sourceIds(), titlesA::get));
        }
        MonthlyRollup ma = a.findMonthly(MONTH).orElseThrow();
        MonthlyRollup mb = b.findMonthly(MONTH).orElseThrow();
        assertThat(mb.careerBrief()).isEqualTo(ma.careerBrief()).contains("검색 성능을 6배 개선했다.");
        assertThat(mb.stats()).isEqualTo(ma.stats());
        assertThat(mb.achievements()).extracting(x -> x.title() + "|" + x.result())
                .isEqualTo(ma.achievements().stream().map(x -> x.title() + "|" + x.result()).toList());
        assertThat(mb.sourceWeekIds()).containsExactly(wb.id());
        assertThat(ma.sourceWeekIds()).containsExactly(wa.id());
    }

    private static List<String> mapped(List<String> ids, Function<String, String> f) {
        return ids.stream().map(f).sorted().toList();
    }

    /** Page creations and updates, block appends and deletions: everything that changes a workspace. */
    private static long writes(FakeNotionServer fake) {
        return fake.requests().stream().filter(r -> !r.method().equals("GET")
                && !(r.method().equals("POST") && r.path().contains("/query"))).count();
    }

    private static Path onlyFile(Path folder, String titlePart) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> {
                try {
                    return Files.readString(p).contains(titlePart);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
    }

    private static Map<Path, String> contents(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toMap(p -> p, p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }));
        }
    }
}
