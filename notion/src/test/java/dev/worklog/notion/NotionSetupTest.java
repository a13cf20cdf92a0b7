package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.RollupStatus;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NotFoundException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.notion.fake.FakeNotionServer.Recorded;
import dev.worklog.summarize.OfflineSummarizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link NotionSetup} against the fake Notion: databases created under a page, found again, repaired. */
class NotionSetupTest {
    private static final String TOKEN = Fixtures.TOKEN;

    private final TestTime time = TestTime.at("2026-11-30T09:00:00Z");
    private FakeNotionServer fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private NotionSetup setup(String version) {
        return NotionSetup.builder().token(TOKEN).baseUrl(fake.baseUrl()).version(version).clock(time).sleeper(time)
                .rateLimit(0, 10).retryPolicy(Fixtures.policy()).build();
    }

    private NotionWorkLogRepository repository(String version, Map<Database, String> ids) {
        return NotionWorkLogRepository.builder().token(TOKEN).baseUrl(fake.baseUrl()).version(version)
                .dailyDatabaseId(ids.get(Database.DAILY)).weeklyDatabaseId(ids.get(Database.WEEKLY))
                .monthlyDatabaseId(ids.get(Database.MONTHLY)).reviewDatabaseId(ids.get(Database.REVIEWS)).clock(time).sleeper(time).shareRateLimiter(false)
                .rateLimit(0, 10).retryPolicy(Fixtures.policy()).build();
    }

