package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadAndShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aFullPoolShedsLoadWith503AndRetryAfter() throws Exception {
        try (TestServer s = TestServer.builder(dir).pool(1, 0).start()) {
            s.store.blocking();
            CompletableFuture<TestServer.Reply> busy =
                    CompletableFuture.supplyAsync(() -> s.postJson("/daily-logs", Samples.VALID));
            assertThat(s.store.awaitEntered(10)).isTrue(); // the only worker is taken
            TestServer.Reply shed = s.postJson("/daily-logs", Samples.valid("second", "2026-11-23"));
            assertThat(shed.status()).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            assertThat(shed.json().path("detail").asText()).contains("busy");
            s.store.release();
            assertThat(busy.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(s.store.dailyLogs()).hasSize(1);
        }
    }

    @Test
    void shutdownLetsAnInFlightRequestFinishAndRefusesNewOnes() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            s.store.blocking();
            CompletableFuture<TestServer.Reply> inFlight =
                    CompletableFuture.supplyAsync(() -> s.postJson("/daily-logs", Samples.VALID));
            assertThat(s.store.awaitEntered(10)).isTrue();
            CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(
                    () -> s.server.shutdown(Duration.ofSeconds(10)));
            // while draining, new requests are told to go elsewhere (the listener is still open)
            TestServer.Reply refused = awaitDraining(s);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(stopping).isNotDone();
            s.store.release();
            TestServer.Reply done = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo(201);
            assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(s.store.dailyLogs()).hasSize(1);
            assertThatThrownBy(() -> s.get("/health")).isInstanceOf(UncheckedIOException.class);
        }
    }

    /** Posts until the server reports draining (the shutdown thread sets the flag asynchronously). */
    private static TestServer.Reply awaitDraining(TestServer s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            TestServer.Reply r = s.postJson("/daily-logs", Samples.valid("late", "2026-11-20"));
            if (r.status() == 503) {
                return r;
            }
            assertThat(r.status()).as("a request before draining started").isIn(201);
            Thread.onSpinWait();
        }
        throw new AssertionError("the server never started draining");
    }

    @Test
    void shutdownGivesUpOnRequestsThatOutlastTheTimeout() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            s.store.blocking();
            CompletableFuture<TestServer.Reply> stuck =
                    CompletableFuture.supplyAsync(() -> s.postJson("/daily-logs", Samples.VALID));
            assertThat(s.store.awaitEntered(10)).isTrue();
            assertThat(s.server.shutdown(Duration.ofMillis(100))).isFalse();
            s.store.release();
            stuck.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            // the cut-off request's worker still finishes its work; wait for it before the temp folder goes
            assertThat(s.server.awaitWorkers(Duration.ofSeconds(10))).isTrue();
        }
    }
}
