package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.ConfigurationException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewSource;
import dev.worklog.review.ReviewStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Review packets kept in Notion, in the Review Packets database and as pages under the monthly database's page:
 * generated packets (seeded; long texts that span several rich-text items and code blocks, backticks, markdown
 * characters, Korean) read back exactly, a rewrite changes only what differs, and each period has one page.
 */
class NotionReviewPagesTest {
    private static final String VERSION = "2025-09-03";
    private final TestTime time = TestTime.at("2026-12-20T03:00:00Z");
    private FakeNotionServer fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @ParameterizedTest(name = "review database: {0}")
    @ValueSource(booleans = {true, false})
    void generatedPacketsReadBackExactlyAndARewriteOfTheSamePacketChangesNothing(boolean reviewDatabase) {
        Map<Database, String> ids = workspace();
        Random random = new Random(14L);
        try (NotionWorkLogRepository notion = repository(ids, reviewDatabase)) {
            for (int i = 0; i < 12; i++) {
                ReviewPeriod period = ReviewPeriod.months(YearMonth.of(2024, 1).plusMonths(i), YearMonth.of(2024, 1)
                        .plusMonths(i));
                ReviewPacket packet = packet(random, period);
                StoredRef ref = notion.upsertReview(packet);
                ReviewPacket read = notion.findReview(period).orElseThrow();
                assertThat(ReviewExport.json(read)).as("packet %d", i)
                        .isEqualTo(ReviewExport.json(packet.withStored(ref.id(), ref.url())));

                fake.clearRequests();
                assertThat(notion.upsertReview(read).id()).isEqualTo(ref.id());
                // the same packet again: no new page and no block written (a database page's properties are set
                // again, as the roll-ups' are)
                assertThat(fake.requests()).as("the same packet again").allSatisfy(r -> assertThat(r.method() + " "
                        + r.path()).matches("GET .*|POST .*/query" + (reviewDatabase ? "|PATCH /v1/pages/" + ref.id()
                                : "")));
            }
            int pages = reviewDatabase ? fake.pageIds(ids.get(Database.REVIEWS)).size()
                    : fake.childPages(parent).size();
            assertThat(pages).as("one page per period").isEqualTo(12);
        }
    }

    @Test
    void aChangedPacketRewritesOnlyTheBlocksThatDifferAndAnotherLanguageRenamesTheChildPage() {
        Map<Database, String> ids = workspace();
        try (NotionWorkLogRepository notion = repository(ids, false)) {
            ReviewPeriod q4 = ReviewPeriod.quarter(2026, 4);
            ReviewPacket packet = packet(new Random(7), q4);
            String id = notion.upsertReview(packet).id();
            int blocks = fake.tree(id).size();

            fake.clearRequests();
            ReviewPacket other = new ReviewPacket(null, null, q4, packet.title(), packet.language(),
                    "A different narrative.", packet.achievements(), packet.stats(), packet.previousPeriod(),
                    packet.previousStats(), packet.gaps(), packet.sourceMonthIds(), packet.generation(), List.of());
            assertThat(notion.upsertReview(other).id()).isEqualTo(id);
            long blockWrites = fake.requests().stream().filter(r -> r.path().startsWith("/v1/blocks/")
                    && !r.method().equals("GET")).count();
            assertThat(blockWrites).as("the narrative and the JSON change, not the %d blocks of the page", blocks)
                    .isBetween(2L, 6L);
            assertThat(fake.count("PATCH", "/v1/pages/")).as("same title: no rename").isZero();

            fake.clearRequests();
            ReviewPacket english = new ReviewPacket(null, null, q4, ReviewPacket.titleFor(q4, "en"), "en",
                    other.narrative(), packet.achievements(), packet.stats(), packet.previousPeriod(),
                    packet.previousStats(), packet.gaps(), packet.sourceMonthIds(), packet.generation(), List.of());
            assertThat(notion.upsertReview(english).id()).isEqualTo(id);
            assertThat(fake.childPages(parent)).containsOnlyKeys(ReviewPacket.titleFor(q4, "en"));
            JsonNode rename = fake.requests().stream().filter(r -> r.method().equals("PATCH")
                    && r.path().equals("/v1/pages/" + id)).findFirst().orElseThrow().json();
            assertThat(rename.path("properties").path("title").path("title").get(0).path("text").path("content")
                    .asText()).isEqualTo(ReviewPacket.titleFor(q4, "en"));
            assertThat(ReviewExport.json(notion.findReview(q4).orElseThrow()))
                    .isEqualTo(ReviewExport.json(english.withStored(id, "https://www.notion.so/" + id.replace("-", ""))));
        }
    }

    @Test
    void aPageWithoutThePacketsJsonIsNoPacketAndIsRewrittenInPlace() throws Exception {
        Map<Database, String> ids = workspace();
        try (NotionWorkLogRepository notion = repository(ids, true)) {
            ReviewPeriod period = ReviewPeriod.half(2026, 2);
            ReviewPacket packet = packet(new Random(3), period);
            String id = notion.upsertReview(packet).id();
            JsonNode heading = fake.tree(id).stream().filter(b -> b.toString().contains("Packet (worklog JSON)"))
                    .findFirst().orElseThrow();
            String type = heading.path("type").asText();
            fake.editBlock(heading.path("id").asText(), dev.worklog.internal.Json.MAPPER.readTree("{\"" + type
                    + "\":{\"rich_text\":[{\"text\":{\"content\":\"edited by hand\"}}]}}"));

            assertThat(notion.findReview(period)).isEmpty();
            assertThat(notion.upsertReview(packet).id()).isEqualTo(id);
            assertThat(notion.findReview(period)).isPresent();
            assertThat(fake.pageIds(ids.get(Database.REVIEWS))).containsExactly(id);
        }
    }

