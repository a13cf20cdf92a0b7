package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.fake.FakeNotionServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The repository against the stateful fake, in both API versions. */
class NotionRepositoryTest {
    private FakeNotionServer fake;
    private TestTime time;
    private NotionWorkLogRepository repo;
    private Path logFile;

    @TempDir
    Path dir;

    private void start(String version) {
        time = TestTime.at("2026-11-26T09:00:00Z");
        fake = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        logFile = dir.resolve("execution.log");
        repo = Fixtures.repo(fake.baseUrl(), version, time,
                ExecutionLog.toFile(logFile, time, ZoneOffset.UTC, List.of(Fixtures.TOKEN))).build();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    static String koreanContext() {
        StringBuilder sb = new StringBuilder();
        sb.append("### Situation\n\n");
        sb.append("검색 서비스의 응답 지연이 커서 사용자 이탈이 늘었다. ".repeat(90).strip()).append("\n\n");
        sb.append("### Action\n\n");
        for (int i = 1; i <= 150; i++) {
            sb.append("- 조치 ").append(i).append(": 캐시 키 설계와 인덱스 정리\n");
        }
        sb.append("\n### Result\n\n**p99** 지연이 800ms 에서 120ms 로 줄었다.");
        return sb.toString();
    }

    @Test
    void previewShowsThePropertiesAndBlocksOfTheCreateWithoutCallingNotion() {
        start("2025-09-03");
        DailyLog log = Fixtures.log("미리보기", LocalDate.of(2026, 11, 24), "### Action\n\n- 캐시\n  - 키 설계");

        com.fasterxml.jackson.databind.JsonNode preview = dev.worklog.internal.Json.MAPPER
                .valueToTree(repo.previewDailyLog(log));

        assertThat(fake.requests()).isEmpty();
        assertThat(preview.path("database_id").asText()).isEqualTo(FakeNotionServer.DB1);
        assertThat(preview.at("/properties/Name/title/0/text/content").asText()).isEqualTo("미리보기");
        assertThat(preview.at("/properties/Logged Date/date/start").asText()).isEqualTo("2026-11-24");
        assertThat(preview.at("/children/0/type").asText()).isEqualTo("heading_2");
        String blocks = preview.path("children").toString();
        assertThat(blocks).contains("bulleted_list_item", "캐시", "키 설계");
        assertThat(fake.pageIds(FakeNotionServer.DB1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28", "2026-03-11"})
    void dailyLogIsWrittenWithDateOnlyAndReadBackExactly(String version) {
        start(version);
        DailyLog log = Fixtures.log("검색 API p99 개선", LocalDate.of(2026, 11, 24),
                "### Situation\n\n느렸다.\n\n### Action\n\n- 캐시\n  - 키 설계\n    - TTL 조정\n      - 모니터링\n\n"
                        + "```java\nint x = 1;\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |");
        StoredRef ref = repo.saveDailyLog(log);

        FakeNotionServer.Recorded create = fake.requests().stream()
                .filter(FakeNotionServer.request("POST", "/v1/pages")).findFirst().orElseThrow();
        assertThat(create.headers()).containsEntry("notion-version", version)
                .containsEntry("authorization", "Bearer " + Fixtures.TOKEN)
                .containsEntry("content-type", "application/json");
        JsonNode body = create.json();
        assertThat(body.path("properties").path("Logged Date").path("date").path("start").asText())
                .isEqualTo("2026-11-24");
        assertThat(body.path("parent").path("type").asText())
                .isEqualTo(version.equals("2022-06-28") ? "database_id" : "data_source_id");
        assertThat(body.path("properties").path("Tech Stack").path("multi_select").toString())
                .isEqualTo("[{\"name\":\"Java\"},{\"name\":\"Notion\"}]");

        List<DailyLog> found = repo.findDailyLogs(new Period(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)),
                Set.of());
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).isEqualTo(log.withStored(ref.id(), ref.url()));
        JsonNode heading = fake.children(ref.id()).get(0);
        assertThat(heading.path("type").asText()).isEqualTo("heading_2");
        assertThat(heading.path("heading_2").path("rich_text").get(0).path("plain_text").asText()).isEqualTo("Context");
        String queryPath = version.equals("2022-06-28") ? "/v1/databases/" + FakeNotionServer.DB1 + "/query"
                : "/v1/data_sources/";
        assertThat(fake.count("POST", queryPath)).isGreaterThan(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void koreanContextOf4500CharactersAnd150ItemsRoundTripsExactly(String version) {
        start(version);
        String context = koreanContext();
        assertThat(context.length()).isGreaterThanOrEqualTo(4500);
        DailyLog log = Fixtures.log("긴 본문", LocalDate.of(2026, 11, 25), context);
        repo.saveDailyLog(log);
        // the body needed a create with 100 blocks and a follow-up append
        assertThat(fake.count("PATCH", "/v1/blocks/")).isEqualTo(1);
        List<DailyLog> found = repo.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 25)), Set.of("Logged"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).context()).isEqualTo(context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void weekOf250LogsIsAllReadAndAllLinkedAndRerunKeepsOnePage(String version) {
        start(version);
        Period week = Period.isoWeekOf(LocalDate.of(2026, 11, 23));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            LocalDate day = week.start().plusDays(i % 7);
            ids.add(repo.saveDailyLog(Fixtures.log("log " + i, day, "- 작업 " + i)).id());
        }
        // outside the week and filtered status: not read
        repo.saveDailyLog(Fixtures.log("next week", week.end().plusDays(1), "x"));

        List<DailyLog> logs = repo.findDailyLogs(week, Set.of("Logged"));
        assertThat(logs).hasSize(250);
        assertThat(logs).extracting(DailyLog::loggedDate).isSorted();
        assertThat(logs).allSatisfy(l -> assertThat(l.context()).startsWith("- 작업 "));

        List<String> readIds = logs.stream().map(DailyLog::id).toList();
        StoredRef first = repo.upsertWeekly(Fixtures.weekly(week, readIds, "첫 번째 실행"));
        assertThat(fake.relation(first.id(), "Source Logs")).containsExactlyInAnyOrderElementsOf(ids);

        StoredRef second = repo.upsertWeekly(Fixtures.weekly(week, readIds, "다시 실행"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(fake.pageIds(FakeNotionServer.DB2)).containsExactly(first.id());
        assertThat(fake.relation(first.id(), "Source Logs")).hasSize(250);

        WeeklyRollup back = repo.findWeekly(week).orElseThrow();
        assertThat(back.keyHighlights()).containsExactly("다시 실행", "두 번째 하이라이트");
        assertThat(back.sourceLogIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(back.achievements()).isEqualTo(Fixtures.weekly(week, readIds, "x").achievements());
        assertThat(back.generation()).isEqualTo(Fixtures.generation());
        assertThat(back.warnings()).containsExactly("number 85% not in sources");
        // the old body is gone, not appended to
        assertThat(fake.children(first.id()).stream().filter(b -> b.toString().contains("첫 번째 실행"))).isEmpty();
        assertThat(fake.count("GET", "/v1/pages/" + first.id() + "/properties/")).isGreaterThan(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void monthlyUpsertReadsBackAndWeeksStraddlingTheMonthBelongToIt(String version) {
        start(version);
        Period straddling = new Period(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 1));
        Period inside = new Period(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8));
        String log = repo.saveDailyLog(Fixtures.log("a", LocalDate.of(2026, 11, 1), "x")).id();
        String w1 = repo.upsertWeekly(Fixtures.weekly(straddling, List.of(log), "h1")).id();
        String w2 = repo.upsertWeekly(Fixtures.weekly(inside, List.of(log), "h2")).id();
        repo.upsertWeekly(Fixtures.weekly(new Period(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 13)),
                List.of(log), "h3"));

        YearMonth nov = YearMonth.of(2026, 11);
        List<WeeklyRollup> weeks = repo.findWeeklies(Period.of(nov));
        assertThat(weeks).extracting(WeeklyRollup::id).containsExactly(w1, w2);

        MonthlyStats stats = MonthlyStats.of(repo.findDailyLogs(Period.of(nov), Set.of()), 2);
        MonthlyRollup rollup = Fixtures.monthly(nov, List.of(w1, w2), stats);
        StoredRef ref = repo.upsertMonthly(rollup);
        StoredRef again = repo.upsertMonthly(rollup);
        assertThat(again.id()).isEqualTo(ref.id());
        assertThat(fake.pageIds(FakeNotionServer.DB3)).hasSize(1);
        assertThat(fake.page(ref.id()).path("properties").path("Year-Month").path("date").path("start").asText())
                .isEqualTo("2026-11-01");

        MonthlyRollup back = repo.findMonthly(nov).orElseThrow();
        assertThat(back).isEqualTo(rollup.withStored(ref.id(), back.url()));
        assertThat(repo.findMonthlies(Period.of(nov))).hasSize(1);
        assertThat(repo.findMonthly(YearMonth.of(2026, 10))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void hugeBodiesAreSplitBySizeAndLongTablesByRows(String version) {
        start(version);
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            md.append("문단 ").append(i).append(' ').append("가나다라마바사".repeat(270)).append("\n\n");
        }
        md.append("| n | 값 |\n| --- | --- |\n");
        for (int i = 0; i < 150; i++) {
            md.append("| ").append(i).append(" | **").append(i * 2).append("** |\n");
        }
        String context = md.toString().strip();
        assertThat(context.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(600_000);
        repo.saveDailyLog(Fixtures.log("huge", LocalDate.of(2026, 11, 24), context));
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(500 * 1024));
        DailyLog back = repo.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 24)), Set.of()).get(0);
        assertThat(back.context()).isEqualTo(context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03"})
    void connectionResetAfterTheCreateLandedLeavesNoDuplicate(String version) throws Exception {
        start(version);
        fake.resetAfterProcessing("POST", "/v1/pages");
        StoredRef ref = repo.saveDailyLog(Fixtures.log("once", LocalDate.of(2026, 11, 24), "body"));
        assertThat(fake.pageIds(FakeNotionServer.DB1)).containsExactly(ref.id());
        assertThat(fake.count("POST", "/v1/pages")).isEqualTo(1);
        assertThat(fake.requests()).hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03"})
    void connectionResetAfterAnAppendLandedLeavesNoDuplicateBlocks(String version) {
        start(version);
        String context = koreanContext();
        fake.resetAfterProcessing("PATCH", "/v1/blocks/");
        StoredRef ref = repo.saveDailyLog(Fixtures.log("once", LocalDate.of(2026, 11, 24), context));
        assertThat(fake.count("PATCH", "/v1/blocks/")).isEqualTo(1);
        DailyLog back = repo.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 24)), Set.of()).get(0);
        assertThat(back.id()).isEqualTo(ref.id());
        assertThat(back.context()).isEqualTo(context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void schemaCheckListsEveryProblemWithItsFix(String version) {
        start(version);
        assertThat(repo.verifySchema().isOk()).isTrue();
        fake.removeProperty(FakeNotionServer.DB1, "Metrics");
        fake.changeType(FakeNotionServer.DB2, "Period End", "rich_text");
        fake.removeOption(FakeNotionServer.DB1, "Category", "장애대응");
        fake.removeOption(FakeNotionServer.DB1, "Impact Level", "Low");
        SchemaReport report = repo.verifySchema();
        assertThat(report.problems()).hasSize(4);
        assertThat(report.message())
                .contains("add the property 'Metrics' of type rich_text", "NOTION_PROPERTY_DAILY_METRICS")
                .contains("'Period End' is of type rich_text; change it to date")
                .contains("장애대응").contains("option Low");

        fake.retargetRelation(FakeNotionServer.DB3, "Source Weeks", FakeNotionServer.DB1);
        assertThat(repo.verifySchema().message()).contains("Monthly Highlights: relation 'Source Weeks' points to "
                + "another database; point it at the Weekly Achievements database (NOTION_DB2_ID)");

        NotionWorkLogRepository wrong = Fixtures.repo(fake.baseUrl(), version, time, ExecutionLog.disabled())
                .monthlyDatabaseId("44444444-4444-4444-8444-444444444444").weeklyDatabaseId(null).build();
        SchemaReport r2 = wrong.verifySchema();
        assertThat(r2.message()).contains("NOTION_DB2_ID is not set")
                .contains("NOTION_DB3_ID=44444444-4444-4444-8444-444444444444").contains("Connections");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2026-03-11"})
    void aLogWhoseBodyCannotBeCompletedIsTrashedNotLeftHalfWritten(String version) {
        start(version);
        fake.failNext("PATCH", "/v1/blocks/", 1, 400, java.util.Map.of("Content-Type", "application/json"),
                "{\"object\":\"error\",\"status\":400,\"code\":\"validation_error\",\"message\":\"no\"}");
        assertThatThrownBy(() -> repo.saveDailyLog(Fixtures.log("half", LocalDate.of(2026, 11, 24), koreanContext())))
                .isInstanceOf(dev.worklog.error.InvalidRequestException.class);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).isEmpty();
        FakeNotionServer.Recorded trash = fake.requests().get(fake.requests().size() - 1);
        assertThat(trash.method()).isEqualTo("PATCH");
        assertThat(trash.json().path(version.equals("2026-03-11") ? "in_trash" : "archived").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03"})
    void missingDatabaseIdsAreNamed(String version) {
        start(version);
        NotionWorkLogRepository noWeekly = Fixtures.repo(fake.baseUrl(), version, time, ExecutionLog.disabled())
                .weeklyDatabaseId(null).monthlyDatabaseId(null).build();
        Period week = Period.isoWeekOf(LocalDate.of(2026, 11, 23));
        assertThatThrownBy(() -> noWeekly.upsertWeekly(Fixtures.weekly(week, List.of(), "h")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_DB2_ID");
        assertThatThrownBy(() -> noWeekly.findMonthly(YearMonth.of(2026, 11)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_DB3_ID");
        assertThatThrownBy(() -> Fixtures.repo(fake.baseUrl(), version, time, ExecutionLog.disabled())
                .dailyDatabaseId(" ").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTION_DB1_ID");

        NotionWorkLogRepository unknown = Fixtures.repo(fake.baseUrl(), version, time, ExecutionLog.disabled())
                .dailyDatabaseId("55555555-5555-4555-8555-555555555555").build();
        assertThatThrownBy(() -> unknown.findDailyLogs(week, Set.of()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NOTION_DB1_ID=55555555-5555-4555-8555-555555555555")
                .hasMessageContaining("Connections");
    }
}
