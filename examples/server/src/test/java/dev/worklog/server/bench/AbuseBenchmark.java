package dev.worklog.server.bench;

import static dev.worklog.server.bench.BenchSupport.kb;
import static dev.worklog.server.bench.BenchSupport.loadAverage;
import static dev.worklog.server.bench.BenchSupport.percentile;
import static dev.worklog.server.bench.BenchSupport.procStatus;
import static dev.worklog.server.bench.BenchSupport.readFlags;
import static dev.worklog.server.bench.BenchSupport.readResponse;

import dev.worklog.rest.GarbageRequests;
import dev.worklog.rest.GarbageRequests.Garbage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Abuse benchmark ({@code examples/server/bench/abuse.sh}): can slow or broken clients stall the server? The
 * server runs as its own process with {@code jvm.options} and the zero-latency in-memory store. While a normal
 * client posts a daily log every 100 ms and a monitor asks {@code /health} every 200 ms:
 *
 * <ol>
 *   <li>200 slow-header connections are held for 30 s: each sends the start of a request and then one header byte
 *       a second, never finishing (a connection the server closes is opened again at once);</li>
 *   <li>then 500 garbage requests, 50 at a time, each on a new connection: bare line breaks, short bodies, bad chunk
 *       sizes, unsupported transfer codings, huge or too many headers, malformed request lines and headers, binary
 *       noise; each waits up to 40 s for an answer.</li>
 * </ol>
 *
 * <p>Printed: the normal client's answers and latency (goal: every request answered, p99 &lt;= 1 s), the health
 * checks (goal: all answered), the garbage answers by status (goal: no 5xx and no connection closed without a
 * status line), what the server did with the slow connections, and the server's resident memory (goal &lt;= 128 MB).
 * Extra server flags (for example the JDK server's {@code -Dsun.net.httpserver.*} properties) come from
 * {@code -Dbench.server.extraFlags="..."}.
 */
public final class AbuseBenchmark {
    private static final int SLOW = Integer.getInteger("bench.slow", 200);
    private static final int SLOW_SECONDS = Integer.getInteger("bench.slowSeconds", 30);
    private static final int GARBAGE = Integer.getInteger("bench.garbage", 500);
    private static final int GARBAGE_PARALLEL = 50;
    private static final int ANSWER_WAIT_MS = 40_000;

    private AbuseBenchmark() {
    }

    /** Entry point; {@code args[0]} is the path of {@code jvm.options}. */
    public static void main(String[] args) throws Exception {
        List<String> flags = new ArrayList<>(readFlags(Path.of(args.length > 0 ? args[0]
                : "examples/server/jvm.options")));
        String extra = System.getProperty("bench.server.extraFlags", "").strip();
        if (!extra.isEmpty()) {
            flags.addAll(Arrays.asList(extra.split("\\s+")));
        }
        Path work = Files.createTempDirectory("worklog-abuse");
        System.out.println("worklog server abuse benchmark");
        System.out.println("  JVM flags: " + String.join(" ", flags));
        System.out.println("  " + SLOW + " slow-header connections for " + SLOW_SECONDS + " s, then " + GARBAGE
                + " garbage requests; load average at start " + loadAverage());
        BenchSupport.Started server = BenchSupport.startServer(flags, work.resolve("server"),
                System.getProperty("bench.server.classpath", System.getProperty("java.class.path")), "memory",
                Map.of());
        int port = server.port();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> normalLatencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> normalOutcomes = new ConcurrentHashMap<>();
        Thread normal = new Thread(() -> normalClient(port, running, normalLatencies, normalOutcomes), "normal");
        List<Long> healthLatencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> healthOutcomes = new ConcurrentHashMap<>();
        Thread health = new Thread(() -> healthMonitor(port, running, healthLatencies, healthOutcomes), "health");
        normal.start();
        health.start();

        Map<String, AtomicInteger> slowOutcomes = new ConcurrentHashMap<>();
        long slowStart = System.nanoTime();
        slowHeaders(port, SLOW, SLOW_SECONDS, slowOutcomes);
        double slowPhase = (System.nanoTime() - slowStart) / 1e9;
        int normalDuringSlow = normalLatencies.size();

        Map<String, Map<String, AtomicInteger>> garbage = new TreeMap<>();
        long garbageStart = System.nanoTime();
        garbage(port, GARBAGE, garbage);
        double garbagePhase = (System.nanoTime() - garbageStart) / 1e9;

        running.set(false);
        normal.join(15_000);
        health.join(15_000);
        Map<String, String> status = procStatus(server.process().pid());
        BenchSupport.stop(server.process());

        long[] normalSorted = normalLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] healthSorted = healthLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int normalFailures = normalOutcomes.entrySet().stream().filter(e -> !e.getKey().equals("201"))
                .mapToInt(e -> e.getValue().get()).sum();
        int healthFailures = healthOutcomes.entrySet().stream().filter(e -> !e.getKey().equals("200"))
                .mapToInt(e -> e.getValue().get()).sum();
        int fiveXx = 0;
        int noStatus = 0;
        Map<String, Integer> garbageTotals = new TreeMap<>();
        for (Map<String, AtomicInteger> byStatus : garbage.values()) {
            for (Map.Entry<String, AtomicInteger> e : byStatus.entrySet()) {
                garbageTotals.merge(e.getKey(), e.getValue().get(), Integer::sum);
                if (e.getKey().startsWith("5")) {
                    fiveXx += e.getValue().get();
                } else if (!e.getKey().matches("\\d{3}")) {
                    noStatus += e.getValue().get();
                }
            }
        }
        double rss = kb(status.get("VmRSS")) / 1024.0;
        double hwm = kb(status.get("VmHWM")) / 1024.0;

        System.out.println();
        System.out.printf(Locale.ROOT, "phases: slow headers %.1f s, garbage %.1f s%n", slowPhase, garbagePhase);
        System.out.println("normal client (POST /daily-logs every 100 ms): " + normalLatencies.size()
                + " answered (" + normalDuringSlow + " during the slow phase); outcomes " + sorted(normalOutcomes));
        System.out.println("health monitor (GET /health every 200 ms): " + healthLatencies.size() + " answered; "
                + "outcomes " + sorted(healthOutcomes));
        System.out.println("slow-header connections: " + sorted(slowOutcomes));
        System.out.println("garbage, by kind: ");
        garbage.forEach((kind, byStatus) -> System.out.println("  " + kind + ": " + sorted(byStatus)));
        System.out.println();
        row("normal client: requests without a 201", String.valueOf(normalFailures), "0", normalFailures == 0);
        row("normal client: latency p50", ms(percentile(normalSorted, 50)), "", true);
        row("normal client: latency p99", ms(percentile(normalSorted, 99)), "<= 1000 ms",
                normalSorted.length > 0 && percentile(normalSorted, 99) <= 1_000_000_000L);
        row("normal client: latency max", ms(percentile(normalSorted, 100)), "", true);
        row("/health: checks without a 200", String.valueOf(healthFailures), "0", healthFailures == 0);
        row("/health: latency p99", ms(percentile(healthSorted, 99)), "", true);
        row("garbage: answers by status", garbageTotals.toString(), "", true);
        row("garbage: 5xx answers", String.valueOf(fiveXx), "0", fiveXx == 0);
        row("garbage: connections without a status line", String.valueOf(noStatus), "0", noStatus == 0);
        row("server VmRSS at the end", String.format(Locale.ROOT, "%.1f MB", rss), "<= 128 MB", rss <= 128);
        row("server VmHWM (peak)", String.format(Locale.ROOT, "%.1f MB", hwm), "", true);
        System.out.println("  load average at end " + loadAverage());
        BenchSupport.deleteTree(work);
    }

    private static void row(String what, String value, String goal, boolean met) {
        System.out.printf(Locale.ROOT, "%-46s %22s %11s %s%n", what, value, goal, goal.isEmpty() ? "" : met ? "met"
                : "NOT met");
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String sorted(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out.toString();
    }

    private static void count(Map<String, AtomicInteger> m, String key) {
        m.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A daily log every 100 ms on a keep-alive connection (a new one when the server closes it). */
    private static void normalClient(int port, AtomicBoolean running, List<Long> latencies,
            Map<String, AtomicInteger> outcomes) {
        String body = "{\"title\":\"Normal client\",\"context\":\"### Situation\\nx\\n### Result\\n1 ms\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"],"
                + "\"logged_date\":\"2026-11-24\"}";
        byte[] request = ("POST /daily-logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        Socket socket = null;
        InputStream in = null;
        while (running.get()) {
            long t0 = System.nanoTime();
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    socket.setSoTimeout(10_000);
                    socket.setTcpNoDelay(true);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 4096);
                }
                socket.getOutputStream().write(request);
                int status = readResponse(in);
                latencies.add(System.nanoTime() - t0);
                count(outcomes, String.valueOf(status));
            } catch (IOException | RuntimeException e) {
                count(outcomes, e instanceof SocketTimeoutException ? "timeout" : "error: " + e.getClass()
                        .getSimpleName());
                closeQuietly(socket);
                socket = null;
            }
            pause(100 - (System.nanoTime() - t0) / 1_000_000);
        }
        closeQuietly(socket);
    }

    /** {@code GET /health} every 200 ms, each on a new connection (as a platform's checker does). */
    private static void healthMonitor(int port, AtomicBoolean running, List<Long> latencies,
            Map<String, AtomicInteger> outcomes) {
        byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        while (running.get()) {
            long t0 = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(request);
                int status = readResponse(socket.getInputStream());
                latencies.add(System.nanoTime() - t0);
                count(outcomes, String.valueOf(status));
            } catch (IOException | RuntimeException e) {
                count(outcomes, e instanceof SocketTimeoutException ? "timeout" : "error: " + e.getClass()
                        .getSimpleName());
            }
            pause(200 - (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Holds {@code count} connections that send a request line and then one header byte per second for
     * {@code seconds}; one thread trickles all of them. A connection the server ends is recorded (its status line,
     * if any) and opened again.
     */
    private static void slowHeaders(int port, int count, int seconds, Map<String, AtomicInteger> outcomes)
            throws InterruptedException {
        Socket[] sockets = new Socket[count];
        long[] opened = new long[count];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int round = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < count; i++) {
                try {
                    if (sockets[i] == null) {
                        sockets[i] = new Socket();
                        sockets[i].connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                        sockets[i].getOutputStream().write(("POST /daily-logs HTTP/1.1\r\nHost: localhost\r\n"
                                + "X-Slow-" + i + ": ").getBytes(StandardCharsets.US_ASCII));
                        opened[i] = System.nanoTime();
                        count(outcomes, "opened");
                        continue;
                    }
                    InputStream in = sockets[i].getInputStream();
                    if (in.available() > 0) {
                        byte[] answer = in.readNBytes(Math.min(in.available(), 12));
                        String head = new String(answer, StandardCharsets.US_ASCII);
                        count(outcomes, "answered " + (head.startsWith("HTTP/1.1 ") && head.length() >= 12
                                ? head.substring(9, 12) : "without a status line") + " after "
                                + bucket(System.nanoTime() - opened[i]));
                        closeQuietly(sockets[i]);
                        sockets[i] = null;
                        continue;
                    }
                    sockets[i].getOutputStream().write('a' + round % 26);
                } catch (IOException e) {
                    count(outcomes, "closed by the server without an answer");
                    closeQuietly(sockets[i]);
                    sockets[i] = null;
                }
            }
            round++;
            Thread.sleep(1000);
        }
        int held = 0;
        for (Socket s : sockets) {
            if (s != null) {
                held++;
                closeQuietly(s);
            }
        }
        count(outcomes, "still held at the end: " + held);
    }

    private static String bucket(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s < 5 ? "<5 s" : s < 15 ? "5-15 s" : s < 30 ? "15-30 s" : ">=30 s";
    }

    /** {@code total} garbage requests, round robin over the corpus, {@value #GARBAGE_PARALLEL} at a time. */
    private static void garbage(int port, int total, Map<String, Map<String, AtomicInteger>> results)
            throws Exception {
        List<Garbage> corpus = GarbageRequests.corpus();
        for (Garbage g : corpus) {
            results.put(g.name(), new ConcurrentHashMap<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(GARBAGE_PARALLEL);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            Garbage g = corpus.get(i % corpus.size());
            futures.add(pool.submit(() -> count(results.get(g.name()), send(port, g))));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    /** Sends one garbage request and says how the server answered: its status code, or what happened instead. */
    private static String send(int port, Garbage g) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(ANSWER_WAIT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(g.bytes());
                out.flush();
                if (g.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer and close before reading everything (a 431 for a huge header): read on
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while (head.size() < 12 && (b = in.read()) >= 0) {
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.startsWith("HTTP/1.") && text.length() >= 12) {
                return text.substring(9, 12);
            }
            return head.size() == 0 ? "closed without a status line" : "answered without a status line";
        } catch (SocketTimeoutException e) {
            return "no answer in " + ANSWER_WAIT_MS / 1000 + " s";
        } catch (IOException e) {
            return "reset without a status line";
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket the server already dropped
            }
        }
    }
}
