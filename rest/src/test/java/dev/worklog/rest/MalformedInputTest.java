package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken bodies never produce a 5xx, never a stack trace, and never store anything. */
class MalformedInputTest {
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> corpus() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        String valid = Samples.VALID;
        c.put("truncated", utf8(valid.substring(0, valid.length() / 2)));
        c.put("truncated in a string", utf8("{\"title\":\"abc"));
        c.put("only an open brace", utf8("{"));
        c.put("only a close brace", utf8("}"));
        c.put("bare word", utf8("nul"));
        c.put("string root", utf8("\"hello\""));
        c.put("number root", utf8("123"));
        c.put("null root", utf8("null"));
        c.put("true root", utf8("true"));
        c.put("empty array", utf8("[]"));
        c.put("array of the valid object", utf8("[" + valid + "]"));
        c.put("empty body", new byte[0]);
        c.put("whitespace body", utf8("  \n\t "));
        c.put("wrong types", utf8("{\"title\":{\"a\":1},\"context\":false,\"category\":[],\"impact_level\":1.5,"
                + "\"tech_stack\":\"Java\",\"logged_date\":20261124,\"status\":[null],\"metrics\":true,\"ticket_url\":{}}"));
        c.put("tech_stack of objects", utf8(valid.replace("[\"Java\",\"Redis\"]", "[{},[],1]")));
        c.put("huge title", utf8(valid.replace("Cut p99 latency of search", "x".repeat(900_000))));
        c.put("huge unknown key", utf8("{\"" + "k".repeat(500_000) + "\":1}"));
        c.put("many unknown keys", utf8(manyKeys(20_000)));
        c.put("huge number", utf8("{\"title\":1" + "0".repeat(100_000) + "}"));
        c.put("huge exponent", utf8("{\"title\":1e999999999}"));
        c.put("deep arrays", utf8("[".repeat(100_000)));
        c.put("deep arrays closed", utf8("[".repeat(50_000) + "]".repeat(50_000)));
        c.put("deep objects", utf8("{\"a\":".repeat(100_000)));
        c.put("deep value in a field", utf8("{\"title\":" + "[".repeat(100_000)));
        c.put("invalid utf-8 byte", concat(utf8("{\"title\":\""), new byte[] {(byte) 0xff}, utf8("\"}")));
        c.put("invalid utf-8 continuation", concat(utf8("{\"title\":\""), new byte[] {(byte) 0xc3, 0x28}, utf8("\"}")));
        c.put("overlong utf-8", concat(utf8("{\"title\":\""), new byte[] {(byte) 0xc0, (byte) 0xaf}, utf8("\"}")));
        c.put("utf-8 encoded surrogate", concat(utf8("{\"title\":\""), new byte[] {(byte) 0xed, (byte) 0xa0,
                (byte) 0x80}, utf8("\"}")));
        c.put("truncated multibyte at end", concat(utf8(valid.substring(0, valid.length() - 1)),
                new byte[] {(byte) 0xe2, (byte) 0x82}));
        c.put("invalid utf-8 in a valid body", concat(utf8(valid.replace("\"Java\"", "\"Ja")),
                new byte[] {(byte) 0xfe}, utf8("va\"")).clone());
        c.put("raw NUL byte", concat(utf8("{\"title\":\"a"), new byte[] {0}, utf8("b\"}")));
        c.put("raw NUL outside strings", concat(new byte[] {0}, utf8(valid)));
        c.put("escaped NUL in title", utf8(valid.replace("Cut p99", "Cut\\u0000p99")));
        c.put("escaped NUL in context", utf8(valid.replace("Search was slow", "Search\\u0000")));
        c.put("escaped NUL in category", utf8(valid.replace("성능개선", "성능\\u0000개선")));
        c.put("escaped NUL in impact", utf8(valid.replace("\"High\"", "\"Hi\\u0000gh\"")));
        c.put("escaped NUL in tech", utf8(valid.replace("\"Java\"", "\"Ja\\u0000va\"")));
        c.put("escaped NUL in date", utf8(valid.replace("2026-11-24", "2026-11-2\\u0000")));
        c.put("escaped NUL in metrics", utf8(valid.replace("p99 -85%", "\\u0000")));
        c.put("escaped NUL in url", utf8(valid.replace("T-1", "T-\\u00001")));
        c.put("escaped NUL in a key", utf8(valid.replace("\"title\"", "\"ti\\u0000tle\"")));
        c.put("lone high surrogate", utf8(valid.replace("Cut p99", "Cut \\ud800 p99")));
        c.put("lone low surrogate in tech", utf8(valid.replace("\"Java\"", "\"\\udc00\"")));
        c.put("bad escape", utf8("{\"title\":\"\\uZZZZ\"}"));
        c.put("duplicate key", utf8(valid.replace("{", "{\"title\":\"first\",")));
        c.put("duplicate key deeper", utf8("{\"title\":\"a\",\"context\":\"b\",\"context\":\"c\"}"));
        c.put("trailing garbage", utf8(valid + "x"));
        c.put("two objects", utf8(valid + valid));
        c.put("utf-8 BOM", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(valid)));
        c.put("comment", utf8("/* hi */" + valid));
        c.put("single quotes", utf8(valid.replace('"', '\'')));
        c.put("control character in string", utf8("{\"title\":\"a\u0001b\"}"));
        c.put("newline in title", utf8(valid.replace("Cut p99", "Cut\\np99")));
        c.put("date that does not exist", utf8(valid.replace("2026-11-24", "2026-02-30")));
        c.put("date in another format", utf8(valid.replace("2026-11-24", "24/11/2026")));
        c.put("javascript url", utf8(valid.replace("https://jira.example.com/T-1", "javascript:alert(1)")));
        c.put("unicode title ok but 3000 emoji", utf8(valid.replace("Cut p99 latency of search", "🙂".repeat(3000))));
        c.put("101 tech items", utf8(valid.replace("[\"Java\",\"Redis\"]", techItems(101))));
        c.put("comma in tech item", utf8(valid.replace("\"Redis\"", "\"Redis, Kafka\"")));
        return c;
    }

    private static String manyKeys(int n) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return b.append('}').toString();
    }

    private static String techItems(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("\"t" + i + "\"");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void everyMalformedDailyLogIsA4xxWithAJsonDetailAndNothingIsStored() {
        Map<String, byte[]> corpus = corpus();
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            TestServer.Reply r = s.send("POST", "/daily-logs", e.getValue(), "Content-Type", "application/json");
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isBetween(400, 499);
            assertThat(r.json().path("detail").asText()).as(e.getKey()).isNotBlank();
            assertThat(r.body()).as(e.getKey()).doesNotContain("at dev.worklog", "at java.", "Exception");
            assertThat(r.body().length()).as(e.getKey() + " error size").isLessThan(20_000);
        }
        assertThat(s.store.saveAttempts()).isZero();
        assertThat(s.get("/health").status()).isEqualTo(200);
    }

    @Test
    void theRollupRoutesNeverAnswer5xxToMalformedBodiesEither() {
        for (String route : List.of("/weekly-summaries", "/monthly-summaries", "/reviews")) {
            for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
                TestServer.Reply r = s.send("POST", route, e.getValue(), "Content-Type", "application/json");
                assertThat(r.status()).as(route + " " + e.getKey() + ": " + r.body()).isLessThan(500);
            }
        }
        assertThat(s.llm.calls).isZero(); // nothing was seeded, and malformed requests never reach the model
    }

    @Test
    void specificMalformationsGetSpecificAnswers() {
        assertThat(detail(s.send("POST", "/daily-logs", corpus().get("invalid utf-8 byte"), "Content-Type",
                "application/json"))).isEqualTo("request body is not valid UTF-8");
        assertThat(detail(s.postJson("/daily-logs", Samples.VALID.replace("{", "{\"title\":\"first\","))))
                .contains("Duplicate field 'title'");
        assertThat(detail(s.postJson("/daily-logs", "[" + Samples.VALID + "]")))
                .isEqualTo("request body must be a JSON object, got an array");
        assertThat(detail(s.postJson("/daily-logs", ""))).contains("empty");
        assertThat(detail(s.postJson("/daily-logs", "[".repeat(100_000)))).contains("nesting depth");
        TestServer.Reply nul = s.postJson("/daily-logs", Samples.VALID.replace("Cut p99", "Cut\\u0000p99"));
        assertThat(nul.json().path("errors").get(0).path("message").asText()).contains("NUL");
    }

    private static String detail(TestServer.Reply r) {
        assertThat(r.status()).isEqualTo(400);
        return r.json().path("detail").asText();
    }

    @Test
    void aDeclaredLengthOverOneMebibyteIsRefusedWithoutReadingTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // the headers promise 2 GB; the server must answer 413 without waiting for (or buffering) them
            out.write(utf8("POST /daily-logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000000000\r\n\r\n{\"title\":"));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413() {
        byte[] big = new byte[3 * WorkLogApi.MAX_BODY_BYTES];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpRequest req = HttpRequest.newBuilder(s.uri("/daily-logs")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        TestServer.Reply r = s.send(req);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void anInvalidContentLengthIs400() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(utf8("POST /daily-logs HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 12abc\r\n\r\n"));
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 4");
        }
    }
}
