package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the SDK is still loading, {@code /health} already answers and other routes wait for the API. */
class EarlyHealthTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void health_answers_before_the_api_is_ready_and_other_routes_wait_for_it() throws Exception {
        ApiServer server = ApiServer.bind(ServerOptions.builder().bind("127.0.0.1").port(0).threads(4).queue(8)
                .shutdownTimeout(Duration.ofSeconds(5)).build());
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"ok\",\"timestamp\":\"");

            CompletableFuture<HttpResponse<String>> early = client.sendAsync(HttpRequest.newBuilder(base.resolve("/nope"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            WorkLogApi api = WorkLogApi.builder().outboxDirectory(dir.resolve("outbox")).durableOutbox(true)
                    .logger(WorkLogger.builder().repository(new InMemoryWorkLogRepository())
                            .llmProvider(new OfflineSummarizer()).executionLog(ExecutionLog.disabled())
                            .zone(ZoneOffset.UTC)).build();
            server.start(api);
            // a request that arrived before the hand-over is answered by the API, not dropped or refused
            assertThat(early.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
            HttpResponse<String> answered = client.send(HttpRequest.newBuilder(base.resolve("/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answered.statusCode()).isEqualTo(404);
        } finally {
            server.close();
        }
    }
}
