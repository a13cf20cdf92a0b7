package dev.worklog.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.InvalidRequestException;
import dev.worklog.internal.Json;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.StoredRef;
import dev.worklog.testing.InMemoryWorkLogRepository;
import dev.worklog.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private final InMemoryWorkLogRepository store = new InMemoryWorkLogRepository();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    static DailyLog entry(String title) {
        return new DailyLog(null, null, title, "### Situation\nslow search\n### Result\np99 800 -> 120 ms", "성능개선",
                ImpactLevel.HIGH, List.of("Java", "Redis"), LocalDate.parse("2026-11-24"), "Logged", "p99 -85%",
                "https://jira.example.com/T-1");
    }

    private Outbox outbox() {
        return Outbox.builder(dir, store).clock(clock).initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(10)).build();
    }

    private long files(String sub) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve(sub))) {
            return s.count();
        }
    }

    @Test
    void passesWritesThroughWhenTheStoreIsUp() throws Exception {
        try (Outbox outbox = outbox()) {
            Submission s = outbox.submit(entry("a"), null);
            assertThat(s.status()).isEqualTo(Submission.Status.STORED);
            assertThat(s.ref().id()).isEqualTo("mem-1");
            assertThat(outbox.pending()).isEmpty();
            assertThat(files("pending")).isZero();
        }
    }

    @Test
    void queuesOnDiskWhenTheStoreIsDownAndDeliversExactlyOnceWhenItIsBack() throws Exception {
        store.down();
        try (Outbox outbox = outbox()) {
            Submission s = outbox.submit(entry("queued one"), null);
            assertThat(s.status()).isEqualTo(Submission.Status.QUEUED);
            assertThat(s.queueId()).startsWith("q20261126T100000000Z-");
            Path file = dir.resolve("pending").resolve(s.queueId() + ".json");
            assertThat(file).exists();
            assertThat(Json.MAPPER.readTree(file.toFile()).path("log").path("title").asText()).isEqualTo("queued one");
            assertThat(outbox.pending()).singleElement().satisfies(e -> {
                assertThat(e.queueId()).isEqualTo(s.queueId());
                assertThat(e.log()).isEqualTo(entry("queued one").withEntryId(s.entryId()));
                assertThat(e.lastError()).contains("connection refused");
            });

            store.up();
            FlushResult first = outbox.deliverDue();
            assertThat(first.delivered()).singleElement()
                    .satisfies(d -> assertThat(d.queueId()).isEqualTo(s.queueId()));
            assertThat(first.remaining()).isEmpty();
            assertThat(outbox.deliverDue().delivered()).isEmpty();
            assertThat(outbox.flush().delivered()).isEmpty();
            assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("queued one");
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void saveDailyLogSignalsQueuedWithTheQueueId() {
        store.down();
        try (Outbox outbox = outbox()) {
            assertThatThrownBy(() -> outbox.saveDailyLog(entry("x")))
                    .isInstanceOfSatisfying(QueuedException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(outbox.pending()).extracting(OutboxEntry::queueId).containsExactly(e.queueId());
                    });
        }
    }

    @Test
    void backsOffBetweenBackgroundAttemptsByTheInjectedClock() {
        store.down();
        try (Outbox outbox = outbox()) {
            outbox.submit(entry("x"), null);
            assertThat(outbox.deliverDue().delivered()).isEmpty(); // fails: next attempt in 2 s
            int attempts = store.saveAttempts();
            store.up();
            clock.advance(Duration.ofMillis(1999));
            assertThat(outbox.deliverDue().delivered()).isEmpty();
            assertThat(store.saveAttempts()).isEqualTo(attempts); // not even tried: still backing off
            clock.advance(Duration.ofMillis(1));
            assertThat(outbox.deliverDue().delivered()).hasSize(1);
        }
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        try (Outbox outbox = outbox()) {
            assertThat(List.of(1, 2, 3, 4, 5).stream().map(outbox::backoff).map(Duration::toSeconds))
                    .containsExactly(2L, 4L, 8L, 10L, 10L);
        }
    }

    @Test
    void pendingEntriesSurviveARestartAndAreDeliveredOnStart() throws Exception {
        store.down();
        String queueId;
        try (Outbox outbox = outbox()) {
            queueId = outbox.submit(entry("survivor"), null).queueId();
        }
        store.up();
        try (Outbox reopened = Outbox.builder(dir, store).pollInterval(Duration.ofMillis(10)).build()) {
            assertThat(reopened.pending()).extracting(OutboxEntry::queueId).containsExactly(queueId);
            reopened.start();
            assertThat(store.awaitSaved(1, 10)).isTrue();
        }
        assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("survivor");
        assertThat(files("pending")).isZero();
    }

    @Test
    void flushStopsAtTheFirstRetryableFailureAndReportsWhatRemains() {
        store.down();
        try (Outbox outbox = outbox()) {
            outbox.submit(entry("one"), null);
            clock.advance(Duration.ofMillis(1));
            outbox.submit(entry("two"), null);
            FlushResult stillDown = outbox.flush();
            assertThat(stillDown.delivered()).isEmpty();
            assertThat(stillDown.remaining()).extracting(e -> e.log().title()).containsExactly("one", "two");
            assertThat(stillDown.remaining().get(0).attempts()).isEqualTo(1);
            store.up();
            FlushResult back = outbox.flush();
            assertThat(back.delivered()).hasSize(2);
            assertThat(back.remaining()).isEmpty();
            assertThat(store.dailyLogs()).extracting(DailyLog::title).containsExactly("one", "two");
        }
    }

    @Test
    void entriesTheStoreRefusesForGoodMoveToFailedAndAreKept() throws Exception {
        store.down();
        try (Outbox outbox = outbox()) {
            String id = outbox.submit(entry("refused"), null).queueId();
            store.refusing();
            FlushResult r = outbox.flush();
            assertThat(r.failed()).singleElement().satisfies(e -> {
                assertThat(e.queueId()).isEqualTo(id);
                assertThat(e.failed()).isTrue();
                assertThat(e.lastError()).contains("refused");
            });
            assertThat(outbox.pending()).isEmpty();
            assertThat(outbox.failed()).extracting(OutboxEntry::queueId).containsExactly(id);
            assertThat(files("failed")).isEqualTo(1);
        }
    }

    @Test
    void nonRetryableStoreErrorsAreNotQueued() {
        store.refusing();
        try (Outbox outbox = outbox()) {
            assertThatThrownBy(() -> outbox.submit(entry("x"), null)).isInstanceOf(InvalidRequestException.class);
            assertThat(outbox.pending()).isEmpty();
        }
    }

    @Test
    void theSameIdempotencyKeyTwiceStoresOneEntry() {
        try (Outbox outbox = outbox()) {
            Submission first = outbox.submit(entry("once"), "key-1");
            Submission again = outbox.submit(entry("once"), "key-1");
            assertThat(first.replayed()).isFalse();
            assertThat(again.replayed()).isTrue();
            assertThat(again.ref()).isEqualTo(first.ref());
            assertThat(store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void theSameKeyWithADifferentEntryIsAConflict() {
        try (Outbox outbox = outbox()) {
            outbox.submit(entry("once"), "key-1");
            assertThatThrownBy(() -> outbox.submit(entry("other"), "key-1"))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(IdempotencyConflictException.Reason.MISMATCH));
            assertThat(store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void idempotencyKeysSurviveARestartAndFollowAQueuedEntryToTheStore() throws Exception {
        store.down();
        String queueId;
        try (Outbox outbox = outbox()) {
            queueId = outbox.submit(entry("q"), "retry-me").queueId();
            assertThat(outbox.submit(entry("q"), "retry-me").queueId()).isEqualTo(queueId);
        }
        store.up();
        try (Outbox reopened = outbox()) {
            Submission replay = reopened.submit(entry("q"), "retry-me");
            assertThat(replay.status()).isEqualTo(Submission.Status.QUEUED);
            assertThat(replay.queueId()).isEqualTo(queueId);
            reopened.flush();
            Submission afterDelivery = reopened.submit(entry("q"), "retry-me");
            assertThat(afterDelivery.status()).isEqualTo(Submission.Status.STORED);
            assertThat(afterDelivery.ref()).isEqualTo(new StoredRef("mem-1", "memory://daily/mem-1"));
        }
        assertThat(store.dailyLogs()).hasSize(1);
        // the key itself is never written, only its hash
        assertThat(dir.resolve("idempotency").toFile().list()).singleElement()
                .satisfies(name -> assertThat(name).doesNotContain("retry-me").hasSize(64 + 5));
    }

    @Test
    void rejectsKeysThatAreEmptyTooLongOrNotPrintableAscii() {
        try (Outbox outbox = outbox()) {
            assertThatThrownBy(() -> outbox.submit(entry("x"), "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.submit(entry("x"), "k".repeat(256)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.submit(entry("x"), "k\u0000")).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.saveAttempts()).isZero();
        }
    }

    @Test
    void aKeyWhoseFirstRequestIsStillRunningIsRefused() throws Exception {
        store.blocking();
        try (Outbox outbox = outbox()) {
            Thread first = new Thread(() -> outbox.submit(entry("slow"), "busy"));
            first.start();
            assertThat(store.awaitEntered(10)).isTrue();
            assertThatThrownBy(() -> outbox.submit(entry("slow"), "busy"))
                    .isInstanceOfSatisfying(IdempotencyConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(IdempotencyConflictException.Reason.IN_PROGRESS));
            store.release();
            first.join(10_000);
            assertThat(store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void staleTempFilesFromACrashAreRemovedOnOpen() throws Exception {
        Files.createDirectories(dir.resolve("pending"));
        Files.writeString(dir.resolve("pending").resolve(".q1.json.tmp"), "{half");
        try (Outbox outbox = outbox()) {
            assertThat(outbox.pending()).isEmpty();
            assertThat(files("pending")).isZero();
        }
    }

    @Test
    void aDeliveryPassInAnotherProcessIsRespected() throws Exception {
        store.down();
        try (Outbox outbox = outbox()) {
            outbox.submit(entry("x"), null);
            store.up();
            // another process (e.g. `worklog outbox flush`) holds the delivery lock: the background pass skips
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("delivery.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                Thread other = new Thread(() -> {
                    try (java.nio.channels.FileLock ignored = ch.lock()) {
                        assertThat(outbox.deliverDue().delivered()).isEmpty();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                other.start();
                other.join(10_000);
            }
            assertThat(store.saveAttempts()).isEqualTo(1); // only the first, failed attempt
            assertThat(outbox.deliverDue().delivered()).hasSize(1);
        }
    }

    @Test
    void theFolderComesFromTheConfiguration() {
        assertThat(Outbox.directory(dev.worklog.config.WorkLogConfig.empty())).isEqualTo(Path.of("worklog-data/outbox"));
        assertThat(Outbox.directory(dev.worklog.config.WorkLogConfig.of(java.util.Map.of("WORKLOG_OUTBOX_DIR",
                "/var/lib/worklog/outbox")))).isEqualTo(Path.of("/var/lib/worklog/outbox"));
    }
}
