package dev.worklog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.model.EntryIds;
import dev.worklog.notion.fake.FakeNotionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once through crashes, process-level: the server runs as its own process against the fake Notion (in this
 * JVM, so its pages outlive the server), and is killed ({@code destroyForcibly}, as {@code kill -9}) while the fake
 * holds its request, applied or not, or halts itself ({@code Runtime.halt}) at a named step of a create or a
 * delivery (the outbox's crash points, armed through {@code -Dworklog.crash.file}). After a restart on the same
 * folders, and the client's retry with the same {@code Idempotency-Key}, every entry is one page.
 *
 * <p>The windows of issue 10: A (a create lands, its answer is lost, then Notion is down: queued, and delivered
 * without a second page), B (killed while the create is in flight), C (killed while the outbox delivers).
 */
class CrashSafetyTest {
    private static final String MARKER = "https://worklog.invalid/entry/";

    @TempDir
    Path dir;

    private FakeNotionServer fake;
    private Path outbox;
    private Path crashFile;

    @BeforeEach
    void start() {
        fake = FakeNotionServer.start();
        outbox = dir.resolve("outbox");
        crashFile = dir.resolve("crash-at");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Map<String, String> variables() {
        return ServerProcess.variables(
                "WORKLOG_STORE", "notion",
                "NOTION_API_KEY", "secret_crash_test_token",
                "NOTION_DB1_ID", FakeNotionServer.DB1,
                "NOTION_DB2_ID", FakeNotionServer.DB2,
                "NOTION_DB3_ID", FakeNotionServer.DB3,
                "NOTION_BASE_URL", fake.baseUrl().toString(),
                "NOTION_RATE_LIMIT", "0",
                "NOTION_RETRY_BUDGET", "3s",
                "NOTION_BREAKER_OPEN", "300ms",
                "NOTION_BREAKER_FAILURES", "2",
                "WORKLOG_OUTBOX_DIR", outbox.toString(),
                "WORKLOG_OUTBOX_BACKOFF", "100ms",
                "WORKLOG_OUTBOX_MAX_BACKOFF", "500ms",
                "LOG_FILE", dir.resolve("execution.log").toString());
    }

    private ServerProcess server() throws Exception {
        return ServerProcess.start(dir, variables(), crashFile);
    }

    private static String entry(String title, String context) {
        return "{\"title\":\"" + title + "\",\"context\":\"### Situation\\n" + context + "\\n### Result\\ndone\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"],"
                + "\"logged_date\":\"2026-11-24\"}";
    }

    /** The live pages carrying this entry id, in the property or in the body's heading link. */
    private List<String> pagesOf(String entryId) {
        return fake.pageIds(FakeNotionServer.DB1).stream().filter(id -> entryId.equals(entryIdOf(id))).toList();
    }

    private String entryIdOf(String pageId) {
        StringBuilder prop = new StringBuilder();
        fake.page(pageId).path("properties").path("Entry ID").path("rich_text")
                .forEach(t -> prop.append(t.path("plain_text").asText()));
        if (prop.length() > 0) {
            return prop.toString();
        }
        List<JsonNode> children = fake.children(pageId);
        if (children.isEmpty()) {
            return "";
        }
        String href = children.get(0).path("heading_2").path("rich_text").path(0).path("href").asText("");
        return href.startsWith(MARKER) ? href.substring(MARKER.length()) : "";
    }

    private List<String> titled(String title) {
        return fake.pageIds(FakeNotionServer.DB1).stream()
                .filter(id -> fake.page(id).path("properties").path("Name").path("title").path(0)
                        .path("plain_text").asText().equals(title)).toList();
    }

    /** Waits (a real process is working) until the outbox has nothing pending; fails after 30 s. */
    private void awaitDelivered() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> pending = Files.list(outbox.resolve("pending"))) {
                if (pending.noneMatch(p -> p.toString().endsWith(".json"))) {
                    return;
                }
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("the outbox still has pending entries after 30 s");
    }

    /** The client's retry with the same key, once everything is delivered: 201 naming the one page. */
    private void assertOnePageAndTheKeyReplaysIt(ServerProcess p, String body, String key) throws Exception {
        awaitDelivered();
        String entryId = EntryIds.fromIdempotencyKey(key);
        List<String> pages = pagesOf(entryId);
        assertThat(pages).as("pages of entry %s; server output:%n%s", entryId, p.output()).hasSize(1);
        ServerProcess.Answer replay = p.post(body, key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().path("page_id").asText()).isEqualTo(pages.get(0));
        assertThat(replay.json().path("entry_id").asText()).isEqualTo(entryId);
    }

    @Test
    void windowA_aCreateThatLandedButLostItsAnswerThenAnOutageIsQueuedAndDeliveredAsOnePage() throws Exception {
        try (ServerProcess p = server()) {
            String body = entry("window A", "dropped answer, then an outage");
            FakeNotionServer.HeldRequest create = fake.holdNext("POST", "/v1/pages", true);
            CompletableFuture<ServerProcess.Answer> answer = CompletableFuture.supplyAsync(() -> p.post(body, "key-A"));
            assertThat(create.awaitArrived(30)).isTrue(); // the page exists now
            fake.startOutage(503); // and Notion goes down before the answer gets back
            create.release(); // the connection drops without an answer
            ServerProcess.Answer queued = answer.get(60, TimeUnit.SECONDS);
            assertThat(queued.status()).isEqualTo(202);
            assertThat(pagesOf(EntryIds.fromIdempotencyKey("key-A"))).hasSize(1);
            fake.endOutage();
            assertOnePageAndTheKeyReplaysIt(p, body, "key-A");
        }
    }

    @ParameterizedTest(name = "the create was applied: {0}")
    @ValueSource(booleans = {true, false})
    void windowB_aKillWhileTheCreateIsInFlightLeavesOnePage(boolean applied) throws Exception {
        String body = entry("window B " + applied, "killed during the create");
        String key = "key-B-" + applied;
        try (ServerProcess first = server()) {
            FakeNotionServer.HeldRequest create = fake.holdNext("POST", "/v1/pages", applied);
            CompletableFuture.runAsync(() -> first.post(body, key)).exceptionally(e -> null);
            assertThat(create.awaitArrived(30)).isTrue();
            first.kill();
            create.release();
        }
        assertThat(pagesOf(EntryIds.fromIdempotencyKey(key))).hasSize(applied ? 1 : 0);
        try (ServerProcess second = server()) {
            // the client did not get an answer, so it retries with its key
            assertThat(second.post(body, key).status()).isIn(201, 202);
            assertOnePageAndTheKeyReplaysIt(second, body, key);
        }
    }

    @ParameterizedTest(name = "the delivery's create was applied: {0}")
    @ValueSource(booleans = {true, false})
    void windowC_aKillWhileTheOutboxDeliversLeavesOnePage(boolean applied) throws Exception {
        String body = entry("window C " + applied, "killed during the delivery");
        String key = "key-C-" + applied;
        try (ServerProcess first = server()) {
            fake.startOutage(503);
            assertThat(first.post(body, key).status()).isEqualTo(202);
            FakeNotionServer.HeldRequest delivery = fake.holdNext("POST", "/v1/pages", applied);
            fake.endOutage();
            assertThat(delivery.awaitArrived(30)).isTrue();
            first.kill();
            delivery.release();
        }
        assertThat(pagesOf(EntryIds.fromIdempotencyKey(key))).hasSize(applied ? 1 : 0);
        try (ServerProcess second = server()) {
            assertOnePageAndTheKeyReplaysIt(second, body, key);
        }
    }

    /**
     * A halt at every step of a create (the intent on disk, the store confirmed, the key recorded, a failed create
     * queued) and of a delivery (started, the store confirmed, the key recorded), one server process after the
     * other on the same folders: every entry is one page.
     */
    @Test
    void aHaltAtEveryStepOfACreateAndOfADeliveryLeavesOnePagePerEntry() throws Exception {
        List<String> steps = List.of("create.intent-recorded", "create.stored", "create.idempotency-recorded",
                "queue.pending-written", "deliver.started", "deliver.stored", "deliver.idempotency-recorded");
        ServerProcess p = server();
        try {
            for (String step : steps) {
                ServerProcess current = p;
                String key = "halt-" + step;
                String body = entry("halt at " + step, "crash point " + step);
                if (step.startsWith("create.")) {
                    Files.writeString(crashFile, step);
                    CompletableFuture.runAsync(() -> current.post(body, key)).exceptionally(e -> null);
                } else if (step.startsWith("queue.")) {
                    fake.startOutage(503);
                    Files.writeString(crashFile, step);
                    CompletableFuture.runAsync(() -> current.post(body, key)).exceptionally(e -> null);
                } else {
                    fake.startOutage(503);
                    assertThat(p.post(body, key).status()).isEqualTo(202);
                    Files.writeString(crashFile, step);
                    fake.endOutage(); // the deliverer's next pass reaches the step
                }
                assertThat(p.awaitExit()).as(step + "; output:%n%s", p.output()).isEqualTo(137);
                assertThat(p.output()).contains("crash point " + step + " reached");
                fake.endOutage();
                Files.writeString(crashFile, "");
                p.close();
                p = server();
                ServerProcess.Answer retry = p.post(body, key);
                assertThat(retry.status()).as(step).isIn(201, 202);
                assertOnePageAndTheKeyReplaysIt(p, body, key);
            }
        } finally {
            p.close();
        }
        assertThat(fake.pageIds(FakeNotionServer.DB1)).hasSize(steps.size());
    }

    @ParameterizedTest(name = "Entry ID property: {0}")
    @ValueSource(booleans = {true, false})
    void twoDifferentEntriesWithTheSameTitleOnTheSameDayAreBothStored(boolean property) throws Exception {
        if (!property) {
            fake.removeProperty(FakeNotionServer.DB1, "Entry ID"); // a database made for the original system
        }
        try (ServerProcess p = server()) {
            ServerProcess.Answer first = p.post(entry("daily standup", "first entry"), null);
            fake.resetAfterProcessing("POST", "/v1/pages"); // the second one lands but its answer is lost
            ServerProcess.Answer second = p.post(entry("daily standup", "second entry"), null);
            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.json().path("page_id").asText()).isNotEqualTo(first.json().path("page_id").asText());
            assertThat(titled("daily standup")).hasSize(2);
            assertThat(pagesOf(first.json().path("entry_id").asText())).hasSize(1);
            assertThat(pagesOf(second.json().path("entry_id").asText())).hasSize(1);
        }
    }
}
