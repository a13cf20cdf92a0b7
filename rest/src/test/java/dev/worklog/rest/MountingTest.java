package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.log.ExecutionLog;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API mounted in a server it does not know, the JDK's {@code com.sun.net.httpserver}, the way the README mounts
 * it in Spring: method, path, query, headers and body in; status, headers and body out. Everything the API decides
 * (auth, routing, validation, the answer's headers) arrives through the foreign server unchanged.
 */
class MountingTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void everyRouteWorksThroughAnotherServersHandler() throws Exception {
        InMemoryWorkLogRepository store = new InMemoryWorkLogRepository();
        WorkLogApi api = WorkLogApi.builder().config(WorkLogConfig.of(Map.of("API_AUTH_TOKEN", "mount-token")))
                .outboxDirectory(dir.resolve("outbox"))
                .logger(WorkLogger.builder().repository(store).llmProvider(new OfflineSummarizer())
                        .zone(ZoneOffset.UTC).executionLog(ExecutionLog.disabled())).build().start();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // the mounting: a dozen lines, as in the README
        server.createContext("/", exchange -> {
            ApiRequest.Builder request = ApiRequest.builder(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath()).query(exchange.getRequestURI().getRawQuery());
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
            try (InputStream in = exchange.getRequestBody()) {
                request.body(in.readNBytes(WorkLogApi.MAX_BODY_BYTES + 1));
            }
            ApiResponse answer = api.handle(request.build());
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"ok\"");

            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(base.resolve("/daily-logs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Samples.VALID))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"worklog\"");

            HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/daily-logs?dry_run=false"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer mount-token")
                    .header("Idempotency-Key", "mounted-1").POST(HttpRequest.BodyPublishers.ofString(Samples.VALID))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(created.body()).contains("\"page_id\":\"mem-1\"");
            assertThat(store.dailyLogs()).singleElement().satisfies(log ->
                    assertThat(log.entryId()).startsWith("idem-"));

            HttpResponse<String> tooLarge = client.send(HttpRequest.newBuilder(base.resolve("/daily-logs"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer mount-token")
                    .POST(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(WorkLogApi.MAX_BODY_BYTES) + "\""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tooLarge.statusCode()).isEqualTo(413);

            HttpResponse<String> docs = client.send(HttpRequest.newBuilder(base.resolve("/docs"))
                    .header("Authorization", "Bearer mount-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(docs.statusCode()).isEqualTo(200);
            assertThat(docs.headers().firstValue("Content-Security-Policy")).contains(
                    "default-src 'none'; style-src 'unsafe-inline'");
        } finally {
            server.stop(0);
            api.close();
        }
    }
}
