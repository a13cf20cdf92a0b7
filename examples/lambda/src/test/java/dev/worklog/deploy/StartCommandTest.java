package dev.worklog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the image's start command — the Dockerfile's ENTRYPOINT through {@code sh -c}, with the image's ENV
 * (JAVA_OPTS, PORT, the /data paths) — against the classes these tests run, since no Docker engine is available
 * here. Only two things differ from the container: the jar path becomes this JVM's class path, and /data becomes a
 * temporary folder. The server must come up on PORT and answer 200 on /health, write its execution log where
 * LOG_FILE says, and stop cleanly on SIGTERM (what {@code docker stop} sends).
 */
class StartCommandTest {
    @TempDir
    Path data;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theImagesStartCommandServesHealthOnPort() throws Exception {
        Dockerfile run = Dockerfile.parse(Repo.read("Dockerfile")).lastStage();
        String entrypoint = run.all("ENTRYPOINT").get(0).args();
        // exec form: ["sh", "-c", "<command>", "<$0>"]
        Matcher m = Pattern.compile("^\\[\"sh\", \"-c\", \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(entrypoint);
        assertThat(m.find()).as("ENTRYPOINT runs a shell command: " + entrypoint).isTrue();
        String command = m.group(1).replace("\\\"", "\"");
        // what the image copies from the build stage: the jar becomes this JVM's class path, other files the
        // repository's own (jvm.options)
        for (Dockerfile.Instruction copy : run.all("COPY")) {
            String[] parts = copy.args().split("\\s+");
            String inRepo = parts[1].substring("/src/".length());
            command = command.replace(parts[2], quote(inRepo.endsWith(".jar") ? classPath()
                    : Repo.path(inRepo).toString()));
        }

        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command, "worklog");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("NOTION_") || k.endsWith("_API_KEY") || k.startsWith("WORKLOG_")
                || k.equals("LLM_PROVIDER") || k.equals("API_AUTH_TOKEN"));
        run.env().forEach((k, v) -> env.put(k, v.replace("/data", data.toString())));
        env.put("PORT", String.valueOf(port));
        env.put("WORKLOG_BIND", "127.0.0.1");
        env.put("LLM_PROVIDER", "offline");
        // production's level; core's test jar on this class path carries a simplelogger.properties at WARN
        env.put("LOG_LEVEL", "INFO");
        pb.directory(data.toFile());
        pb.redirectErrorStream(true);
        Process process = pb.start();
        List<String> output = new ArrayList<>();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("listening on")) {
                        listening.complete(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new AssertionError("the server exited before listening: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // waits for the server's own start line, not for a fixed time
            String line = listening.get(45, TimeUnit.SECONDS);
            assertThat(line).contains(":" + port);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");

            // the JVM flags of the image were really applied
            List<String> jvmArgs = ProcessHandle.of(process.pid()).flatMap(h -> h.info().arguments()).map(List::of)
                    .orElse(List.of());
            assertThat(jvmArgs).containsAll(DeploymentFilesTest.jvmOptions()).contains("-XX:+ExitOnOutOfMemoryError");
        } finally {
            process.destroy(); // SIGTERM, as docker stop
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("exits on SIGTERM").isTrue();
        }
        Path log = Path.of(run.env().get("LOG_FILE").replace("/data", data.toString()));
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("api_server");
        synchronized (output) {
            assertThat(String.join("\n", output)).contains("GET /health 200");
        }
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