    private List<JsonNode> bodies(String method, String pathPrefix) {
        List<JsonNode> out = new ArrayList<>();
        for (Recorded r : fake.requests()) {
            if (r.method().equals(method) && r.path().startsWith(pathPrefix)) {
                out.add(r.json());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void createsTheFourDatabasesUnderThePageWithTwoWayRelationsAndTheyPassTheSchemaCheck(String version) {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String page = fake.addPage("Career");

        SetupResult result = setup(version).createDatabases(fake.pageUrl(page));

        assertThat(result.created()).containsExactly(Database.DAILY, Database.WEEKLY, Database.MONTHLY,
                Database.REVIEWS);
        assertThat(result.found()).isEmpty();
        assertThat(result.parentTitle()).isEqualTo("Career");
        assertThat(fake.databasesUnder(page)).containsExactlyElementsOf(result.databaseIds().values());
        assertThat(result.databaseIds().values()).extracting(fake::title)
                .containsExactly("Daily Work Logs", "Weekly Achievements", "Monthly Highlights", "Review Packets");
        assertThat(result.envLines()).containsExactly("NOTION_DB1_ID=" + result.databaseIds().get(Database.DAILY),
                "NOTION_DB2_ID=" + result.databaseIds().get(Database.WEEKLY),
                "NOTION_DB3_ID=" + result.databaseIds().get(Database.MONTHLY),
                "NOTION_DB4_ID=" + result.databaseIds().get(Database.REVIEWS));

        try (NotionWorkLogRepository notion = repository(version, result.databaseIds())) {
            SchemaReport report = notion.verifySchema();
            assertThat(report.problems()).isEmpty();
            assertThat(report.warnings()).as("Entry ID is there, both relations are two-way").isEmpty();
        }
        JsonNode daily = fake.schema(result.databaseIds().get(Database.DAILY));
        assertThat(daily.path("Entry ID").path("type").asText()).isEqualTo("rich_text");
        assertThat(names(daily.path("Category").path("select").path("options")))
                .containsExactly("신규기능", "성능개선", "버그픽스", "리팩토링", "문서화", "장애대응", "기타");
        assertThat(names(daily.path("Impact Level").path("select").path("options"))).containsExactly("High", "Medium",
                "Low");
        assertThat(names(daily.path("Status").path("select").path("options"))).containsExactly("Logged", "In Review",
                "Published");
        JsonNode weekly = fake.schema(result.databaseIds().get(Database.WEEKLY));
        assertThat(weekly.path("Source Logs").path("relation").path("type").asText()).isEqualTo("dual_property");
        assertThat(weekly.path("Source Logs").path("relation").path("dual_property").path("synced_property_name")
                .asText()).isEqualTo("Weekly Achievements");
        assertThat(daily.path("Weekly Achievements").path("type").asText()).isEqualTo("relation");
        assertThat(fake.schema(result.databaseIds().get(Database.MONTHLY)).path("Source Weeks").path("relation")
                .path("type").asText()).isEqualTo("dual_property");
        JsonNode reviews = fake.schema(result.databaseIds().get(Database.REVIEWS));
        assertThat(reviews.path("Title").path("type").asText()).isEqualTo("title");
        assertThat(reviews.path("Period").path("type").asText()).isEqualTo("rich_text");
        for (String date : List.of("Period Start", "Period End", "Generated At")) {
            assertThat(reviews.path(date).path("type").asText()).as(date).isEqualTo("date");
        }

        // the requests: the version's own shape, one create per database
        List<JsonNode> creates = bodies("POST", "/v1/databases");
        assertThat(creates).hasSize(4);
        for (JsonNode create : creates) {
            assertThat(create.path("parent").path("page_id").asText()).isEqualTo(page);
            assertThat(create.has("initial_data_source")).isEqualTo(version.equals("2025-09-03"));
            assertThat(create.has("properties")).isEqualTo(version.equals("2022-06-28"));
        }
        JsonNode relation = (version.equals("2025-09-03") ? creates.get(1).path("initial_data_source")
                : creates.get(1)).path("properties").path("Source Logs").path("relation");
        assertThat(relation.path("type").asText()).isEqualTo("dual_property");
        assertThat(relation.has(version.equals("2025-09-03") ? "data_source_id" : "database_id")).isTrue();
        assertThat(relation.has(version.equals("2025-09-03") ? "database_id" : "data_source_id")).isFalse();
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.headers().get("notion-version")).isEqualTo(version));
    }

    private static List<String> names(JsonNode options) {
        List<String> out = new ArrayList<>();
        options.forEach(o -> out.add(o.path("name").asText()));
        return out;
    }

    @Test
    void aSecondRunFindsTheDatabasesAndCreatesNothing() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String page = fake.addPage("Career");
        NotionSetup setup = setup("2025-09-03");
        SetupResult first = setup.createDatabases(page);
        fake.clearRequests();

        SetupResult second = setup.createDatabases(fake.pageUrl(page));

        assertThat(second.created()).isEmpty();
        assertThat(second.found()).containsExactly(Database.DAILY, Database.WEEKLY, Database.MONTHLY,
                Database.REVIEWS);
        assertThat(second.databaseIds()).isEqualTo(first.databaseIds());
        assertThat(second.needsRepair()).isEmpty();
        assertThat(fake.count("POST", "/v1/databases")).isZero();
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.method()).isIn("GET", "POST"));
        assertThat(fake.databasesUnder(page)).hasSize(4);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundByItsTitleNotSentAgain() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String page = fake.addPage("Career");
        fake.resetAfterProcessing("POST", "/v1/databases");

        SetupResult result = setup("2025-09-03").createDatabases(page);

        assertThat(fake.databasesUnder(page)).hasSize(4).containsExactlyElementsOf(result.databaseIds().values());
        assertThat(fake.count("POST", "/v1/databases")).isEqualTo(4);
        try (NotionWorkLogRepository notion = repository("2025-09-03", result.databaseIds())) {
            assertThat(notion.verifySchema().problems()).isEmpty();
        }
    }

    @Test
    void aRunCutShortAfterTheFirstDatabaseMakesOnlyTheOthersNextTime() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String page = fake.addPage("Career");
        NotionSetup setup = setup("2022-06-28");
        // the first create lands, the second is refused: the run ends with one database made
        fake.failAfter("POST", "/v1/databases", 1, 400, "{\"object\":\"error\",\"status\":400,"
                + "\"code\":\"validation_error\",\"message\":\"refused for the test\"}");
        assertThatThrownBy(() -> setup.createDatabases(page)).isInstanceOf(InvalidRequestException.class);
        assertThat(fake.databasesUnder(page)).hasSize(1);

        SetupResult second = setup.createDatabases(page);

        assertThat(second.found()).containsExactly(Database.DAILY);
        assertThat(second.created()).containsExactly(Database.WEEKLY, Database.MONTHLY, Database.REVIEWS);
        assertThat(fake.databasesUnder(page)).hasSize(4);
        try (NotionWorkLogRepository notion = repository("2022-06-28", second.databaseIds())) {
            SchemaReport report = notion.verifySchema();
            assertThat(report.problems()).isEmpty();
            assertThat(report.warnings()).isEmpty();
        }
    }

    @Test
    void aPageNotSharedWithTheIntegrationSaysHowToShareItStepByStep() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String unknown = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> setup("2025-09-03").createDatabases("https://www.notion.so/Private-" + unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Notion cannot see the page 01234567-89ab-cdef-0123-456789abcdef (404)")
                .hasMessageContaining("1. open the page in Notion")
                .hasMessageContaining("2. click ••• at the top right of the page, then Connections")
                .hasMessageContaining("3. search for your integration")
                .hasMessageContaining("4. run this command again");
        assertThat(fake.count("POST", "/v1/databases")).isZero();
    }

    @Test
    void theKeyIsCheckedWithoutChangingAnything() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);

        assertThat(setup("2025-09-03").checkKey()).isEqualTo("integration 'worklog (fake)' in workspace 'Fake "
                + "workspace'");
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("GET /v1/users/me");
            assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
        });
        NotionSetup wrong = NotionSetup.builder().token("ntn_wrong_key_0000").baseUrl(fake.baseUrl()).clock(time)
                .sleeper(time).rateLimit(0, 10).build();
        assertThatThrownBy(wrong::checkKey).isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining("ntn_wrong_key_0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2022-06-28"})
    void repairAddsExactlyTheThreeMissingPropertiesAndTwoMissingOptions(String version) {
        fake = FakeNotionServer.start(0, TOKEN, time);
        for (String p : List.of("Metrics", "Ticket URL", "Entry ID")) {
            fake.removeProperty(FakeNotionServer.DB1, p);
        }
        fake.removeOption(FakeNotionServer.DB1, "Category", "기타");
        fake.removeOption(FakeNotionServer.DB1, "Status", "Published");
        JsonNode before = fake.schema(FakeNotionServer.DB1);
        Map<Database, String> ids = Map.of(Database.DAILY, FakeNotionServer.DB1, Database.WEEKLY,
                FakeNotionServer.DB2, Database.MONTHLY, FakeNotionServer.DB3);
        NotionSetup setup = setup(version);

        RepairPlan plan = setup.planRepair(ids);

        assertThat(plan.changes()).containsExactly(
                "Daily Work Logs: add the option 기타 to 'Category' (the options it has stay as they are)",
                "Daily Work Logs: add the option Published to 'Status' (the options it has stay as they are)",
                "Daily Work Logs: add the property 'Metrics' (rich_text)",
                "Daily Work Logs: add the property 'Ticket URL' (url)",
                "Daily Work Logs: add the property 'Entry ID' (rich_text)");
        assertThat(plan.manualFixes()).isEmpty();
        assertThat(fake.requests()).as("planning reads only").allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));

        RepairResult done = setup.repair(plan);

        assertThat(done.applied()).containsExactlyElementsOf(plan.changes());
        assertThat(done.complete()).isTrue();
        List<JsonNode> patches = bodies("PATCH", "/v1/");
        assertThat(patches).singleElement().satisfies(patch -> {
            assertThat(patch.path("properties").properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("Metrics", "Ticket URL", "Entry ID", "Category", "Status");
            // the options it had are named again (by id), so that Notion keeps them
            assertThat(names(patch.path("properties").path("Category").path("select").path("options")))
                    .containsExactly("신규기능", "성능개선", "버그픽스", "리팩토링", "문서화", "장애대응", "기타");
        });
        JsonNode after = fake.schema(FakeNotionServer.DB1);
        assertThat(after.path("Category").path("select").path("options").get(0))
                .isEqualTo(before.path("Category").path("select").path("options").get(0));
        before.properties().forEach(e -> assertThat(after.get(e.getKey()).path("type"))
                .isEqualTo(e.getValue().path("type")));
        try (NotionWorkLogRepository notion = repository(version, ids)) {
            SchemaReport report = notion.verifySchema();
            assertThat(report.problems()).isEmpty();
            assertThat(report.warnings()).isEmpty();
        }
        assertThat(setup.planRepair(ids).isEmpty()).as("a second repair has nothing to do").isTrue();
    }

    @Test
    void repairCoversTheReviewDatabaseWhenItIsSetAndLeavesItAloneWhenNot() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        String page = fake.addPage("Career");
        NotionSetup setup = setup("2025-09-03");
        Map<Database, String> ids = setup.createDatabases(page).databaseIds();
        fake.removeProperty(ids.get(Database.REVIEWS), "Period");

        RepairPlan plan = setup.planRepair(ids);
        assertThat(plan.changes()).containsExactly("Review Packets: add the property 'Period' (rich_text)");
        assertThat(setup.repair(plan).complete()).isTrue();
        assertThat(fake.schema(ids.get(Database.REVIEWS)).path("Period").path("type").asText()).isEqualTo("rich_text");

        Map<Database, String> withoutReviews = new java.util.EnumMap<>(ids);
        withoutReviews.remove(Database.REVIEWS);
        RepairPlan none = setup.planRepair(withoutReviews);
        assertThat(none.changes()).isEmpty();
        assertThat(none.manualFixes()).as("the review database is optional").isEmpty();
        try (NotionWorkLogRepository notion = repository("2025-09-03", withoutReviews)) {
            assertThat(notion.verifySchema().problems()).isEmpty();
        }
    }

    @Test
    void aMistypedPropertyIsReportedWithItsManualFixAndNeverChanged() {
        fake = FakeNotionServer.start(0, TOKEN, time);
        fake.changeType(FakeNotionServer.DB2, "Period End", "rich_text");
        fake.removeProperty(FakeNotionServer.DB1, "Metrics");
        Map<Database, String> ids = Map.of(Database.DAILY, FakeNotionServer.DB1, Database.WEEKLY,
                FakeNotionServer.DB2, Database.MONTHLY, FakeNotionServer.DB3);
        NotionSetup setup = setup("2025-09-03");

        RepairPlan plan = setup.planRepair(ids);
        RepairResult done = setup.repair(plan);

        assertThat(plan.changes()).containsExactly("Daily Work Logs: add the property 'Metrics' (rich_text)");
        assertThat(plan.manualFixes()).singleElement().asString()
                .contains("'Period End' is of type rich_text; change it to date in Notion", "never converts");
        assertThat(done.manualFixes()).isEqualTo(plan.manualFixes());
        assertThat(bodies("PATCH", "/v1/")).singleElement()
                .satisfies(patch -> assertThat(patch.toString()).doesNotContain("Period End"));
        assertThat(fake.schema(FakeNotionServer.DB2).path("Period End").path("type").asText()).isEqualTo("rich_text");
    }

    @Test
    void aOneWayRelationIsMadeTwoWayAndKeepsItsLinks() {
        fake = FakeNotionServer.start(0, TOKEN, time);
        Map<Database, String> ids = Map.of(Database.DAILY, FakeNotionServer.DB1, Database.WEEKLY,
                FakeNotionServer.DB2, Database.MONTHLY, FakeNotionServer.DB3);
        String week;
        List<String> logs = new ArrayList<>();
        try (NotionWorkLogRepository notion = repository("2025-09-03", ids)) {
            for (int i = 0; i < 3; i++) {
                logs.add(notion.saveDailyLog(Fixtures.log("log " + i, LocalDate.of(2026, 11, 23 + i), "### Result\n"
                        + i)).id());
            }
            fake.makeOneWay(FakeNotionServer.DB2, "Source Logs");
            week = notion.upsertWeekly(Fixtures.weekly(Period.isoWeekOf(LocalDate.of(2026, 11, 23)), logs, "h"))
                    .id();
        }
        assertThat(fake.schema(FakeNotionServer.DB1).has("Weekly Achievements")).isFalse();
        NotionSetup setup = setup("2025-09-03");
        RepairPlan plan = setup.planRepair(ids);
        assertThat(plan.changes()).containsExactly("Weekly Achievements: make the relation 'Source Logs' two-way: "
                + "Daily Work Logs gets a property 'Weekly Achievements' showing the same links from its side (the "
                + "links stay as they are)");

        RepairResult done = setup.repair(plan);

        assertThat(done.applied()).isEqualTo(plan.changes());
        assertThat(fake.schema(FakeNotionServer.DB2).path("Source Logs").path("relation").path("type").asText())
                .isEqualTo("dual_property");
        assertThat(fake.relation(week, "Source Logs")).containsExactlyElementsOf(logs);
        assertThat(fake.relation(logs.get(0), "Weekly Achievements")).containsExactly(week);
        JsonNode patch = bodies("PATCH", "/v1/data_sources/").get(0);
        assertThat(patch.path("properties").path("Source Logs").path("relation").path("dual_property")
                .path("synced_property_name").asText()).isEqualTo("Weekly Achievements");
    }

    @Test
    void aRelationNotionWillNotMakeTwoWayIsReportedWithTheManualFixAndTheAdditionsStillLand() {
        fake = FakeNotionServer.start(0, TOKEN, time);
        Map<Database, String> ids = Map.of(Database.DAILY, FakeNotionServer.DB1, Database.WEEKLY,
                FakeNotionServer.DB2, Database.MONTHLY, FakeNotionServer.DB3);
        fake.makeOneWay(FakeNotionServer.DB2, "Source Logs");
        fake.removeProperty(FakeNotionServer.DB1, "Metrics");
        NotionSetup setup = setup("2025-09-03");
        RepairPlan plan = setup.planRepair(ids);
        assertThat(plan.changes()).hasSize(2);
        // the additions go first, in one request; the relation's own request is refused
        fake.failAfter("PATCH", "/v1/data_sources/", 1, 400, "{\"object\":\"error\",\"status\":400,\"code\":"
                + "\"validation_error\",\"message\":\"Cannot update relation of this data source.\"}");

        RepairResult done = setup.repair(plan);

        assertThat(done.complete()).isFalse();
        assertThat(done.applied()).containsExactly("Daily Work Logs: add the property 'Metrics' (rich_text)");
        assertThat(done.notApplied()).singleElement().asString().contains("make the relation 'Source Logs' two-way",
                "Notion refused it", "By hand:", "Show on Daily Work Logs");
        assertThat(fake.schema(FakeNotionServer.DB1).has("Metrics")).isTrue();
        assertThat(fake.schema(FakeNotionServer.DB2).path("Source Logs").path("relation").path("type").asText())
                .isNotEqualTo("dual_property");
    }

    @Test
    void aWeeklyOver150LogsOnAFreshlySetUpWorkspaceLinksAll150() {
        fake = FakeNotionServer.startEmpty(0, TOKEN, time);
        SetupResult made = setup("2025-09-03").createDatabases(fake.pageUrl(fake.addPage("Career")));
        Map<Database, String> ids = made.databaseIds();
        try (NotionWorkLogRepository notion = repository("2025-09-03", ids);
                WorkLogger logger = WorkLogger.builder().repository(notion).llmProvider(new OfflineSummarizer())
                        .clock(time).sleeper(time).zone(java.time.ZoneOffset.UTC)
                        .executionLog(ExecutionLog.disabled()).build()) {
            for (int i = 0; i < 150; i++) {
                logger.log(DailyLogDraft.builder().title("작업 " + i).context("### Result\n결과 " + i)
                        .category("기타").impactLevel("Low").techStack(List.of("Java"))
                        .loggedDate(LocalDate.of(2026, 11, 23 + i % 7).toString()).build());
            }
            WeeklyResult week = logger.summarizeWeek(Period.isoWeekOf(LocalDate.of(2026, 11, 23)),
                    SummarizeOptions.defaults());

            assertThat(week.status()).isEqualTo(RollupStatus.WRITTEN);
            assertThat(week.logsRead()).hasSize(150);
            String page = fake.pageIds(ids.get(Database.WEEKLY)).get(0);
            assertThat(fake.relation(page, "Source Logs")).hasSize(150)
                    .containsExactlyInAnyOrderElementsOf(fake.pageIds(ids.get(Database.DAILY)));
        }
    }

    @Test
    void pageIdsAreReadFromLinksAsNotionSpellsThem() {
        assertThat(NotionSetup.pageId("https://www.notion.so/acme/Work-log-0123456789abcdef0123456789ABCDEF?pvs=4"))
                .isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(NotionSetup.pageId("0123456789abcdef0123456789abcdef"))
                .isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(NotionSetup.pageId(" 01234567-89ab-cdef-0123-456789abcdef "))
                .isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(NotionSetup.pageId("https://www.notion.so/Deadbeef-cafe-0123456789abcdef0123456789abcdef#x"))
                .isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
        assertThatThrownBy(() -> NotionSetup.pageId("https://www.notion.so/my-page"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Copy link");
        // generated: any title, any id, with or without a workspace and a query
        java.util.Random random = new java.util.Random(20261130);
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-ABCDEF 한글";
        for (int i = 0; i < 2000; i++) {
            String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            StringBuilder title = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                title.append(chars.charAt(random.nextInt(chars.length())));
            }
            String slug = title.toString().strip().replace(' ', '-');
            String url = "https://www.notion.so/" + (random.nextBoolean() ? "acme/" : "")
                    + (slug.isEmpty() ? "" : slug + "-") + id.replace("-", "")
                    + (random.nextBoolean() ? "?pvs=4&v=" + id.replace("-", "") : "");
            assertThat(NotionSetup.pageId(url)).as(url).isEqualTo(id);
        }
    }
}
