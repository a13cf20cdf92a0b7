package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.internal.outbox.OutboxEntry;
import dev.worklog.model.DailyLog;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing accepted is lost: an unreachable store means 202 and later delivery, exactly once. */
class OutboxHttpTest {
    @TempDir
    Path dir;

    @Test
    void storeDownMeans202ThenDeliveredExactlyOnceWhenTheStoreIsBack() {
        try (TestServer s = TestServer.start(dir)) {
            s.store.down();
            TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID);
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.json().path("status").asText()).isEqualTo("queued");
            String queueId = r.json().path("queue_id").asText();
            assertThat(dir.resolve("outbox/pending/" + queueId + ".json")).exists();
            assertThat(s.outbox.pending()).extracting(OutboxEntry::queueId).containsExactly(queueId);
            assertThat(s.executionLog()).contains("queued as " + queueId);

            assertThat(s.outbox.deliverDue().delivered()).isEmpty(); // still down
            s.store.up();
            s.outboxClock.advance(java.time.Duration.ofMinutes(10)); // past the backoff, without sleeping
            assertThat(s.outbox.deliverDue().delivered()).hasSize(1);
            assertThat(s.outbox.deliverDue().delivered()).isEmpty();
            assertThat(s.outbox.flush().delivered()).isEmpty();
            assertThat(s.store.dailyLogs()).extracting(DailyLog::title).containsExactly("Cut p99 latency of search");
            assertThat(dir.resolve("outbox/pending/" + queueId + ".json")).doesNotExist();
        }
    }

    @Test
    void queuedEntriesSurviveARestartOfTheServerAndAreDeliveredOnStart() throws Exception {
        InMemoryWorkLogRepository store = new InMemoryWorkLogRepository().down();
        String queueId;
        try (TestServer first = TestServer.builder(dir).store(store).start()) {
            queueId = first.postJson("/daily-logs", Samples.VALID).json().path("queue_id").asText();
        }
        store.up();
        try (TestServer second = TestServer.builder(dir).store(store).start()) {
            assertThat(second.outbox.pending()).extracting(OutboxEntry::queueId).containsExactly(queueId);
            second.outbox.start(); // what Main does: pending entries are tried at once
            assertThat(store.awaitSaved(1, 10)).isTrue();
            assertThat(second.outbox.flush().delivered()).isEmpty();
        }
        assertThat(store.dailyLogs()).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneEntry() {
        try (TestServer s = TestServer.start(dir)) {
            TestServer.Reply first = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "abc-1");
            TestServer.Reply again = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "abc-1");
            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.json().path("page_id").asText()).isEqualTo(first.json().path("page_id").asText());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(first.header("Idempotent-Replayed")).isNull();
            assertThat(s.store.dailyLogs()).hasSize(1);
            // a different key is a different request
            assertThat(s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "abc-2").status()).isEqualTo(201);
            assertThat(s.store.dailyLogs()).hasSize(2);
        }
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        try (TestServer s = TestServer.start(dir)) {
            s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "abc-1");
            TestServer.Reply r = s.postJson("/daily-logs", Samples.valid("other", "2026-11-20"), "Idempotency-Key",
                    "abc-1");
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().path("detail").asText()).contains("different request body");
            assertThat(s.store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void aQueuedKeyReplays202ThenTheStoredResultAfterDeliveryAlsoAcrossARestart() {
        InMemoryWorkLogRepository store = new InMemoryWorkLogRepository().down();
        String queueId;
        try (TestServer s = TestServer.builder(dir).store(store).start()) {
            queueId = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k").json().path("queue_id").asText();
            TestServer.Reply replay = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k");
            assertThat(replay.status()).isEqualTo(202);
            assertThat(replay.json().path("queue_id").asText()).isEqualTo(queueId);
        }
        store.up();
        try (TestServer s = TestServer.builder(dir).store(store).start()) {
            assertThat(s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k").status()).isEqualTo(202);
            s.outbox.flush();
            TestServer.Reply stored = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k");
            assertThat(stored.status()).isEqualTo(201);
            assertThat(stored.json().path("page_id").asText()).isEqualTo("mem-1");
        }
        assertThat(store.dailyLogs()).hasSize(1);
    }

    @Test
    void aKeyStillInFlightIs409() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            s.store.blocking();
            CompletableFuture<TestServer.Reply> first = CompletableFuture.supplyAsync(
                    () -> s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "slow"));
            assertThat(s.store.awaitEntered(10)).isTrue();
            TestServer.Reply second = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "slow");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.header("Retry-After")).isEqualTo("1");
            s.store.release();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(s.store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void anInvalidKeyIs400BeforeAnythingIsStored() {
        try (TestServer s = TestServer.start(dir)) {
            TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID, "Idempotency-Key", "k".repeat(300));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(s.store.saveAttempts()).isZero();
        }
    }

    @Test
    void whenTheOutboxCannotWriteEitherTheAnswerIs503NotAFalseAccept() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            Path pending = dir.resolve("outbox/pending");
            Files.delete(pending);
            Files.writeString(pending, "not a folder"); // every write into pending/ now fails
            s.store.down();
            TestServer.Reply r = s.postJson("/daily-logs", Samples.VALID);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("30");
        }
    }

    @Test
    void onceTheBreakerIsOpenEntriesAreQueuedAtOnceAndVerboseHealthShowsItWithTheToken() {
        dev.worklog.testing.MutableClock clock = new dev.worklog.testing.MutableClock(TestServer.NOW);
        dev.worklog.http.CircuitBreaker breaker = dev.worklog.http.CircuitBreaker.builder("memory")
                .failureThreshold(2).clock(clock).build();
        InMemoryWorkLogRepository store = new InMemoryWorkLogRepository().breaker(breaker).down();
        try (TestServer s = TestServer.builder(dir).store(store).token("t0ken").start()) {
            String auth = "Bearer t0ken";
            assertThat(s.get("/health?verbose", "Authorization", auth).json().at("/store/circuit_breaker/state")
                    .asText()).isEqualTo("closed");
            s.postJson("/daily-logs", Samples.VALID, "Authorization", auth);
            s.postJson("/daily-logs", Samples.VALID, "Authorization", auth);
            int attempts = store.saveAttempts();
            TestServer.Reply fast = s.postJson("/daily-logs", Samples.VALID, "Authorization", auth);
            assertThat(fast.status()).isEqualTo(202);
            assertThat(store.saveAttempts()).as("not called while known to be failing").isEqualTo(attempts);

            assertThat(s.get("/health?verbose").status()).isEqualTo(401); // details need the token
            assertThat(s.get("/health").status()).isEqualTo(200); // the plain check never does
            com.fasterxml.jackson.databind.JsonNode health = s.get("/health?verbose", "Authorization", auth).json();
            assertThat(health.at("/store/circuit_breaker/state").asText()).isEqualTo("open");
            assertThat(health.at("/store/circuit_breaker/consecutive_failures").asInt()).isEqualTo(2);
            assertThat(health.at("/store/circuit_breaker/last_failure").asText()).contains("connection refused");
            assertThat(health.at("/outbox/pending").asInt()).isEqualTo(3);
        }
    }
}
