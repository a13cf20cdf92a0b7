package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSetup;
import dev.worklog.notion.NotionWorkLogRepository;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.testing.VendorFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a process with {@code WORKLOG_STORE=notion}, against the stateful fake Notion server on loopback. */
class NotionCliTest {
    private static final String TOKEN = "secret_fake_notion_token_0123456789";
    /** The heading over the packet's JSON that closes every review page, as the notion README describes it. */
    private static final String REVIEW_JSON_HEADING = "Packet (worklog JSON)";

    @TempDir
    Path work;

    private FakeNotionServer notion;
    private CliRunner cli;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        notion = FakeNotionServer.start(0, TOKEN, java.time.Clock.systemUTC());
        cli = new CliRunner(work, work.resolve("unused-local-store"), work.resolve("execution.log"), "Asia/Seoul");
        env = new LinkedHashMap<>();
        env.put("WORKLOG_STORE", "notion");
        env.put("NOTION_API_KEY", TOKEN);
        env.put("NOTION_BASE_URL", notion.baseUrl().toString());
        env.put("NOTION_DB1_ID", FakeNotionServer.DB1);
        env.put("NOTION_DB2_ID", FakeNotionServer.DB2);
        env.put("NOTION_DB3_ID", FakeNotionServer.DB3);
        env.put("LLM_PROVIDER", "offline");
        // the fake enforces no rate limit here; a higher client rate keeps the test short
        env.put("NOTION_RATE_LIMIT", "50");
    }

    @AfterEach
    void stop() {
        notion.close();
    }

    @Test
    void daily_weekly_monthly_and_demo_work_against_notion() throws IOException {
        for (String date : new String[] {"2026-11-17", "2026-11-19"}) {
            CliRunner.Run daily = cli.run("", env, "daily", "--title", "결제 API 개선 " + date, "--category", "성능개선",
                    "--impact", "High", "--tech", "Java", "--date", date, "--context",
                    "### Situation\n느렸다\n### Action\n- 캐시\n- 인덱스\n### Result\n지연 40% 감소");
            assertThat(daily.code).as(daily.toString()).isZero();
            assertThat(daily.out).contains("Logged: 결제 API 개선 " + date);
        }
        assertThat(notion.pageIds(FakeNotionServer.DB1)).hasSize(2);

        CliRunner.Run weekly = cli.run("", env, "weekly", "--week", "2026-W47");
        assertThat(weekly.code).as(weekly.toString()).isZero();
        assertThat(weekly.out).contains("- 인덱스", "지연 40% 감소");
        CliRunner.Run again = cli.run("", env, "weekly", "--week", "2026-W47", "--force");
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(notion.pageIds(FakeNotionServer.DB2)).as("a rerun updates the week's page").hasSize(1);
        String week = notion.pageIds(FakeNotionServer.DB2).get(0);
        assertThat(notion.relation(week, "Source Logs"))
                .containsExactlyInAnyOrderElementsOf(notion.pageIds(FakeNotionServer.DB1));

        CliRunner.Run monthly = cli.run("", env, "monthly", "--month", "2026-11");
        assertThat(monthly.code).as(monthly.toString()).isZero();
        assertThat(notion.pageIds(FakeNotionServer.DB3)).hasSize(1);
        assertThat(notion.relation(notion.pageIds(FakeNotionServer.DB3).get(0), "Source Weeks")).containsExactly(week);

        CliRunner.Run demo = cli.run("", env, "demo", "--data-dir", work.resolve("demo").toString());
        assertThat(demo.code).as(demo.toString()).isZero();
        assertThat(demo.out).contains("Notion databases", "weekly:", "monthly:");
        assertThat(notion.pageIds(FakeNotionServer.DB1).size()).isGreaterThan(2);

        assertThat(Files.exists(work.resolve("unused-local-store").resolve("daily"))).isFalse();
        String everything = weekly.out + weekly.err + monthly.out + monthly.err + demo.out + demo.err
                + Files.readString(work.resolve("execution.log"));
        assertThat(everything).doesNotContain(TOKEN);
    }

    @Test
    void a_review_over_notion_cites_the_notion_pages() throws IOException {
        for (String date : new String[] {"2026-11-10", "2026-11-18"}) {
            CliRunner.Run daily = cli.run("", env, "daily", "--title", "검색 개선 " + date, "--category", "성능개선",
                    "--impact", "High", "--tech", "Java", "--date", date, "--ticket-url", "https://jira.example.com/browse/S-1",
                    "--context", "### Situation\n느렸다\n### Action\n- 캐시\n### Result\n지연 40% 감소");
            assertThat(daily.code).as(daily.toString()).isZero();
        }
        Path html = work.resolve("review.html");
        CliRunner.Run review = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11", "--format", "html",
                "--out", html.toString());
        assertThat(review.code).as(review.toString()).isZero();
        assertThat(review.err).contains("rolled up first: weekly 2026-W46", "rolled up first: weekly 2026-W47",
                "rolled up first: monthly 2026-11", "Status: GENERATED");
        assertThat(notion.pageIds(FakeNotionServer.DB2)).hasSize(2);
        assertThat(notion.pageIds(FakeNotionServer.DB3)).hasSize(1);
        String page = Files.readString(html);
        for (String id : notion.pageIds(FakeNotionServer.DB1)) {
            assertThat(page).as("every daily log is cited by its Notion page").contains(
                    "href=\"" + notion.page(id).path("url").asText() + "\"");
        }
        assertThat(page).contains("href=\"https://jira.example.com/browse/S-1\"");
    }

    @Test
    void review_save_with_the_review_database_makes_one_page_per_period_and_an_unchanged_rerun_calls_no_model()
            throws IOException {
        Map<Database, String> ids = setUpWorkspace();
        env.put("NOTION_DB4_ID", ids.get(Database.REVIEWS));
        try (VendorFake vendor = new VendorFake()) {
            useVendor(vendor);
            CliRunner.Run save = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11", "--save");
            assertThat(save.code).as(save.toString()).isZero();
            assertThat(save.err).contains("Status: SAVED");
            assertThat(notion.pageIds(ids.get(Database.REVIEWS))).hasSize(1);
            String reviewPage = notion.pageIds(ids.get(Database.REVIEWS)).get(0);
            JsonNode props = notion.page(reviewPage).path("properties");
            assertThat(props.path("Period").path("rich_text").get(0).path("plain_text").asText()).isEqualTo("2026-11");
            assertThat(props.path("Period Start").path("date").path("start").asText()).isEqualTo("2026-11-01");
            assertThat(props.path("Period End").path("date").path("start").asText()).isEqualTo("2026-11-30");
            // the outgoing create: a page of the review database's data source, with the period to find it by
            JsonNode create = lastBody("POST", "/v1/pages");
            assertThat(create.path("parent").path("data_source_id").asText()).isNotEmpty();
            assertThat(create.path("properties").path("Period").path("rich_text").get(0).path("text")
                    .path("content").asText()).isEqualTo("2026-11");
            assertPacketBody(notion.tree(reviewPage), ids);

            assertAnUnchangedRerunCallsNoModelAndWritesNothing(vendor);

            CliRunner.Run october = cli.run("", env, "review", "--from", "2026-10", "--to", "2026-10", "--save");
            assertThat(october.code).as(october.toString()).isZero();
            assertThat(notion.pageIds(ids.get(Database.REVIEWS))).as("a second period, a second page").hasSize(2);
            assertThat(notion.pageIds(ids.get(Database.REVIEWS))).allSatisfy(id ->
                    assertThat(notion.tree(id).toString()).contains(REVIEW_JSON_HEADING));
        }
        assertThat(Files.readString(work.resolve("execution.log"))).doesNotContain(TOKEN);
    }

    @Test
    void review_save_without_the_review_database_makes_pages_under_the_monthly_databases_page() throws IOException {
        Map<Database, String> ids = setUpWorkspace();
        try (VendorFake vendor = new VendorFake()) {
            useVendor(vendor);
            CliRunner.Run save = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11", "--save");
            assertThat(save.code).as(save.toString()).isZero();
            assertThat(save.err).contains("Status: SAVED");
            Map<String, String> pages = notion.childPages(parentPage);
            assertThat(pages).containsOnlyKeys("성과 리뷰 2026-11 (2026-11-01 ~ 2026-11-30)");
            JsonNode create = lastBody("POST", "/v1/pages");
            assertThat(create.path("parent").path("page_id").asText()).isEqualTo(parentPage);
            assertThat(create.path("properties").size()).as("a page under a page has only its title").isEqualTo(1);
            assertPacketBody(notion.tree(pages.values().iterator().next()), ids);
            assertThat(notion.pageIds(ids.get(Database.REVIEWS))).as("the review database is not used").isEmpty();

            assertAnUnchangedRerunCallsNoModelAndWritesNothing(vendor);

            CliRunner.Run october = cli.run("", env, "review", "--from", "2026-10", "--to", "2026-10", "--save");
            assertThat(october.code).as(october.toString()).isZero();
            assertThat(notion.childPages(parentPage)).hasSize(2)
                    .containsKey("성과 리뷰 2026-10 (2026-10-01 ~ 2026-10-31)");
            assertThat(notion.databasesUnder(parentPage)).hasSize(4);
        }
    }

    private void assertAnUnchangedRerunCallsNoModelAndWritesNothing(VendorFake vendor) throws IOException {
        int calls = vendor.requests.size();
        notion.clearRequests();
        CliRunner.Run again = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11", "--save");
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(again.err).contains("Status: UNCHANGED");
        assertThat(vendor.requests).as("an unchanged rerun calls no model").hasSize(calls);
        assertThat(notion.requests().stream().filter(r -> !r.method().equals("GET")
                && !(r.method().equals("POST") && r.path().contains("/query"))).map(r -> r.method() + " " + r.path()
                        + " " + r.body()).toList()).as("an unchanged rerun writes nothing to Notion\n" + again.err)
                .isEmpty();
    }

    /** A page's blocks: the packet as markdown with links to the daily-log pages, then its JSON. */
    private void assertPacketBody(java.util.List<JsonNode> tree, Map<Database, String> ids) {
        String blocks = tree.toString();
        assertThat(tree.get(0).path("type").asText()).startsWith("heading_");
        assertThat(tree).anySatisfy(b -> assertThat(b.path("type").asText()).isEqualTo("code"));
        assertThat(blocks).contains(REVIEW_JSON_HEADING);
        StringBuilder code = new StringBuilder();
        tree.stream().filter(b -> b.path("type").asText().equals("code"))
                .forEach(b -> b.path("code").path("rich_text").forEach(t -> code.append(t.path("plain_text").asText())));
        assertThat(code.toString()).contains("\"format\" : \"worklog-review/1\"", "\"label\" : \"2026-11\"");
        assertThat(notion.pageIds(ids.get(Database.DAILY))).anySatisfy(id ->
                assertThat(blocks).contains("\"url\":\"" + notion.page(id).path("url").asText() + "\""));
    }

    private JsonNode lastBody(String method, String path) {
        java.util.List<FakeNotionServer.Recorded> all = notion.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1).json();
    }

    private void useVendor(VendorFake vendor) {
        env.put("LLM_PROVIDER", "claude");
        env.put("CLAUDE_API_KEY", VendorFake.KEY);
        env.put("CLAUDE_BASE_URL", vendor.baseUrl());
    }

    private String parentPage;

    /**
     * A fresh workspace set up as `worklog setup notion` does (four databases under one page), with logs in October
     * and November 2026 written through the store; the environment names the first three databases.
     */
    private Map<Database, String> setUpWorkspace() {
        notion.close();
        notion = FakeNotionServer.startEmpty(0, TOKEN, java.time.Clock.systemUTC());
        parentPage = notion.addPage("Career");
        Map<Database, String> ids = NotionSetup.builder().token(TOKEN).baseUrl(notion.baseUrl()).rateLimit(0, 10)
                .build().createDatabases(parentPage).databaseIds();
        env.put("NOTION_BASE_URL", notion.baseUrl().toString());
        env.put("NOTION_DB1_ID", ids.get(Database.DAILY));
        env.put("NOTION_DB2_ID", ids.get(Database.WEEKLY));
        env.put("NOTION_DB3_ID", ids.get(Database.MONTHLY));
        try (NotionWorkLogRepository store = NotionWorkLogRepository.builder().token(TOKEN).baseUrl(notion.baseUrl())
                .dailyDatabaseId(ids.get(Database.DAILY)).rateLimit(0, 10).shareRateLimiter(false).build()) {
            int n = 0;
            for (String date : new String[] {"2026-10-07", "2026-11-10", "2026-11-18"}) {
                n++;
                store.saveDailyLog(new DailyLog(null, null, "검색 개선 " + n, "### Situation\n느렸다\n### Action\n- 캐시\n"
                        + "### Result\n지연 " + (30 + n) + "% 감소", "성능개선", ImpactLevel.HIGH, java.util.List.of("Java"),
                        LocalDate.parse(date), "Logged", null, "https://jira.example.com/browse/S-" + n));
            }
        }
        notion.clearRequests();
        return ids;
    }

    private Map<String, String> local(Path data) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("WORKLOG_STORE", "local");
        e.put("WORKLOG_DATA_DIR", data.toString());
        e.put("LLM_PROVIDER", "offline");
        return e;
    }

    private long writes() {
        return notion.requests().stream().filter(r -> !r.method().equals("GET")
                && !(r.method().equals("POST") && r.path().contains("/query"))).count();
    }

    @Test
    void a_weekly_rerun_over_a_long_formatted_context_says_unchanged_without_calling_the_model() throws IOException {
        // issue 9, repros 1 and 2: the paragraph's second block lost its bold, the week's page could not be read
        // back, and every rerun said WRITTEN and paid the model again
        try (VendorFake vendor = new VendorFake()) {
            env.put("LLM_PROVIDER", "openai");
            env.put("OPENAI_API_KEY", VendorFake.KEY);
            env.put("OPENAI_BASE_URL", vendor.baseUrl());
            String paragraph = "word **bold** ".repeat(60).strip();
            Files.writeString(work.resolve("ctx.md"), "### Situation\n" + paragraph + "\n### Result\n1 ms");
            assertThat(cli.run("", env, "daily", "--title", "긴 문단", "--category", "성능개선", "--impact", "High",
                    "--tech", "Java", "--date", "2026-11-17", "--context-file", "ctx.md").code).isZero();

            CliRunner.Run first = cli.run("", env, "weekly", "--week", "2026-W47");
            CliRunner.Run second = cli.run("", env, "weekly", "--week", "2026-W47");

            assertThat(first.out).as(first.toString()).contains("Status: WRITTEN", "Tokens: 1100 in, 300 out, 1400 total");
            assertThat(second.out).as(second.toString()).contains("Status: UNCHANGED", "Tokens: none this run (no LLM "
                    + "call); recorded with the stored roll-up: 1100 in, 300 out, 1400 total");
            assertThat(vendor.requests).hasSize(1);
            // the context reached the model as read back from Notion: one paragraph, bold to the end
            assertThat(vendor.requests.get(0).body()).contains(paragraph);
        }
    }

    @Test
    void an_import_run_twice_writes_nothing_the_second_time() throws IOException {
        // issue 9, repro 3: blank lines appeared between adjacent blocks, so each import updated every roll-up
        Path backup = work.resolve("backup");
        CliRunner.Run daily = cli.run("", local(backup), "daily", "--title", "목록", "--category", "성능개선", "--impact",
                "High", "--tech", "Java", "--date", "2026-11-17", "--context",
                "### Situation\npara\n- item\n### Task\n1. a\n- b\n### Action\n- x\n### Result\n40% 감소");
        assertThat(daily.code).as(daily.toString()).isZero();
        assertThat(cli.run("", local(backup), "weekly", "--week", "2026-W47").code).isZero();

        CliRunner.Run first = cli.run("", env, "import", "--from", backup.toString());
        assertThat(first.code).as(first.toString()).isZero();
        assertThat(first.out).contains("daily logs: 1 created", "weekly roll-ups: 1 created");
        long before = writes();

        CliRunner.Run second = cli.run("", env, "import", "--from", backup.toString());

        assertThat(second.code).as(second.toString()).isZero();
        assertThat(second.out).contains("daily logs: 0 created, 1 already there",
                "weekly roll-ups: 0 created, 0 updated, 1 already there");
        assertThat(writes()).as("Notion writes of the second import").isEqualTo(before);
    }

    @Test
    void a_monthly_dry_run_over_the_original_systems_pages_and_a_hand_edited_one_names_them_and_prompts_their_text()
            throws IOException {
        try (VendorFake vendor = new VendorFake()) {
            env.put("LLM_PROVIDER", "openai");
            env.put("OPENAI_API_KEY", VendorFake.KEY);
            env.put("OPENAI_BASE_URL", vendor.baseUrl());
            String original = "이번 주에는 결제 API 오류율을 2%에서 0.1%로 낮췄습니다. 배포 파이프라인도 정리했습니다.";
            String originalUrl = originalWeekly("2026-11-02", "2026-11-08", "2026년 11월 45주차", original);
            assertThat(cli.run("", env, "daily", "--title", "검색 개선", "--category", "성능개선", "--impact", "High",
                    "--tech", "Java", "--date", "2026-11-17", "--context",
                    "### Situation\n느렸다\n### Task\n빠르게\n### Action\n- 캐시\n### Result\np99 800ms → 120ms").code)
                    .isZero();
            assertThat(cli.run("", env, "weekly", "--week", "2026-W47").code).isZero();
            // a person renames the Result label of the week's page
            String week = notion.pageIds(FakeNotionServer.DB2).stream().filter(id -> !notion.page(id).path("url")
                    .asText().equals(originalUrl)).findFirst().orElseThrow();
            for (com.fasterxml.jackson.databind.JsonNode block : notion.tree(week)) {
                if (block.path("paragraph").path("rich_text").toString().contains("\"Result\"")) {
                    notion.editBlock(block.path("id").asText(), dev.worklog.internal.Json.MAPPER.readTree(
                            "{\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"결과\"}}]}}"));
                }
            }
            vendor.requests.clear();

            CliRunner.Run monthly = cli.run("", env, "monthly", "--month", "2026-11", "--dry-run");

            assertThat(monthly.code).as(monthly.toString()).isZero();
            assertThat(monthly.out).contains("Status: DRY_RUN", "'2026년 11월 45주차' (" + originalUrl + ")",
                    notion.page(week).path("url").asText(), "result must not be blank");
            String prompt = vendor.requests.get(0).body();
            assertThat(prompt).contains("2026년 11월 45주차", "결제 API 오류율을 2%에서 0.1%로", "p99 800ms → 120ms")
                    .doesNotContain("not recorded").doesNotContain("not readable");
            assertThat(Files.readString(work.resolve("execution.log"))).contains(originalUrl);
        }
    }

    /** A weekly page as the original Python system wrote it; returns its URL. */
    private String originalWeekly(String start, String end, String title, String text) {
        com.fasterxml.jackson.databind.node.ObjectNode p = dev.worklog.internal.Json.MAPPER.createObjectNode();
        p.putObject("Title").putArray("title").addObject().putObject("text").put("content", title);
        p.putObject("Period Start").putObject("date").put("start", start);
        p.putObject("Period End").putObject("date").put("start", end);
        p.putObject("Key Highlights").putArray("rich_text").addObject().putObject("text").put("content", "핵심 성과");
        com.fasterxml.jackson.databind.node.ObjectNode heading = dev.worklog.internal.Json.MAPPER.createObjectNode();
        heading.put("type", "heading_2").putObject("heading_2").putArray("rich_text").addObject().putObject("text")
                .put("content", "🎯 주간 성과 요약");
        com.fasterxml.jackson.databind.node.ObjectNode paragraph = dev.worklog.internal.Json.MAPPER.createObjectNode();
        paragraph.put("type", "paragraph").putObject("paragraph").putArray("rich_text").addObject().putObject("text")
                .put("content", text);
        return notion.insertPage(FakeNotionServer.DB2, p, java.util.List.of(heading, paragraph)).path("url").asText();
    }
}