    @Test
    void withoutTheReviewDatabaseAMonthlyDatabaseOnNoPageIsAClearError() {
        fake = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        try (NotionWorkLogRepository notion = Fixtures.repo(fake.baseUrl(), VERSION, time, ExecutionLog.disabled())
                .rateLimit(0, 10).build()) {
            assertThatThrownBy(() -> notion.upsertReview(packet(new Random(1), ReviewPeriod.quarter(2026, 4))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("NOTION_DB4_ID").hasMessageContaining("not directly on a page");
            assertThat(fake.count("POST", "/v1/pages")).isZero();
        }
    }

    private String parent;

    /** Four databases made by setup under one page. */
    private Map<Database, String> workspace() {
        fake = FakeNotionServer.startEmpty(0, Fixtures.TOKEN, time);
        parent = fake.addPage("Career");
        return NotionSetup.builder().token(Fixtures.TOKEN).baseUrl(fake.baseUrl()).version(VERSION).clock(time)
                .sleeper(time).rateLimit(0, 10).retryPolicy(Fixtures.policy()).build().createDatabases(parent)
                .databaseIds();
    }

    private NotionWorkLogRepository repository(Map<Database, String> ids, boolean reviewDatabase) {
        return NotionWorkLogRepository.builder().token(Fixtures.TOKEN).baseUrl(fake.baseUrl()).version(VERSION)
                .dailyDatabaseId(ids.get(Database.DAILY)).weeklyDatabaseId(ids.get(Database.WEEKLY))
                .monthlyDatabaseId(ids.get(Database.MONTHLY))
                .reviewDatabaseId(reviewDatabase ? ids.get(Database.REVIEWS) : null)
                .clock(time).sleeper(time).shareRateLimiter(false).rateLimit(0, 10).retryPolicy(Fixtures.policy())
                .build();
    }

    private static final String[] PIECES = {"p99 820 ms → 140 ms", "`code`", "```", "**bold**", "# not a heading",
        "- not a list", "성능 40% 개선", "a | b", "<tag>", "\"quoted\"", "back\\slash", "https://jira.example.com/x",
        "1. one", "> quote", "\t tab", "[x] done", "emoji 🚀"};

    /** Text of a random length (up to about 5,000 characters: several of Notion's 2,000-character items). */
    private static String text(Random r, int maxPieces) {
        StringBuilder sb = new StringBuilder("t");
        int n = 1 + r.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(6) == 0 ? "\n" : " ").append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString().strip();
    }

    private static ReviewPacket packet(Random r, ReviewPeriod period) {
        LocalDate start = period.days().start();
        List<ReviewAchievement> achievements = new ArrayList<>();
        int count = r.nextInt(ReviewPacket.MAX_ACHIEVEMENTS + 1);
        for (int i = 0; i < count; i++) {
            LocalDate day = start.plusDays(r.nextInt(25));
            ReviewSource log = new ReviewSource(ReviewSource.Kind.DAILY_LOG, "log-" + i, text(r, 4), day, day,
                    "https://www.notion.so/" + Long.toHexString(r.nextLong()), r.nextBoolean()
                            ? "https://jira.example.com/browse/T-" + i : null, ImpactLevel.values()[r.nextInt(3)],
                    "성능개선");
            ReviewSource week = new ReviewSource(ReviewSource.Kind.WEEKLY, "week-" + i, "Week " + i,
                    day.minusDays(day.getDayOfWeek().getValue() - 1), day.plusDays(7 - day.getDayOfWeek().getValue()),
                    "https://www.notion.so/w" + i, null, null, null);
            Achievement a = new Achievement(text(r, 5), text(r, 40), text(r, 5), text(r, 60), text(r, 30),
                    List.of("Java", "Redis"), List.of("p99 820 ms → 140 ms"), List.of("log-" + i));
            achievements.add(new ReviewAchievement(i + 1, r.nextBoolean() ? "성능개선" : "신규기능", a, day, day,
                    log.impact(), List.of(week), List.of(log)));
        }
        ReviewStats stats = new ReviewStats(count, Math.min(count, 4), 4, Map.of("성능개선", count), Map.of("High", count),
                Map.of("Java", count));
        ReviewStats none = new ReviewStats(0, 0, 4, Map.of(), Map.of(), Map.of());
        Generation generation = new Generation("claude", "claude-test", "review-1", Long.toHexString(r.nextLong()),
                Instant.parse("2026-12-20T03:00:00Z"), new TokenUsage(1200, 300), Instant.parse("2026-12-20T02:59:00Z"));
        String language = r.nextBoolean() ? "ko" : "en";
        return new ReviewPacket(null, null, period, ReviewPacket.titleFor(period, language), language,
                text(r, 400), achievements, stats, period.previous(), none,
                List.of(new Period(start.plusDays(7), start.plusDays(13))), List.of("month-1"), generation,
                r.nextBoolean() ? List.of(text(r, 3)) : List.of());
    }
}
