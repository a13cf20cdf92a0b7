package dev.worklog.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The REST server ({@link Main}) as a process of its own, as {@code ./worklog serve} runs it, so that a test can
 * kill it ({@link #kill()}, as {@code kill -9} does) or let it halt itself at a crash point, then start another on
 * the same folders.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process) throws InterruptedException {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        String listening = await("listening on", 60);
        this.port = Integer.parseInt(listening.replaceAll(".*:(\\d+) .*", "$1"));
    }

    /**
     * Starts a server in {@code dir} with these variables (on top of a loopback bind and a free port).
     *
     * @param crashFile the file naming the step to halt at (see the outbox's crash points), or {@code null}
     */
    static ServerProcess start(Path dir, Map<String, String> variables, Path crashFile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (crashFile != null) {
            cmd.add("-Dworklog.crash.file=" + crashFile);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("WORKLOG_") || k.startsWith("NOTION_") || k.equals("API_AUTH_TOKEN")
                || k.equals("LLM_PROVIDER") || k.equals("PORT"));
        env.put("PORT", "0");
        env.put("WORKLOG_BIND", "127.0.0.1");
        env.put("WORKLOG_TIMEZONE", "UTC");
        env.put("LLM_PROVIDER", "offline");
        env.put("LOG_LEVEL", "warn");
        // the test's folder stands for a durable disk wherever the build runs (CI's /tmp may be a container layer)
        env.put("WORKLOG_OUTBOX_DURABLE", "true");
        env.putAll(variables);
        return new ServerProcess(pb.start());
    }

    /** A line of the server's output containing {@code wanted}, waiting up to {@code seconds}. */
    String await(String wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            if (line.contains(wanted)) {
                return line;
            }
        }
        throw new AssertionError("no line containing '" + wanted + "' in the server's output: " + seen);
    }

    int port() {
        return port;
    }

    /** An answer: status, JSON body and headers. */
    record Answer(int status, JsonNode json, java.net.http.HttpHeaders headers) {
    }

    /** {@code POST /daily-logs}, with an {@code Idempotency-Key} unless it is {@code null}. */
    Answer post(String body, String key) {
        return post("/daily-logs", body, key);
    }

    /** A JSON {@code POST} to a path, with an {@code Idempotency-Key} unless it is {@code null}. */
    Answer post(String path, String body, String key) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        try {
            HttpResponse<String> res = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(res.statusCode(), Json.MAPPER.readTree(res.body()), res.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process at once, as {@code kill -9} does: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself (a crash point halts it with 137). */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not stop");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Everything the server printed so far. */
    String output() {
        lines.drainTo(seen);
        return String.join("\n", seen);
    }

    static Map<String, String> variables(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
