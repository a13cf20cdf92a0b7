package dev.worklog.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.CircuitOpenException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EntryIds;
import dev.worklog.model.StoredRef;
import dev.worklog.testing.InMemoryWorkLogRepository;
import dev.worklog.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead intent, the look-up before every delivery, and the breaker's fast path, in process. The same
 * steps with a real process killed in between are in the server's {@code CrashSafetyTest}.
 */
class OutboxIntentTest {
    @TempDir
    Path dir;

    private final InMemoryWorkLogRepository store = new InMemoryWorkLogRepository();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    private Outbox outbox() {
        return Outbox.builder(dir, store).clock(clock).build();
    }

    private List<Path> journals() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("intents"))) {
            return s.toList();
        }
    }

    private String journalText() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Path p : journals()) {
            sb.append(Files.readString(p));
        }
        return sb.toString();
    }

    @Test
    void theIntentIsOnDiskBeforeTheStoreIsCalledAndDoneAfterIt() throws Exception {
        store.blocking();
        try (Outbox outbox = outbox()) {
            Thread t = new Thread(() -> outbox.submit(OutboxTest.entry("in flight"), "key-a"));
            t.start();
            assertThat(store.awaitEntered(10)).isTrue();
            // while the store is being called, the journal holds the intent with the entry and its key's hash
            List<ObjectNode> open = IntentJournal.openIntents(Files.readAllBytes(journals().get(0)));
            assertThat(open).singleElement().satisfies(i -> {
                assertThat(i.path("log").path("title").asText()).isEqualTo("in flight");
                assertThat(i.path("log").path("entry_id").asText()).isEqualTo(EntryIds.fromIdempotencyKey("key-a"));
                assertThat(i.path("idempotency_key_sha256").asText()).hasSize(64);
            });
            assertThat(journalText()).doesNotContain("key-a");
            store.release();
            t.join(10_000);
            assertThat(IntentJournal.openIntents(Files.readAllBytes(journals().get(0)))).isEmpty();
        }
        assertThat(journals()).as("a journal with nothing open is removed on close").isEmpty();
    }

    @Test
    void everyEntryGetsAnEntryIdAndTheKeyDecidesIt() {
        try (Outbox outbox = outbox()) {
            Submission a = outbox.submit(OutboxTest.entry("same title"), null);
            Submission b = outbox.submit(OutboxTest.entry("same title"), null);
            Submission keyed = outbox.submit(OutboxTest.entry("same title").withEntryId("mine-1"), "the-key");
            assertThat(a.entryId()).isNotEqualTo(b.entryId());
            assertThat(EntryIds.isValid(a.entryId())).isTrue();
            assertThat(keyed.entryId()).isEqualTo(EntryIds.fromIdempotencyKey("the-key"));
            assertThat(outbox.submit(OutboxTest.entry("same title"), "the-key").entryId()).isEqualTo(keyed.entryId());
            // two entries with the same title on the same day are two entries
            assertThat(store.dailyLogs()).extracting(DailyLog::entryId)
                    .containsExactly(a.entryId(), b.entryId(), keyed.entryId());
        }
    }

    @Test
    void anEntryGivenAnIdKeepsItWithoutAKey() {
        try (Outbox outbox = outbox()) {
            assertThat(outbox.submit(OutboxTest.entry("x").withEntryId("client-7"), null).entryId())
                    .isEqualTo("client-7");
        }
    }

    /** A journal left by a process that died while its create was in flight (no lock held on it). */
    private void deadProcessJournal(String... titlesWithKeys) throws Exception {
        Files.createDirectories(dir.resolve("intents"));
        StringBuilder text = new StringBuilder();
        int seq = 1;
        for (String spec : titlesWithKeys) {
            String[] parts = spec.split("\\|");
            DailyLog log = OutboxTest.entry(parts[0]).withEntryId(parts.length > 1
                    ? EntryIds.fromIdempotencyKey(parts[1]) : "dead-" + seq);
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("t", "intent");
            n.put("seq", seq);
            n.put("queue_id", "q20261126T095900000Z-0000000" + seq);
            n.put("accepted_at", "2026-11-26T09:59:00Z");
            if (parts.length > 1) {
                n.put("idempotency_key_sha256", IdempotencyStore.keyHash(parts[1]));
                n.put("fingerprint", IdempotencyStore.fingerprint(log));
            }
            n.set("log", DailyLogCodec.write(log));
            text.append(Json.write(n)).append('\n');
            seq++;
        }
        text.append("{\"t\":\"done\",\"seq\":99}\n{\"t\":\"intent\",\"seq\":100,\"queue_id\":\"q-torn"); // torn
        Files.writeString(dir.resolve("intents").resolve("dead.journal"), text);
    }

    @Test
    void aDeadProcessesOpenIntentsBecomePendingAndAreLookedUpBeforeBeingStored() throws Exception {
        // the first one landed in the store before the process died; the second never left it
        deadProcessJournal("landed|key-landed", "never sent");
        DailyLog landed = OutboxTest.entry("landed").withEntryId(EntryIds.fromIdempotencyKey("key-landed"));
        StoredRef first = store.saveDailyLog(landed);
        try (Outbox outbox = outbox()) {
            assertThat(outbox.pending()).extracting(e -> e.log().title()).containsExactly("landed", "never sent");
            assertThat(dir.resolve("intents").resolve("dead.journal")).doesNotExist();
            // the client retries with its key after the restart: the answer is the queued entry, not a new create
            Submission retry = outbox.submit(OutboxTest.entry("landed"), "key-landed");
            assertThat(retry.replayed()).isTrue();
            assertThat(retry.status()).isEqualTo(Submission.Status.QUEUED);
            assertThat(retry.queueId()).isEqualTo("q20261126T095900000Z-00000001");

            FlushResult r = outbox.flush();
            assertThat(r.delivered()).extracting(FlushResult.Delivered::pageId).containsExactly(first.id(), "mem-2");
            assertThat(store.lookups()).isEqualTo(2);
            assertThat(outbox.submit(OutboxTest.entry("landed"), "key-landed").ref()).isEqualTo(first);
        }
        assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("landed", "never sent");
    }

    @Test
    void aJournalALiveOutboxHoldsIsNotRecovered() throws Exception {
        store.blocking();
        try (Outbox live = outbox()) {
            Thread t = new Thread(() -> live.submit(OutboxTest.entry("mine"), null));
            t.start();
            assertThat(store.awaitEntered(10)).isTrue();
            try (Outbox other = Outbox.open(dir, new InMemoryWorkLogRepository())) {
                assertThat(other.pending()).isEmpty(); // the live journal is locked: not taken for a dead one
            }
            store.release();
            t.join(10_000);
        }
        assertThat(store.dailyLogs()).hasSize(1);
    }

    @Test
    void everyDeliveryLooksTheEntryUpSoAnEarlierAttemptThatLandedIsNotRepeated() {
        store.down();
        try (Outbox outbox = outbox()) {
            Submission queued = outbox.submit(OutboxTest.entry("dropped answer"), null);
            // the create had in fact landed (its answer was lost), then the store went down
            store.up();
            StoredRef landed = store.saveDailyLog(OutboxTest.entry("dropped answer").withEntryId(queued.entryId()));
            FlushResult r = outbox.flush();
            assertThat(r.delivered()).singleElement().satisfies(d -> assertThat(d.pageId()).isEqualTo(landed.id()));
        }
        assertThat(store.dailyLogs()).hasSize(1);
    }

    @Test
    void anUnexpectedStoreFailureKeepsTheEntryForADeliveryThatLooksItUp() {
        store.failWith(() -> new IllegalStateException("bug after the write"));
        try (Outbox outbox = outbox()) {
            Submission s = outbox.submit(OutboxTest.entry("kept"), null);
            assertThat(s.status()).isEqualTo(Submission.Status.QUEUED);
            store.up();
            assertThat(outbox.flush().delivered()).hasSize(1);
        }
        assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("kept");
    }

    @Test
    void withTheBreakerOpenNewEntriesAreQueuedWithoutCallingTheStore() {
        CircuitBreaker breaker = CircuitBreaker.builder("memory").failureThreshold(2)
                .openDuration(Duration.ofSeconds(5)).clock(clock).build();
        store.breaker(breaker).down();
        try (Outbox outbox = outbox()) {
            outbox.submit(OutboxTest.entry("one"), null);
            outbox.submit(OutboxTest.entry("two"), null);
            assertThat(breaker.isClosed()).isFalse();
            int attempts = store.saveAttempts();
            Submission fast = outbox.submit(OutboxTest.entry("three"), "k3");
            assertThat(fast.status()).isEqualTo(Submission.Status.QUEUED);
            assertThat(store.saveAttempts()).as("the store is not called while it is known to be failing")
                    .isEqualTo(attempts);
            assertThat(outbox.submit(OutboxTest.entry("three"), "k3").queueId()).isEqualTo(fast.queueId());
            assertThat(outbox.recordedBreakerState()).hasValueSatisfying(
                    n -> assertThat(n.path("state").asText()).isEqualTo("open"));

            // the store comes back; the deliverer's attempt after the open period is the trial that closes it
            store.up();
            assertThatThrownBy(() -> store.saveDailyLog(OutboxTest.entry("probe too early")))
                    .isInstanceOf(CircuitOpenException.class);
            clock.advance(Duration.ofSeconds(5));
            assertThat(outbox.flush().delivered()).hasSize(3);
            assertThat(breaker.isClosed()).isTrue();
            assertThat(outbox.submit(OutboxTest.entry("four"), null).status()).isEqualTo(Submission.Status.STORED);
            assertThat(outbox.recordedBreakerState()).hasValueSatisfying(
                    n -> assertThat(n.path("state").asText()).isEqualTo("closed"));
        }
        assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("one", "two", "three", "four");
    }

    @Test
    void concurrentCreatesShareTheJournalAndAllFinish() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (Outbox outbox = outbox()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        ids.add(outbox.submit(OutboxTest.entry("c"), null).entryId());
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            assertThat(IntentJournal.openIntents(journalText().getBytes(StandardCharsets.UTF_8))).isEmpty();
        }
        assertThat(ids).hasSize(400);
        assertThat(store.dailyLogs()).hasSize(400);
    }

    @Test
    void aQueuedEntryKeepsItsKeyRecordAndItsEntryIdInThePendingFile() throws Exception {
        store.down();
        try (Outbox outbox = outbox()) {
            Submission s = outbox.submit(OutboxTest.entry("q"), "key-q");
            JsonNode file = Json.MAPPER.readTree(dir.resolve("pending").resolve(s.queueId() + ".json").toFile());
            assertThat(file.path("log").path("entry_id").asText()).isEqualTo(EntryIds.fromIdempotencyKey("key-q"));
            JsonNode record = Json.MAPPER.readTree(dir.resolve("idempotency")
                    .resolve(IdempotencyStore.keyHash("key-q") + ".json").toFile());
            assertThat(record.path("status").asText()).isEqualTo("queued");
            assertThat(record.path("entry_id").asText()).isEqualTo(s.entryId());
        }
    }

    @Test
    void anOutboxWhoseFolderIsNotDurableRefusesWithRetryAfterAndWritesNothing() throws Exception {
        Path folder = dir.resolve("not-durable");
        CircuitBreaker breaker = CircuitBreaker.builder("memory").failureThreshold(1).clock(clock).build();
        store.breaker(breaker).down();
        try (Outbox outbox = Outbox.builder(folder, store).clock(clock).durableFolder(false).build()) {
            assertThat(outbox.durableFolder()).isFalse();
            assertThatThrownBy(() -> outbox.submit(OutboxTest.entry("no promise"), "k1"))
                    .isInstanceOfSatisfying(NotQueuedException.class, e -> {
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)); // the breaker's open time
                        assertThat(e.getMessage()).contains("not durable").contains("Idempotency-Key");
                    });
            int attempts = store.saveAttempts();
            assertThatThrownBy(() -> outbox.submit(OutboxTest.entry("refused fast"), "k2"))
                    .isInstanceOf(NotQueuedException.class);
            assertThat(store.saveAttempts()).as("the open breaker refuses without calling the store").isEqualTo(attempts);
            assertThat(outbox.pending()).isEmpty();
            assertThat(outbox.flush().delivered()).isEmpty();
            // the store is back: the client's retry with the same key stores the entry once
            store.up();
            clock.advance(Duration.ofSeconds(6));
            StoredRef first = outbox.submit(OutboxTest.entry("no promise"), "k1").storedRef().orElseThrow();
            StoredRef again = outbox.submit(OutboxTest.entry("no promise"), "k1").storedRef().orElseThrow();
            assertThat(again.id()).isEqualTo(first.id());
        }
        assertThat(Files.exists(folder)).as("nothing written to a folder that cannot keep it").isFalse();
    }

    @Test
    void theConfigurationSaysWhetherTheFolderIsDurable() throws Exception {
        Path any = dir.resolve("box");
        java.util.function.Function<java.util.Map<String, String>, OutboxLocation> of =
                m -> OutboxLocation.of(dev.worklog.config.WorkLogConfig.of(m), any);
        // auto: durable on a disk, not on a tmpfs or a container's own layer (CI may run the build in a container)
        String type = Files.getFileStore(dir).type();
        assertThat(of.apply(java.util.Map.of()).durable()).as("auto on %s", type)
                .isEqualTo(!Set.of("tmpfs", "ramfs", "overlay", "overlayfs", "aufs").contains(type));
        assertThat(of.apply(java.util.Map.of(Outbox.DURABLE_VARIABLE, "false")).durable()).isFalse();
        assertThat(of.apply(java.util.Map.of("AWS_LAMBDA_FUNCTION_NAME", "worklog")).durable()).isFalse();
        assertThat(of.apply(java.util.Map.of("AWS_LAMBDA_FUNCTION_NAME", "worklog", Outbox.DURABLE_VARIABLE, "true"))
                .durable()).as("an explicit setting wins").isTrue();
        assertThat(of.apply(java.util.Map.of("AWS_LAMBDA_FUNCTION_NAME", "worklog")).describe())
                .contains("503 with Retry-After");
        assertThatThrownBy(() -> of.apply(java.util.Map.of(Outbox.DURABLE_VARIABLE, "maybe")))
                .hasMessageContaining("WORKLOG_OUTBOX_DURABLE must be true, false or auto");
        assertThat(OutboxLocation.directory(dev.worklog.config.WorkLogConfig.of(java.util.Map.of(
                "WORKLOG_DATA_DIR", "/srv/worklog")))).isEqualTo(Path.of("/srv/worklog/outbox"));
        assertThat(OutboxLocation.directory(dev.worklog.config.WorkLogConfig.empty()))
                .isEqualTo(Path.of("worklog-data/outbox"));
    }
}
