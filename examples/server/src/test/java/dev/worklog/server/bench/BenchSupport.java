package dev.worklog.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** What the server benchmarks share: starting the server as its own process, reading its memory, percentiles. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** A server process and its port; {@code nanosToFirst200} from process start to the first 200 on /health. */
    record Started(Process process, int port, long nanosToFirst200) {
    }

    static List<String> readFlags(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                flags.add(l);
            }
        }
        return flags;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code dev.worklog.server.Main} in {@code dir} with the given flags and store, on a free loopback port,
     * and waits for its first 200 on {@code /health}.
     *
     * @param extraEnv further variables (they win over the defaults set here)
     */
    static Started startServer(List<String> flags, Path dir, String classpath, String store,
            Map<String, String> extraEnv) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", classpath, "dev.worklog.server.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(dir.resolve("stderr.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("WORKLOG_") || k.startsWith("NOTION_") || k.equals("API_AUTH_TOKEN")
                || k.equals("LLM_PROVIDER"));
        env.put("PORT", String.valueOf(port));
        env.put("WORKLOG_BIND", "127.0.0.1");
        env.put("WORKLOG_STORE", store);
        env.put("WORKLOG_DATA_DIR", dir.resolve("data").toString());
        String threads = System.getProperty("bench.server.threads");
        if (threads != null) {
            env.put("WORKLOG_SERVER_THREADS", threads);
        }
        env.put("WORKLOG_TIMEZONE", "UTC");
        env.put("LOG_FILE", dir.resolve("execution.log").toString());
        env.put("WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString());
        env.put("WORKLOG_OUTBOX_DURABLE", "true");
        // further variables for every server a run starts: -Dbench.server.env=NAME=value,NAME=value
        for (String pair : System.getProperty("bench.server.env", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        env.putAll(extraEnv);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] health = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(dir.resolve("stderr.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(health);
                String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                if (head.equals("HTTP/1.1 200")) {
                    return new Started(p, port, System.nanoTime() - start);
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            LockSupport.parkNanos(500_000); // poll every 0.5 ms: fine enough, and leaves the CPU to the server
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not answer /health within 60 s");
    }

    static void stop(Process p) throws InterruptedException {
        p.toHandle().destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() == 0) {
                break;
            }
            String l = line.toString();
            if (status < 0) {
                status = Integer.parseInt(l.substring(9, 12));
            } else if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(l.substring(15).strip());
            }
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("short body");
        }
        return status;
    }

    static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    static long kb(String value) {
        return value == null ? -1 : Long.parseLong(value.replace("kB", "").strip());
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
