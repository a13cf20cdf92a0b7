package dev.worklog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.rest.Samples;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real start-up path: configuration from variables, the local store, the outbox, and SIGTERM. */
class MainTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("WORKLOG_BIND", "127.0.0.1");
        env.put("WORKLOG_DATA_DIR", dir.resolve("data").toString());
        env.put("WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString());
        env.put("WORKLOG_OUTBOX_DURABLE", "true"); // wherever the build runs (CI's /tmp may be a container layer)
        env.put("LOG_FILE", dir.resolve("logs/execution.log").toString());
        env.put("WORKLOG_TIMEZONE", "UTC");
        return env;
    }

    @Test
    void startsOnTheLocalStoreServesAndStopsGracefully() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Main.Running running = Main.start(WorkLogConfig.of(env()), out);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port()
                    + "/daily-logs")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.VALID)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".md"))).hasSize(1);
            }
        } finally {
            running.stop();
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("WARNING: API_AUTH_TOKEN is not set").contains("worklog API listening on");
        String log = Files.readString(dir.resolve("logs/execution.log"));
        List<String> expected = List.of("[INFO] api_server - worklog API listening on",
                "[SUCCESS] api_server - POST /daily-logs stored",
                "[INFO] api_server - API server stopped: all requests in flight finished");
        assertThat(log).contains(expected);
        // serving: every execution-log line also on stdout, in the same format, where hosts show it
        List<String> logLines = log.lines().toList();
        assertThat(printed.lines().filter(l -> l.matches("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\] \\[\\w+\\] .*")))
                .containsExactlyElementsOf(logLines);
    }

    @Test
    void badConfigurationFailsAtStartNamingTheVariable() {
        Map<String, String> env = env();
        env.put("PORT", "eighty");
        assertThatThrownBy(() -> Main.start(WorkLogConfig.of(env), System.out))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PORT");
        env.put("PORT", "0");
        env.put("WORKLOG_SERVER_THREADS", "0");
        assertThatThrownBy(() -> Main.start(WorkLogConfig.of(env), System.out))
                .hasMessageContaining("WORKLOG_SERVER_THREADS");
        env.remove("WORKLOG_SERVER_THREADS");
        env.put("API_AUTH_TOKEN", "has space");
        assertThatThrownBy(() -> Main.start(WorkLogConfig.of(env), System.out)).hasMessageContaining("API_AUTH_TOKEN")
                .hasMessageNotContaining("has space");
        env.remove("API_AUTH_TOKEN");
        env.put("LLM_PROVIDER", "nonexistent");
        assertThatThrownBy(() -> Main.start(WorkLogConfig.of(env), System.out)).hasMessageContaining("LLM_PROVIDER");
    }

    // --- the real process: exit status, one-line failure, access log on stdout, SIGTERM ---

    private Process launch(Map<String, String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WORKLOG_") || k.equals("API_AUTH_TOKEN")
                || k.equals("PORT") || k.startsWith("NOTION_") || k.equals("LLM_PROVIDER"));
        pb.environment().putAll(env());
        pb.environment().putAll(extra);
        return pb.start();
    }

    @Test
    void aBadConfigurationExitsWithStatus1AndOneLine() throws Exception {
        Process p = launch(Map.of("PORT", "99999"));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertThat(err.strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("worklog server: PORT must be between 0 and 65535"));
    }

    @Test
    void sigtermStopsTheProcessGracefullyAndTheAccessLogIsOnStdout() throws Exception {
        Process p = launch(Map.of("API_AUTH_TOKEN", "proc-token-123"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            String listening = await(lines, "listening on");
            int port = Integer.parseInt(listening.replaceAll(".*:(\\d+) .*", "$1"));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/docs"))
                    .header("Authorization", "Bearer proc-token-123").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(await(lines, "GET /health 200")).matches(".*access - GET /health 200 \\d+\\.\\d$");
            await(lines, "GET /docs 200");
            // SIGTERM; Process.destroy() would also close our end of stdout, losing what the shutdown hook prints
            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            reader.join(30_000); // stdout reaches its end when the process exits
            assertThat(String.join("\n", lines)).as("stdout; stderr: %s", Files.readString(dir.resolve("stderr.txt"))).contains("[INFO] api_server - API server stopped: all requests in flight finished");
        } finally {
            p.destroyForcibly();
            reader.join(10_000);
        }
        assertThat(String.join("\n", lines)).doesNotContain("proc-token-123");
    }

    private static String await(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.contains(wanted)) {
                lines.addAll(skipped);
                return line;
            }
            skipped.add(line);
        }
        throw new AssertionError("no line containing '" + wanted + "' in " + skipped);
    }
}
