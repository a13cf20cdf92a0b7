package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.RetryableException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.notion.internal.blocks.RichText;
import dev.worklog.notion.internal.store.EntryLookup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entry ids against the stateful fake: written with the page (the {@code Entry ID} property, or the body's heading
 * link where the database lacks it), found exactly after a lost answer or on a later delivery, never confused with
 * another entry of the same title and day.
 */
class NotionEntryIdTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private FakeNotionServer fake;
    private TestTime time;
    private NotionWorkLogRepository repo;

    /** {@code property}: the database has Entry ID (as setup makes it); otherwise the original's schema. */
    private void start(boolean property) {
        time = TestTime.at("2026-11-26T09:00:00Z");
        fake = FakeNotionServer.start(0, Fixtures.TOKEN, time);
        if (!property) {
            fake.removeProperty(FakeNotionServer.DB1, "Entry ID");
        }
        repo = Fixtures.repo(fake.baseUrl(), "2025-09-03", time, ExecutionLog.disabled()).build();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private long livePagesOf(String entryId) {
        return fake.pageIds(FakeNotionServer.DB1).stream().filter(id -> entryId.equals(entryIdOf(id))).count();
    }

    /** The entry id a page carries, whichever way it was written. */
    private String entryIdOf(String pageId) {
        String prop = RichText.plainText(fake.page(pageId).path("properties").path("Entry ID").path("rich_text"));
        if (!prop.isEmpty()) {
            return prop;
        }
        List<JsonNode> children = fake.children(pageId);
        return children.isEmpty() ? "" : EntryLookup.markerOf(children.get(0)).orElse("");
    }

    private static DailyLog entry(String title, String entryId, String context) {
        return Fixtures.log(title, DAY, context).withEntryId(entryId);
    }

    @ParameterizedTest(name = "Entry ID property: {0}")
    @ValueSource(booleans = {true, false})
    void theEntryIdIsWrittenWithThePageAndTheContextReadsBackWithoutIt(boolean property) {
        start(property);
        StoredRef ref = repo.saveDailyLog(entry("one", "entry-1", "p99 went from 800 ms to **1 ms**"));
        JsonNode page = fake.page(ref.id());
        String inProperty = RichText.plainText(page.path("properties").path("Entry ID").path("rich_text"));
        JsonNode heading = fake.children(ref.id()).get(0);
        if (property) {
            assertThat(inProperty).isEqualTo("entry-1");
            assertThat(heading.toString()).doesNotContain("worklog.invalid");
        } else {
            assertThat(heading.path("heading_2").path("rich_text").get(0).path("href").asText())
                    .isEqualTo("https://worklog.invalid/entry/entry-1");
        }
        List<DailyLog> back = repo.findDailyLogs(new Period(DAY, DAY), Set.of());
        assertThat(back).singleElement().satisfies(l -> {
            assertThat(l.context()).isEqualTo("p99 went from 800 ms to **1 ms**");
            assertThat(l.title()).isEqualTo("one");
        });
    }

    @ParameterizedTest(name = "Entry ID property: {0}")
    @ValueSource(booleans = {true, false})
    void aCreateWhoseAnswerWasLostIsFoundExactlyAndNotConfusedWithAnotherEntryOfTheSameTitleAndDay(
            boolean property) {
        start(property);
        repo.saveDailyLog(entry("standup notes", "entry-a", "### Result\nfirst"));
        fake.resetAfterProcessing("POST", "/v1/pages"); // the second entry lands, its answer is lost
        StoredRef second = repo.saveDailyLog(entry("standup notes", "entry-b", "### Result\nsecond"));
        assertThat(entryIdOf(second.id())).isEqualTo("entry-b");
        fake.resetAfterProcessing("POST", "/v1/pages"); // a third one with the same title, the same way
        repo.saveDailyLog(entry("standup notes", "entry-c", "### Result\nthird"));

        assertThat(fake.count("POST", "/v1/pages")).isEqualTo(3);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(3);
        for (String id : List.of("entry-a", "entry-b", "entry-c")) {
            assertThat(livePagesOf(id)).as(id).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "Entry ID property: {0}")
    @ValueSource(booleans = {true, false})
    void ensureLooksTheEntryUpAndCreatesOnlyWhenAbsent(boolean property) {
        start(property);
        StoredRef first = repo.ensureDailyLog(entry("t", "entry-1", "body"));
        fake.clearRequests();
        StoredRef again = repo.ensureDailyLog(entry("t", "entry-1", "body"));
        assertThat(again).isEqualTo(first);
        assertThat(fake.count("POST", "/v1/pages")).isZero();
        StoredRef other = repo.ensureDailyLog(entry("t", "entry-2", "body"));
        assertThat(other).isNotEqualTo(first);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(2);
    }

    @Test
    void aPageWrittenBeforeThePropertyWasAddedIsStillFoundByItsHeading() {
        start(false);
        StoredRef legacy = repo.saveDailyLog(entry("legacy", "entry-old", "body"));
        fake.addTextProperty(FakeNotionServer.DB1, "Entry ID"); // a person (or setup --repair) adds the property
        NotionWorkLogRepository later = Fixtures.repo(fake.baseUrl(), "2025-09-03", time, ExecutionLog.disabled())
                .build();
        assertThat(later.ensureDailyLog(entry("legacy", "entry-old", "body"))).isEqualTo(legacy);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(1);
        // a new entry of the same title and day is not taken for it
        assertThat(later.ensureDailyLog(entry("legacy", "entry-new", "body"))).isNotEqualTo(legacy);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(2);
    }

    @Test
    void aPageLeftHalfWrittenIsReplacedByACompleteOne() {
        start(true);
        StringBuilder context = new StringBuilder("### Action\n");
        for (int i = 0; i < 250; i++) {
            context.append("- step ").append(i).append('\n');
        }
        DailyLog log = entry("long", "entry-long", context.toString());
        // the create lands with the first 100 blocks, then the appends fail: the entry is half written
        fake.failNext("PATCH", "/v1/blocks/", 1, 400, Map.of(), "{\"object\":\"error\",\"status\":400,"
                + "\"code\":\"validation_error\",\"message\":\"no\"}");
        fake.failNext("PATCH", "/v1/pages/", 1, 400, Map.of(), "{\"object\":\"error\",\"status\":400,"
                + "\"code\":\"validation_error\",\"message\":\"cannot trash now\"}");
        assertThatThrownBy(() -> repo.saveDailyLog(log)).isNotInstanceOf(RetryableException.class);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(1); // the clean-up failed too: half a page is left
        StoredRef ref = repo.ensureDailyLog(log);
        assertThat(fake.pageIds(FakeNotionServer.DB1)).containsExactly(ref.id());
        assertThat(repo.findDailyLogs(new Period(DAY, DAY), Set.of())).singleElement()
                .satisfies(l -> assertThat(l.context().replace("\n\n", "\n")).isEqualTo(context.toString().strip()));
    }

    @Test
    void theSchemaCheckWarnsButDoesNotFailWithoutTheProperty() {
        start(false);
        SchemaReport report = repo.verifySchema();
        assertThat(report.isOk()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("Daily Work Logs: no property 'Entry ID' (rich_text)").contains("for an exact lookup"));
        fake.addTextProperty(FakeNotionServer.DB1, "Entry ID");
        fake.changeType(FakeNotionServer.DB1, "Entry ID", "number");
        assertThat(repo.verifySchema().problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("'Entry ID' is of type number"));
    }

    /**
     * Property: on generated runs (a few titles shared by many entries on one day, each create facing a random
     * fault: none, a lost answer after it landed, a 5xx before it, or an outage that makes it fail), delivering every
     * entry again with {@code ensureDailyLog} afterwards, as the outbox does, leaves exactly one page per entry.
     */
    @ParameterizedTest(name = "Entry ID property: {0}")
    @ValueSource(booleans = {true, false})
    void generatedFaultRunsLeaveOnePagePerEntry(boolean property) {
        start(property);
        Random random = new Random(property ? 11 : 12);
        List<DailyLog> entries = new ArrayList<>();
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            DailyLog log = entry("title " + random.nextInt(3), "entry-" + i, "### Result\nrun " + i);
            entries.add(log);
            int fault = random.nextInt(4);
            if (fault == 1) {
                fake.resetAfterProcessing("POST", "/v1/pages");
            } else if (fault == 2) {
                fake.failNext("POST", "/v1/pages", 1, 503, Map.of(), "{\"object\":\"error\",\"status\":503,"
                        + "\"code\":\"service_unavailable\",\"message\":\"x\"}");
            } else if (fault == 3) {
                fake.outageFor(3, 503); // the create fails for good after three attempts: it goes to "the outbox"
            }
            try {
                repo.saveDailyLog(log);
                outcomes.merge("stored", 1, Integer::sum);
            } catch (RetryableException e) {
                outcomes.merge("failed", 1, Integer::sum);
                time.advance(java.time.Duration.ofMinutes(2)); // the breaker's open period passes
            }
        }
        for (DailyLog log : entries) {
            repo.ensureDailyLog(log);
        }
        assertThat(outcomes).containsKeys("stored", "failed");
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(entries.size());
        for (DailyLog log : entries) {
            assertThat(livePagesOf(log.entryId())).as(log.entryId()).isEqualTo(1);
        }
    }
}
