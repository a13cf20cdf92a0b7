package dev.worklog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.WorkLogger;
import dev.worklog.internal.Json;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.log.ExecutionLog;
import dev.worklog.testing.InMemoryWorkLogRepository;
import dev.worklog.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A real server on a loopback port over an in-memory store and a switchable offline LLM; today is 2026-11-26
 * (UTC). Every reply is checked against {@code openapi.json}.
 */
final class TestServer implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    final InMemoryWorkLogRepository store;
    final SwitchableLlm llm = new SwitchableLlm();
    /** The SDK's clock (the outbox measures its backoff with it): at {@link #NOW} until a test moves it. */
    final MutableClock outboxClock = new MutableClock(NOW);
    final Path dir;
    final Outbox outbox;
    final WorkLogger logger;
    final WorkLogApi api;
    final ApiServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Builder b) {
        this.dir = b.dir;
        this.store = b.store;
        // the test's folder stands for a durable disk wherever the build runs (CI's /tmp may be a container layer)
        this.api = WorkLogApi.builder().config(b.config).authToken(b.token).outboxDirectory(dir.resolve("outbox")).durableOutbox(true)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .logger(WorkLogger.builder().repository(store).llmProvider(llm).clock(outboxClock)
                        .zone(ZoneOffset.UTC).language("en")
                        .executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), Clock.systemUTC(),
                                ZoneOffset.UTC, b.token == null ? List.of() : List.of(b.token))))
                .build();
        this.outbox = api.outbox();
        this.logger = api.logger();
        ServerOptions.Builder options = ServerOptions.builder().bind("127.0.0.1").port(0).threads(b.threads)
                .queue(b.queue).shutdownTimeout(Duration.ofSeconds(5));
        if (b.maxConnections > 0) {
            options.maxConnections(b.maxConnections);
        }
        this.server = ApiServer.bind(options.build(), b.ticker).start(api);
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    static TestServer start(Path dir) {
        return builder(dir).start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** The execution log's text. */
    String executionLog() {
        try {
            Path f = dir.resolve("execution.log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply postJson(String path, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), all);
    }

    Reply send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return send(r.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reply reply = new Reply(res.statusCode(), res.headers().map(), res.body());
            String path = request.uri().getPath();
            OpenApiContract.check(request.method(), path, reply.status(),
                    res.headers().firstValue("Content-Type").orElse(null), reply.body());
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        api.close();
    }

    /** A received response. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final class Builder {
        private final Path dir;
        private String token;
        private int threads = 4;
        private int queue = 16;
        private InMemoryWorkLogRepository store = new InMemoryWorkLogRepository();
        private java.util.function.LongSupplier ticker = System::nanoTime;
        private int maxConnections;
        private dev.worklog.config.WorkLogConfig config = dev.worklog.config.WorkLogConfig.empty();

        private Builder(Path dir) {
            this.dir = dir;
        }

        Builder token(String value) {
            token = value;
            return this;
        }

        Builder pool(int threadCount, int queueLength) {
            threads = threadCount;
            queue = queueLength;
            return this;
        }

        Builder store(InMemoryWorkLogRepository value) {
            store = value;
            return this;
        }

        /** The transport's clock (nanoseconds): tests move it and call {@code server.transport().sweep()}. */
        Builder ticker(java.util.function.LongSupplier value) {
            ticker = value;
            return this;
        }

        Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** The API's configuration (the SDK's parts are set in code). */
        Builder config(java.util.Map<String, String> values) {
            config = dev.worklog.config.WorkLogConfig.of(values);
            return this;
        }

        TestServer start() {
            return new TestServer(this);
        }
    }
}
