package dev.worklog.server.bench;

import static dev.worklog.server.bench.BenchSupport.deleteTree;
import static dev.worklog.server.bench.BenchSupport.java;
import static dev.worklog.server.bench.BenchSupport.kb;
import static dev.worklog.server.bench.BenchSupport.loadAverage;
import static dev.worklog.server.bench.BenchSupport.percentile;
import static dev.worklog.server.bench.BenchSupport.procStatus;
import static dev.worklog.server.bench.BenchSupport.readFlags;
import static dev.worklog.server.bench.BenchSupport.readResponse;
import static dev.worklog.server.bench.BenchSupport.stop;

import dev.worklog.server.bench.BenchSupport.Started;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the REST server as a separate process started with the launcher's flags ({@code jvm.options}), and prints
 * the figures side by side:
 *
 * <ol>
 *   <li>start-up: process start to the first 200 on {@code /health}, divided by a hello-world JVM's run time (same
 *       flags, same machine, medians of several runs);
 *   <li>{@code POST /daily-logs} with 32 concurrent keep-alive clients against the zero-latency in-memory store:
 *       requests/s, p50/p99 latency; plus the server's own cost per request (its CPU time divided by requests) and
 *       the latency of one client alone (no queueing);
 *   <li>resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) after at least 20,000 requests.
 * </ol>
 *
 * <p>Run with {@code examples/server/bench/server.sh}. The clients are raw sockets speaking HTTP/1.1 so that
 * client-library overhead does not count as server time. Clients and server share the machine's cores, so on a
 * small machine the concurrent latency includes waiting for a core.
 */
public final class ServerBenchmark {
    private static final int CLIENTS = 32;
    private static final int WARMUP_REQUESTS = 5_000;
    private static final int MEASURED_REQUESTS = 20_000;
    private static final int STARTUP_RUNS = 5;

    private ServerBenchmark() {
    }

