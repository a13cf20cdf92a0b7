package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport ({@link Http1Server}) against slow and broken clients: time-outs (with a clock the test moves, so
 * nothing waits), the connection bound, shedding and the health check while the workers are busy, pipelining,
 * {@code Expect: 100-continue}, and every malformed request answered with a 4xx status line.
 */
class HttpTransportTest {
    private static final String HOST = "Host: localhost\r\n";
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private TestServer s;

    private TestServer start(TestServer.Builder b) {
        s = b.ticker(now::get).start();
        return s;
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", s.server.port());
        socket.setSoTimeout(20_000); // a safety net against a hang; every expected answer comes at once
        return socket;
    }

    /** Waits until {@code count} connections are in {@code state} (the loop has read what was sent). */
    private void awaitConnections(String state, int count) throws Exception {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (s.server.transport().states().get(10, TimeUnit.SECONDS).stream().filter(state::equals).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " connections in " + state + ": "
                        + s.server.transport().states().get());
            }
            Thread.onSpinWait();
        }
    }

    /** Moves the transport's clock and runs its time-out check. */
    private void advance(long seconds) throws Exception {
        now.addAndGet(seconds * SECOND);
        s.server.transport().sweep().get(10, TimeUnit.SECONDS);
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The whole answer up to the end of the stream. */
    private static String readAll(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** One answer with a Content-Length body. */
    private static String readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int length = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
            if (b == '\n') {
                String l = line.toString().strip();
                if (l.isEmpty()) {
                    break;
                }
                if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).strip());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1) + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int status(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 ");
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Test
    void aHeadThatNeverEndsIs408AfterTheHeaderTimeoutWhileOtherClientsAreServed() throws Exception {
        start(TestServer.builder(dir).pool(1, 0));
        try (Socket slow = connect(); Socket slow2 = connect()) {
            send(slow, "POST /daily-logs HTTP/1.1\r\n" + HOST + "X-Slow: a");
            send(slow2, "\r\n\r\n"); // only line breaks: the head's clock runs as well
            awaitConnections("HEAD", 2);
            advance(9);
            // one worker and two slow clients: a normal request still gets through at once
            assertThat(s.postJson("/daily-logs", Samples.VALID).status()).isEqualTo(201);
            advance(1);
            String answer = readAll(slow);
            assertThat(status(answer)).isEqualTo(408);
            assertThat(answer).contains("Connection: close", "did not arrive within 10 s");
            assertThat(status(readAll(slow2))).isEqualTo(408);
        }
    }

    @Test
    void aBodyThatStopsComingIs408AfterTheBodyTimeout() throws Exception {
        start(TestServer.builder(dir));
        try (Socket socket = connect()) {
            send(socket, "POST /daily-logs HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"title\":");
            awaitConnections("BODY", 1);
            advance(19);
            assertThat(socket.getInputStream().available()).isZero();
            advance(1);
            assertThat(status(readAll(socket))).isEqualTo(408);
        }
        assertThat(s.store.saveAttempts()).isZero();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(TestServer.builder(dir));
        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.1\r\n" + HOST + "\r\n");
            InputStream in = socket.getInputStream();
            assertThat(status(readOne(in))).isEqualTo(200);
            advance(29);
            send(socket, "GET /health HTTP/1.1\r\n" + HOST + "\r\n"); // still open: served
            assertThat(status(readOne(in))).isEqualTo(200);
            advance(30);
            assertThat(in.read()).as("closed without a word: no request was started").isEqualTo(-1);
        }
    }

    @Test
    void beyondTheConnectionBoundClientsWaitInTheBacklogUntilOneCloses() throws Exception {
        start(TestServer.builder(dir).maxConnections(2));
        try (Socket a = connect(); Socket b = connect(); Socket third = connect()) {
            send(a, "GET /health HTTP/1.1\r\n" + HOST + "\r\n");
            assertThat(status(readOne(a.getInputStream()))).isEqualTo(200);
            send(b, "GET /health HTTP/1.1\r\n" + HOST + "\r\n");
            assertThat(status(readOne(b.getInputStream()))).isEqualTo(200);
            send(third, "GET /health HTTP/1.1\r\n" + HOST + "\r\n");
            s.server.transport().sweep().get(10, TimeUnit.SECONDS); // a round of the loop: still two
            assertThat(s.server.transport().connections().get(10, TimeUnit.SECONDS)).isEqualTo(2);
            a.close();
            assertThat(status(readOne(third.getInputStream()))).isEqualTo(200); // accepted once a slot freed
        }
    }

    @Test
    void withEveryWorkerBusyHealthStillAnswersAndOtherRequestsAreShedWith503() throws Exception {
        start(TestServer.builder(dir).pool(1, 0));
        s.store.blocking();
        CompletableFuture<TestServer.Reply> busy = CompletableFuture.supplyAsync(
                () -> s.postJson("/daily-logs", Samples.VALID));
        assertThat(s.store.awaitEntered(10)).isTrue();
        assertThat(s.get("/health").status()).isEqualTo(200);
        TestServer.Reply shed = s.postJson("/daily-logs", Samples.VALID);
        assertThat(shed.status()).isEqualTo(503);
        assertThat(shed.header("Retry-After")).isEqualTo("1");
        s.store.release();
        assertThat(busy.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        start(TestServer.builder(dir));
        String body = Samples.VALID;
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\n" + HOST + "\r\n"
                    + "POST /daily-logs HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Length: "
                    + length + "\r\n\r\n" + body
                    + "GET /nope HTTP/1.1\r\n" + HOST + "\r\n"
                    + "HEAD /health HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertThat(status(readOne(in))).isEqualTo(200);
            assertThat(status(readOne(in))).isEqualTo(201);
            assertThat(status(readOne(in))).isEqualTo(404);
            String headAnswer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(status(headAnswer)).isEqualTo(200);
            assertThat(headAnswer).contains("Content-Length: ", "Connection: close").endsWith("\r\n\r\n");
        }
    }

    @Test
    void expectContinueGetsA100BeforeTheBodyIsSent() throws Exception {
        start(TestServer.builder(dir));
        byte[] body = Samples.VALID.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            send(socket, "POST /daily-logs HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nExpect: "
                    + "100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            InputStream in = socket.getInputStream();
            byte[] interim = in.readNBytes(25);
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            socket.getOutputStream().write(body);
            assertThat(status(readOne(in))).isEqualTo(201);
        }
    }

    @Test
    void anHttp10RequestWithoutHostIsServedAndClosed() throws Exception {
        start(TestServer.builder(dir));
        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.0\r\n\r\n");
            String answer = readAll(socket);
            assertThat(status(answer)).isEqualTo(200);
            assertThat(answer).contains("Connection: close");
        }
    }

    /** Sends a broken request and returns what came back; kept-open ones are ended by moving the clock. */
    private String answerTo(GarbageRequests.Garbage g) throws Exception {
        try (Socket socket = connect()) {
            try {
                socket.getOutputStream().write(g.bytes());
                if (g.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // answered and closed before everything was sent (a huge head): read the answer
            }
            if (!g.halfClose()) {
                awaitConnections(new String(g.bytes(), StandardCharsets.ISO_8859_1).contains("Content-Length")
                        ? "BODY" : "HEAD", 1);
                advance(30);
            }
            return readAll(socket);
        }
    }

    @Test
    void everyMalformedRequestGetsA4xxStatusLineAndTheConnectionIsClosed() throws Exception {
        start(TestServer.builder(dir));
        for (GarbageRequests.Garbage g : GarbageRequests.corpus()) {
            String answer = answerTo(g);
            assertThat(answer).as(g.name()).startsWith("HTTP/1.1 4");
            if (!g.name().equals("unknown method") && !g.name().equals("Content-Encoding: gzip")) {
                assertThat(answer).as(g.name()).contains("Connection: close");
            }
            assertThat(answer).as(g.name()).contains("\"detail\":");
        }
        assertThat(s.store.saveAttempts()).isZero();
        assertThat(s.get("/health").status()).isEqualTo(200);
    }

    @Test
    void specificMalformationsGetSpecificStatuses() throws Exception {
        start(TestServer.builder(dir));
        java.util.Map<String, Integer> expected = java.util.Map.of(
                "Transfer-Encoding: gzip", 400, "a 100 KB header", 431, "500 headers", 431, "a 20 KB URI", 414,
                "unsupported Expect", 417, "short body, connection kept open", 408, "unknown method", 405,
                "Content-Encoding: gzip", 415, "no Host in HTTP/1.1", 400);
        for (GarbageRequests.Garbage g : GarbageRequests.corpus()) {
            if (expected.containsKey(g.name())) {
                assertThat(status(answerTo(g))).as(g.name()).isEqualTo(expected.get(g.name()));
            }
        }
    }

    /**
     * Property: a valid request with random bytes changed, cut, or inserted (seeded), sent by a client that then
     * closes its side, always gets a status line, never a 5xx.
     */
    @Test
    void mutatedRequestsAlwaysGetAStatusLineAndNeverA5xx() throws Exception {
        start(TestServer.builder(dir));
        byte[] body = Samples.VALID.getBytes(StandardCharsets.UTF_8);
        byte[] valid = ("POST /daily-logs HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n" + Samples.VALID).getBytes(StandardCharsets.UTF_8);
        byte[] chunked = ("POST /daily-logs HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n" + Samples.VALID
                + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20261130L);
        for (int run = 0; run < 300; run++) {
            byte[] base = run % 2 == 0 ? valid : chunked;
            byte[] mutated = mutate(base, random);
            GarbageRequests.Garbage g = new GarbageRequests.Garbage("run " + run, mutated, true);
            String answer = answerTo(g);
            assertThat(answer).as("run %d: %s", run, new String(mutated, 0, Math.min(mutated.length, 200),
                    StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 ");
            assertThat(status(answer)).as("run " + run).isLessThan(500);
        }
    }

    private static byte[] mutate(byte[] base, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] copy = base.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(copy.length);
            switch (random.nextInt(3)) {
                case 0 -> copy[at] = (byte) random.nextInt(256);
                case 1 -> copy[at] = (byte) "\r\n: \t0-aZ".charAt(random.nextInt(9));
                default -> copy = java.util.Arrays.copyOf(copy, Math.max(1, at)); // cut short
            }
        }
        out.writeBytes(copy);
        return out.toByteArray();
    }
}
