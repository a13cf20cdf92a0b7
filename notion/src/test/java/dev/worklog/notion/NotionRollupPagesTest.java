package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.MonthlyResult;
import dev.worklog.RollupStatus;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.backup.BackupReport;
import dev.worklog.internal.backup.Backup;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.notion.internal.blocks.MarkdownToBlocks;
import dev.worklog.notion.internal.blocks.RichText;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SummaryInput;
import dev.worklog.store.LocalWorkLogRepository;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.ScriptedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Roll-up pages against the fake Notion: reruns that write only what changed, the original Python system's pages,
 * pages edited by hand, and issue 9's repros (a weekly rerun over a long formatted context says UNCHANGED; an
 * import run twice writes nothing the second time).
 */
class NotionRollupPagesTest {
    private static final Period W47 = Period.parseIsoWeek("2026-W47");

    @TempDir
    Path dir;

    private FakeNotionServer fake;
    private TestTime time;
    private NotionWorkLogRepository repo;

    private void start(String version) {
        time = TestTime.at("2026-11-26T09:00:00Z");
        fake = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        repo = Fixtures.repo(fake.baseUrl(), version, time, ExecutionLog.disabled()).build();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    /** An LLM that counts its calls and answers as the offline summarizer does. */
    private static final class Counting implements LlmProvider {
        final AtomicInteger calls = new AtomicInteger();
        final List<LlmRequest> requests = new ArrayList<>();
        private final OfflineSummarizer offline = new OfflineSummarizer();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String model() {
            return "counting-1";
        }

        @Override
        public LlmResponse complete(LlmRequest request) {
            calls.incrementAndGet();
            requests.add(request);
            LlmResponse r = offline.complete(request);
            return new LlmResponse(r.text(), new TokenUsage(1200, 300), "counting-1");
        }
    }

    private WorkLogger logger(LlmProvider llm) {
        return WorkLogger.builder().repository(repo).llmProvider(llm).clock(time).sleeper(time).zone(ZoneOffset.UTC)
                .executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), time, ZoneOffset.UTC, List.of()))
                .build();
    }

    private static Achievement achievement(int n, String result) {
        StringBuilder action = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            action.append("- 조치 ").append(n).append('.').append(i).append(": 캐시 키 설계와 인덱스 정리\n");
        }
        return new Achievement("성과 " + n, "검색 API 의 p99 지연이 800ms 였다.", "p99 를 200ms 아래로 낮춘다.",
                action.toString().strip(), result, List.of("Java", "Redis"), List.of("p99 800ms -> 120ms"),
                List.of("log-" + n));
    }

    private static WeeklyRollup weekly(List<String> logIds, String result, String fingerprint) {
        List<Achievement> achievements = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            achievements.add(achievement(n, n == 3 ? result : "p99 800ms -> 120ms"));
        }
        List<Achievement> cited = achievements.stream().map(a -> new Achievement(a.title(), a.situation(), a.task(),
                a.action(), a.result(), a.techStack(), a.metrics(), logIds)).toList();
        return new WeeklyRollup(null, null, W47, WeeklyRollup.titleFor(W47), cited,
                List.of("검색 p99 800ms -> 120ms", "배포 자동화"), logIds,
                new Generation("claude", "claude-sonnet-4-6", "v3", fingerprint, Instant.parse("2026-11-26T09:00:00Z"),
                        new TokenUsage(5000, 800), Instant.parse("2026-11-26T08:59:30Z")), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-06-28", "2025-09-03", "2026-03-11"})
    void aRerunWithOneAchievementChangedUpdatesOnlyTheChangedBlocksInPlace(String version) {
        start(version);
        String log = repo.saveDailyLog(Fixtures.log("a", LocalDate.of(2026, 11, 18), "x")).id();
        StoredRef ref = repo.upsertWeekly(weekly(List.of(log), "p99 800ms -> 120ms", "aaaa-1111"));
        int blocks = fake.tree(ref.id()).stream().mapToInt(dev.worklog.notion.internal.blocks.Blocks::count).sum();
        assertThat(blocks).isGreaterThan(140);

        // find, generate, store: as a weekly run does
        assertThat(repo.findWeekly(W47)).isPresent();
        fake.clearRequests();
        WeeklyRollup changed = weekly(List.of(log), "p99 800ms -> 90ms, 타임아웃 0건", "bbbb-2222");
        repo.upsertWeekly(changed);

        List<FakeNotionServer.Recorded> run = fake.requests();
        List<FakeNotionServer.Recorded> updates = run.stream()
                .filter(r -> r.method().equals("PATCH") && r.path().startsWith("/v1/blocks/")
                        && !r.path().endsWith("/children")).toList();
        // the changed result, the fingerprint line of the generation section
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).json().path("paragraph").path("rich_text").get(0).path("text").path("content")
                .asText()).isEqualTo("p99 800ms -> 90ms, 타임아웃 0건");
        assertThat(updates.get(0).headers()).containsEntry("notion-version", version)
                .containsEntry("authorization", "Bearer " + Fixtures.TOKEN);
        assertThat(run).noneMatch(r -> r.method().equals("DELETE"));
        assertThat(run).noneMatch(r -> r.path().endsWith("/children"));
        assertThat(run).hasSize(updates.size() + 1);
        // the page holds exactly what a fresh write would
        assertThat(repo.findWeekly(W47).orElseThrow()).isEqualTo(changed.withStored(ref.id(), ref.url()));
        assertThat(fake.pageIds(FakeNotionServer.DB2)).containsExactly(ref.id());
    }

    @Test
    void aRerunThatAddsABlockBeforeEveryOtherRewritesOnOldVersionsAndInsertsAtTheStartOnNewOnes() {
        for (String version : List.of("2025-09-03", "2026-03-11")) {
            start(version);
            String log = repo.saveDailyLog(Fixtures.log("a", LocalDate.of(2026, 11, 18), "x")).id();
            WeeklyRollup byModel = weekly(List.of(log), "r", "aaaa-1");
            StoredRef ref = repo.upsertWeekly(byModel);
            // offline roll-ups start with a notice quote: a block before every other
            WeeklyRollup offline = new WeeklyRollup(null, null, W47, byModel.title(), byModel.achievements(),
                    byModel.keyHighlights(), byModel.sourceLogIds(), new Generation("offline", "offline-extractive-1",
                            "v3", "aaaa-1", byModel.generation().generatedAt(), byModel.generation().usage(),
                            byModel.generation().sourcesReadAt()), List.of());
            fake.clearRequests();
            repo.upsertWeekly(offline);
            assertThat(repo.findWeekly(W47).orElseThrow()).isEqualTo(offline.withStored(ref.id(), ref.url()));
            long deletes = fake.count("DELETE", "/v1/blocks/");
            if (version.equals("2026-03-11")) {
                assertThat(deletes).isZero();
                assertThat(fake.requests()).anyMatch(r -> r.path().endsWith("/children")
                        && r.json().path("position").path("type").asText().equals("start"));
            } else {
                assertThat(deletes).as("rewritten: no way to insert before the first block").isPositive();
            }
            fake.close();
            fake = null;
        }
    }

    // ---------------------------------------------------------------- pages of the original system

    private ObjectNode weeklyProperties(String title, Period period, String highlights) {
        ObjectNode p = dev.worklog.internal.Json.MAPPER.createObjectNode();
        p.putObject("Title").set("title", RichText.plainArray(title));
        p.putObject("Period Start").putObject("date").put("start", period.start().toString());
        p.putObject("Period End").putObject("date").put("start", period.end().toString());
        p.putObject("Key Highlights").set("rich_text", RichText.plainArray(highlights));
        p.putObject("Generated At").putObject("date").put("start", period.end().plusDays(1).toString());
        return p;
    }

    /** A weekly page as the original wrote it: the 🎯 heading, then one paragraph of the model's raw text. */
    private JsonNode originalWeekly(Period period, String title, String rawText) {
        List<ObjectNode> children = new ArrayList<>();
        children.addAll(MarkdownToBlocks.convert("## 🎯 주간 성과 요약"));
        ObjectNode paragraph = dev.worklog.notion.internal.blocks.Blocks.block("paragraph");
        paragraph.withObject("/paragraph").set("rich_text", RichText.plainArray(rawText));
        children.add(paragraph);
        return fake.insertPage(FakeNotionServer.DB2, weeklyProperties(title, period, "주요 성과는 본문 참고"), children);
    }

    @Test
    void dailyPagesOfTheOriginalSystemReadWithoutTheirContextHeading() {
        start("2025-09-03");
        ObjectNode p = dev.worklog.internal.Json.MAPPER.createObjectNode();
        p.putObject("Name").set("title", RichText.plainArray("검색 API 개선"));
        p.putObject("Logged Date").putObject("date").put("start", "2026-11-18");
        p.putObject("Category").putObject("select").put("name", "성능개선");
        p.putObject("Impact Level").putObject("select").put("name", "High");
        p.putObject("Status").putObject("select").put("name", "Logged");
        List<ObjectNode> children = new ArrayList<>(MarkdownToBlocks.convert("## 📝 상세 컨텍스트"));
        children.addAll(MarkdownToBlocks.convert("### Situation\n\n느렸다.\n\n### Result\n\np99 120ms"));
        fake.insertPage(FakeNotionServer.DB1, p, children);

        DailyLog log = repo.findDailyLogs(W47, Set.of()).get(0);

        assertThat(log.context()).isEqualTo("### Situation\n\n느렸다.\n\n### Result\n\np99 120ms");
        assertThat(log.title()).isEqualTo("검색 API 개선");
    }

    @Test
    void aMonthOverOriginalWeeklyPagesAndAHandEditedOneFinishesNamesThemAndPromptsWithTheirTextOnly()
            throws Exception {
        start("2025-09-03");
        Period w45 = Period.parseIsoWeek("2026-W45");
        Period w46 = Period.parseIsoWeek("2026-W46");
        String raw45 = "이번 주에는 결제 API 오류율을 2%에서 0.1%로 낮췄습니다. " + "원인은 커넥션 풀 고갈이었고 ".repeat(120)
                + "배포 파이프라인도 정리했습니다.";
        JsonNode p45 = originalWeekly(w45, "2026년 11월 45주차", raw45);
        JsonNode p46 = originalWeekly(w46, "2026년 11월 46주차", "검색 인덱스를 재구성해 색인 시간을 40분에서 12분으로 줄였습니다.");
        // a week of ours that a person edited: the Result label rewritten in Korean
        String log = repo.saveDailyLog(Fixtures.log("a", LocalDate.of(2026, 11, 17), "x")).id();
        StoredRef ours = repo.upsertWeekly(weekly(List.of(log), "p99 800ms -> 120ms", "cccc-3"));
        for (JsonNode block : fake.tree(ours.id())) {
            if (RichText.plainText(block.path("paragraph").path("rich_text")).equals("Result")) {
                fake.editBlock(block.path("id").asText(), dev.worklog.internal.Json.MAPPER.readTree(
                        "{\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"결과\"}}]}}"));
            }
        }
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> {
            List<WeeklyRollup> weeks = ((SummaryInput.Monthly) r.input()).weeks();
            return "{\"achievements\":[{\"title\":\"결제 안정화\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\","
                    + "\"result\":\"오류율 0.1%\",\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + weeks.get(0).id()
                    + "\"]},{\"title\":\"색인 단축\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\",\"result\":\"12분\","
                    + "\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + weeks.get(1).id() + "\"]}],"
                    + "\"career_brief\":[\"a\",\"b\",\"c\"]}";
        });

        MonthlyResult month = logger(llm).summarizeMonth(YearMonth.of(2026, 11),
                SummarizeOptions.defaults().withDryRun(true));

        assertThat(month.status()).isEqualTo(RollupStatus.DRY_RUN);
        assertThat(month.weeksRead()).hasSize(3);
        String prompt = llm.requests.get(0).prompt();
        assertThat(prompt).contains(raw45, "2026년 11월 45주차", "주요 성과는 본문 참고",
                "색인 시간을 40분에서 12분으로", "2026년 11월 46주차", "- 조치 3.20: 캐시 키 설계와 인덱스 정리")
                .doesNotContain("🎯").doesNotContain("not recorded").doesNotContain("not readable")
                .doesNotContain("(no ");
        List<String> named = new ArrayList<>();
        for (JsonNode page : List.of(p45, p46, fake.page(ours.id()))) {
            String url = page.path("url").asText();
            named.add(url);
            assertThat(month.warnings()).anyMatch(w -> w.contains(url) && w.contains("'"
                    + page.path("properties").path("Title").path("title").get(0).path("plain_text").asText() + "'"));
        }
        assertThat(month.warnings()).anyMatch(w -> w.contains(ours.url()) && w.contains("result must not be blank"));
        String executionLog = Files.readString(dir.resolve("execution.log"));
        assertThat(named).allMatch(executionLog::contains);
    }

    @Test
    void aWeeklyRerunOverAnOriginalPageUpsertsItIntoWorklogsLayout() {
        start("2025-09-03");
        JsonNode original = originalWeekly(W47, "2026년 11월 47주차", "원본 텍스트");
        repo.saveDailyLog(Fixtures.log("검색 개선", LocalDate.of(2026, 11, 18), "### Result\n\np99 120ms"));

        WeeklyResult result = logger(new OfflineSummarizer()).summarizeWeek(W47, SummarizeOptions.defaults());

        assertThat(result.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(result.warnings()).first().asString().startsWith("weekly roll-up '2026년 11월 47주차' ("
                + original.path("url").asText() + "): the page is not in worklog's roll-up layout")
                .endsWith("; a new roll-up replaces it");
        assertThat(fake.pageIds(FakeNotionServer.DB2)).containsExactly(original.path("id").asText());
        WeeklyRollup now = repo.findWeekly(W47).orElseThrow();
        assertThat(now.freeText()).isNull();
        assertThat(now.achievements()).extracting(Achievement::title).containsExactly("검색 개선");
        assertThat(fake.tree(original.path("id").asText()).toString()).doesNotContain("주간 성과 요약");
    }

    // ---------------------------------------------------------------- issue 9's repros

    @Test
    void aWeeklyRerunOverALongFormattedContextSaysUnchangedWithoutCallingTheModel() {
        // repro 2: the weekly page could not be read back, so every rerun regenerated
        start("2025-09-03");
        String context = "### Situation\n" + "word **bold** ".repeat(60).strip() + "\n### Result\n1 ms";
        repo.saveDailyLog(Fixtures.log("긴 문단", LocalDate.of(2026, 11, 18), context));
        Counting llm = new Counting();

        WeeklyResult first = logger(llm).summarizeWeek(W47, SummarizeOptions.defaults());
        WeeklyResult second = logger(llm).summarizeWeek(W47, SummarizeOptions.defaults());

        assertThat(first.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(second.status()).isEqualTo(RollupStatus.UNCHANGED);
        assertThat(llm.calls).hasValue(1);
        WeeklyRollup stored = repo.findWeekly(W47).orElseThrow();
        assertThat(stored.freeText()).isNull();
        assertThat(stored.achievements().get(0).situation()).isEqualTo("word **bold** ".repeat(60).strip());
        assertThat(stored.generation().usage()).isEqualTo(new TokenUsage(1200, 300));
    }

    @Test
    void anUnchangedRerunOverLogsNotEditedSinceTheyWereReadMakesThreeCallsAndNoWrite() {
        start("2025-09-03");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(repo.saveDailyLog(Fixtures.log("log " + i, W47.start().plusDays(i % 7), "- 작업 " + i)).id());
        }
        time.advance(Duration.ofMinutes(10));
        Counting llm = new Counting();
        assertThat(logger(llm).summarizeWeek(W47, SummarizeOptions.defaults()).status()).isEqualTo(RollupStatus.WRITTEN);
        time.advance(Duration.ofHours(1));
        fake.clearRequests();

        WeeklyResult again = logger(llm).summarizeWeek(W47, SummarizeOptions.defaults());

        assertThat(again.status()).isEqualTo(RollupStatus.UNCHANGED);
        assertThat(llm.calls).hasValue(1);
        // one query for the week, its body, one query listing the logs; no log body, no write
        assertThat(fake.requests()).hasSizeLessThanOrEqualTo(4)
                .allMatch(r -> r.method().equals("GET") || r.path().endsWith("/query"))
                .noneMatch(r -> ids.stream().anyMatch(id -> r.path().contains(id)));

        // a log edited since: read again, and regenerated because it changed
        JsonNode item = fake.tree(ids.get(0)).get(1);
        fake.editBlock(item.path("id").asText(), dev.worklog.internal.Json.MAPPER.createObjectNode()
                .set("bulleted_list_item", dev.worklog.internal.Json.MAPPER.createObjectNode()
                        .set("rich_text", RichText.plainArray("작업 0 (고침)"))));
        time.advance(Duration.ofMinutes(1));
        assertThat(logger(llm).summarizeWeek(W47, SummarizeOptions.defaults()).status())
                .isEqualTo(RollupStatus.WRITTEN);
        assertThat(llm.calls).hasValue(2);
    }

    @Test
    void anImportRunTwiceWritesNothingTheSecondTime() {
        // repro 3: "1. a\n- b" and "para\n- item" came back with a blank line, so every import updated the roll-up
        start("2025-09-03");
        try (LocalWorkLogRepository folder = LocalWorkLogRepository.open(dir.resolve("backup"), time)) {
            DailyLog log = Fixtures.log("a", LocalDate.of(2026, 11, 18), "1. a\n- b\n\npara\n- item");
            String id = folder.saveDailyLog(log).id();
            Achievement a = new Achievement("목록", "1. a\n- b", "para\n- item", "para\n\n- item", "**p99** 120ms",
                    List.of("Java"), List.of("p99 | p50"), List.of(id));
            folder.upsertWeekly(new WeeklyRollup(null, null, W47, WeeklyRollup.titleFor(W47), List.of(a),
                    List.of("1. a\n- b"), List.of(id), new Generation("offline", "offline-extractive-1", "v3", "f",
                            Instant.parse("2026-11-26T09:00:00Z")), List.of()));

            BackupReport first = Backup.copy(folder, repo, null);
            assertThat(first.count(BackupReport.Action.CREATED)).isEqualTo(2);
            long writes = writes();
            BackupReport second = Backup.copy(folder, repo, null);

            assertThat(second.wroteAnything()).as(second.summaryLines().toString()).isFalse();
            assertThat(second.count(BackupReport.Action.UPDATED)).isZero();
            assertThat(writes()).isEqualTo(writes);
            assertThat(repo.findWeekly(W47).orElseThrow().achievements().get(0).situation()).isEqualTo("1. a\n- b");
        }
    }

    private long writes() {
        return fake.requests().stream().filter(r -> !r.method().equals("GET")
                && !(r.method().equals("POST") && r.path().contains("/query"))).count();
    }
}
