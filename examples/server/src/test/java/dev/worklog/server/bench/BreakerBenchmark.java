package dev.worklog.server.bench;

import static dev.worklog.server.bench.BenchSupport.percentile;
import static dev.worklog.server.bench.BenchSupport.readFlags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.notion.fake.FakeNotionServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Circuit-breaker benchmark ({@code examples/server/bench/breaker.sh}): how fast does {@code POST /daily-logs}
 * answer during a full Notion outage? The server runs as its own process with {@code jvm.options}, the Notion store
 * and its defaults (breaker: 3 consecutive failures, 5 s open; retry budget 20 s), against the fake Notion in this
 * JVM. Four clients post daily logs (one every 200 ms each) while Notion answers 503 to everything for 30 s; the
 * breaker state comes from {@code /health?verbose}. Printed: the latency of the requests sent once the breaker was
 * open (goal: p99 &lt;= 1.5 s), of those sent before, what they were answered, and, after the outage, whether every
 * accepted entry became exactly one page.
 */
public final class BreakerBenchmark {
    private static final int CLIENTS = 4;
    private static final int OUTAGE_SECONDS = Integer.getInteger("bench.outageSeconds", 30);

    private BreakerBenchmark() {
    }

    private record Sample(long sentAt, long nanos, int status, boolean breakerOpenBefore) {
    }

    /** Entry point; {@code args[0]} is the path of {@code jvm.options}. */
    public static void main(String[] args) throws Exception {
        List<String> flags = readFlags(Path.of(args.length > 0 ? args[0] : "examples/server/jvm.options"));
        Path work = Files.createTempDirectory("worklog-breaker");
        FakeNotionServer fake = FakeNotionServer.start();
        Map<String, String> env = Map.of("NOTION_API_KEY", "secret_bench_token", "NOTION_DB1_ID", FakeNotionServer.DB1,
                "NOTION_DB2_ID", FakeNotionServer.DB2, "NOTION_DB3_ID", FakeNotionServer.DB3, "NOTION_BASE_URL",
                fake.baseUrl().toString(), "NOTION_RATE_LIMIT", "0", "LLM_PROVIDER", "offline");
        BenchSupport.Started server = BenchSupport.startServer(flags, work.resolve("server"),
                System.getProperty("bench.server.classpath", System.getProperty("java.class.path")), "notion", env);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + server.port();
        System.out.println("worklog circuit-breaker benchmark");
        System.out.println("  server with the Notion store (fake Notion on " + fake.baseUrl() + "), defaults: breaker 3 "
                + "failures / 5 s open, retry budget 20 s; " + CLIENTS + " clients, a full outage of " + OUTAGE_SECONDS
                + " s; load average at start " + BenchSupport.loadAverage());

        for (int i = 0; i < 5; i++) {
            post(client, base, "warm-up " + i); // Notion up: stored
        }
        fake.startOutage(503);
        long outageStart = System.nanoTime();
        long outageEnd = outageStart + OUTAGE_SECONDS * 1_000_000_000L;
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < outageEnd) {
                    boolean open = breakerOpen(client, base);
                    long t0 = System.nanoTime();
                    int status = post(client, base, "during the outage " + sequence.incrementAndGet());
                    samples.add(new Sample(t0 - outageStart, System.nanoTime() - t0, status, open));
                    pause(200);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        fake.endOutage();
        long drainStart = System.nanoTime();
        Path pending = work.resolve("server").resolve("outbox").resolve("pending");
        while (System.nanoTime() - drainStart < 120_000_000_000L && count(pending) > 0) {
            pause(100);
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        int accepted = (int) samples.stream().filter(s -> s.status() == 201 || s.status() == 202).count() + 5;
        int pages = fake.pageIds(FakeNotionServer.DB1).size();
        BenchSupport.stop(server.process());
        fake.close();

        long[] open = samples.stream().filter(Sample::breakerOpenBefore).mapToLong(Sample::nanos).sorted().toArray();
        long[] before = samples.stream().filter(s -> !s.breakerOpenBefore()).mapToLong(Sample::nanos).sorted()
                .toArray();
        Map<Integer, Integer> statuses = new TreeMap<>();
        samples.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
        long firstOpen = samples.stream().filter(Sample::breakerOpenBefore).mapToLong(Sample::sentAt).min()
                .orElse(-1);
        System.out.println();
        System.out.println("requests during the outage: " + samples.size() + ", answered " + statuses);
        System.out.printf(Locale.ROOT, "the breaker was first seen open %.1f s into the outage%n", firstOpen / 1e9);
        row("before it opened: requests, p50 / max", before.length + ", " + ms(percentile(before, 50)) + " / "
                + ms(percentile(before, 100)), "", true);
        row("once open: requests", String.valueOf(open.length), "", true);
        row("once open: latency p50", ms(percentile(open, 50)), "", true);
        row("once open: latency p99", ms(percentile(open, 99)), "<= 1500 ms",
                open.length > 0 && percentile(open, 99) <= 1_500_000_000L);
        row("once open: latency max", ms(percentile(open, 100)), "", true);
        row("outbox emptied after Notion came back", String.format(Locale.ROOT, "%.1f s", drained), "", true);
        row("entries accepted (201/202) vs pages in Notion", accepted + " vs " + pages, "equal", accepted == pages);
        BenchSupport.deleteTree(work);
    }

    private static boolean breakerOpen(HttpClient client, String base) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health?verbose"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = Json.MAPPER.readTree(r.body());
            return !"closed".equals(n.at("/store/circuit_breaker/state").asText("closed"));
        } catch (Exception e) {
            return false;
        }
    }

    private static int post(HttpClient client, String base, String title) {
        String body = "{\"title\":\"" + title + "\",\"context\":\"### Situation\\nx\\n### Result\\n1 ms\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"],"
                + "\"logged_date\":\"2026-11-24\"}";
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/daily-logs")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long count(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void row(String what, String value, String goal, boolean met) {
        System.out.printf(Locale.ROOT, "%-46s %22s %11s %s%n", what, value, goal, goal.isEmpty() ? "" : met ? "met"
                : "NOT met");
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