    /** Entry point; {@code args[0]} is the path of {@code jvm.options} (default {@code examples/server/jvm.options}). */
    public static void main(String[] args) throws Exception {
        Path options = Path.of(args.length > 0 ? args[0] : "examples/server/jvm.options");
        List<String> flags = readFlags(options);
        Path work = Files.createTempDirectory("worklog-bench");
        System.out.println("worklog server benchmark");
        System.out.println("  JVM flags (" + options + "): " + String.join(" ", flags));
        System.out.println("  java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average at start " + loadAverage()
                + " (clients and server share these CPUs; other load skews every figure)");

        // (a) start-up
        // as ./worklog serve runs it: the shaded jar, the local store, and the class-data archive the launcher
        // records on the first run after a build (bench/server.sh passes the jar)
        String jar = System.getProperty("bench.server.jar");
        List<String> serveFlags = new ArrayList<>(flags);
        String startupClasspath = System.getProperty("bench.server.classpath", System.getProperty("java.class.path"));
        String startupStore = "memory";
        if (jar != null) {
            Path archive = work.resolve("server.jsa");
            List<String> training = new ArrayList<>(flags);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            Started t = BenchSupport.startServer(training, work.resolve("training"), jar, "local", Map.of());
            stop(t.process());
            serveFlags.add("-XX:SharedArchiveFile=" + archive);
            startupClasspath = jar;
            startupStore = "local";
            System.out.println("  start-up measured as ./worklog serve runs it: " + jar + " with a class-data archive ("
                    + (Files.exists(archive) ? Files.size(archive) / 1024 / 1024 + " MB" : "MISSING") + ")");
        }
        long[] hello = new long[STARTUP_RUNS];
        long[] server = new long[STARTUP_RUNS];
        for (int i = 0; i < STARTUP_RUNS; i++) {
            hello[i] = helloRun(flags);
            Started s = BenchSupport.startServer(serveFlags, work.resolve("startup-" + i), startupClasspath, startupStore,
                    Map.of());
            server[i] = s.nanosToFirst200();
            stop(s.process());
        }
        double helloMs = median(hello) / 1e6;
        double serverMs = median(server) / 1e6;
        double ratio = serverMs / helloMs;

        // (b) throughput and latency, (c) memory
        Started s = BenchSupport.startServer(flags, work.resolve("load"),
                System.getProperty("bench.server.classpath", System.getProperty("java.class.path")), "memory", Map.of());
        long pid = s.process().pid();
        String body = "{\"title\":\"Cut p99 latency of search\",\"context\":\"### Situation\\nSearch was slow\\n"
                + "### Task\\nCut p99\\n### Action\\n- added a cache\\n### Result\\np99 800 ms -> 120 ms\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],"
                + "\"logged_date\":\"2026-11-24\"}";
        byte[] request = ("POST /daily-logs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        load(s.port(), request, CLIENTS, WARMUP_REQUESTS, null);
        Path accessLog = work.resolve("load").resolve("stdout.log");
        long accessLogOffset = Files.size(accessLog);
        long cpuBefore = cpuNanos(pid);
        long[] latencies = new long[MEASURED_REQUESTS];
        long t0 = System.nanoTime();
        load(s.port(), request, CLIENTS, MEASURED_REQUESTS, latencies);
        long elapsed = System.nanoTime() - t0;
        long cpuAfter = cpuNanos(pid);
        double[] overhead = serverTimes(accessLog, accessLogOffset);
        long[] single = new long[2_000];
        load(s.port(), request, 1, single.length, single);
        long totalRequests = WARMUP_REQUESTS + MEASURED_REQUESTS + single.length;
        Map<String, String> status = procStatus(pid);
        stop(s.process());

        Arrays.sort(latencies);
        Arrays.sort(single);
        double rps = MEASURED_REQUESTS / (elapsed / 1e9);
        double cpuPerRequestUs = cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e3 / MEASURED_REQUESTS;
        double p50 = percentile(latencies, 50) / 1e6;
        double p99 = percentile(latencies, 99) / 1e6;
        double rssMb = kb(status.get("VmRSS")) / 1024.0;
        double hwmMb = kb(status.get("VmHWM")) / 1024.0;

        System.out.println();
        System.out.printf(Locale.ROOT, "%-58s %14s %10s %s%n", "measure", "value", "goal", "");
        row("(a) hello-world JVM, start to exit (median of " + STARTUP_RUNS + ")", fmt(helloMs, "ms"), "", "");
        row("(a) server, start to first 200 on /health (median)", fmt(serverMs, "ms"), "", "");
        row("(a) ratio server / hello-world", fmt(ratio, "x"), "<= 5", ratio <= 5 ? "met" : "NOT met");
        row("(b) POST /daily-logs, " + CLIENTS + " clients: throughput", fmt(rps, "req/s"), "", "");
        // with 32 requests always outstanding on 2 shared CPUs, client latency is mostly queueing (Little's law:
        // 32 / throughput); the server's own time per request is read from its access log
        row("(b) client latency p50 with " + CLIENTS + " concurrent clients", fmt(p50, "ms"), "", "(queueing)");
        row("(b) client latency p99 with " + CLIENTS + " concurrent clients", fmt(p99, "ms"), "", "(queueing)");
        row("(b) server overhead per request p50 (" + (int) overhead[2] + " access-log lines)", fmt(overhead[0], "ms"),
                "<= 1 ms", overhead[0] <= 1 ? "met" : "NOT met");
        row("(b) server overhead per request p99", fmt(overhead[1], "ms"), "<= 5 ms", overhead[1] <= 5 ? "met"
                : "NOT met");
        row("(b) server CPU per request (overhead)", fmt(cpuPerRequestUs, "us"), "", "");
        row("(b) one client alone: latency p50", fmt(percentile(single, 50) / 1e6, "ms"), "<= 1 ms",
                percentile(single, 50) / 1e6 <= 1 ? "met" : "NOT met");
        row("(b) one client alone: latency p99", fmt(percentile(single, 99) / 1e6, "ms"), "<= 5 ms",
                percentile(single, 99) / 1e6 <= 5 ? "met" : "NOT met");
        row("(c) VmRSS after " + totalRequests + " requests", fmt(rssMb, "MB"), "<= 128 MB", rssMb <= 128 ? "met"
                : "NOT met");
        row("(c) VmHWM (peak RSS)", fmt(hwmMb, "MB"), "", "");
        System.out.println("  load average at end " + loadAverage());
        deleteTree(work);
    }

    /**
     * p50 and p99 (ms) of the server-side handling time of the {@code POST /daily-logs} lines the access log got
     * after {@code offset}, and their count: parse, validate, store (zero latency here), serialise.
     */
    private static double[] serverTimes(Path accessLog, long offset) throws IOException {
        byte[] all = Files.readAllBytes(accessLog);
        String tail = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        List<Long> tenths = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("POST /daily-logs 201 (\\d+)\\.(\\d)").matcher(tail);
        while (m.find()) {
            tenths.add(Long.parseLong(m.group(1)) * 10 + Long.parseLong(m.group(2)));
        }
        long[] sorted = tenths.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        return new double[] {percentile(sorted, 50) / 10.0, percentile(sorted, 99) / 10.0, sorted.length};
    }

    private static void row(String what, String value, String goal, String verdict) {
        System.out.printf(Locale.ROOT, "%-58s %14s %10s %s%n", what, value, goal, verdict);
    }

    private static String fmt(double v, String unit) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, unit);
    }

    private static long helloRun(List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", classesDirOf(Hello.class), Hello.class.getName()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("hello world failed");
        }
        return System.nanoTime() - start;
    }

    private static String classesDirOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** {@code total} requests over {@code clients} keep-alive connections; latencies recorded when given. */
    private static void load(int port, byte[] request, int clients, int total, long[] latencies) throws Exception {
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 4096);
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        long dt = System.nanoTime() - t0;
                        if (status != 201) {
                            throw new IllegalStateException("unexpected status " + status);
                        }
                        if (latencies != null) {
                            latencies[(int) i] = dt;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("load did not finish");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("client failed: " + failures.get(0), failures.get(0));
        }
    }

    /** User plus system CPU time of a process, from {@code /proc/<pid>/stat}; -1 where there is no /proc. */
    private static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
