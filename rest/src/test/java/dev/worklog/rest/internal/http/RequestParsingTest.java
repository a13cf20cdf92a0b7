package dev.worklog.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transport's parsers on their own: request heads and chunked bodies, on examples and generated inputs. */
class RequestParsingTest {
    private static RequestHead parse(String head) throws HttpProtocolException {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(b, 0, b.length);
    }

    private static int status(String head) {
        try {
            parse(head);
            return 0;
        } catch (HttpProtocolException e) {
            return e.status();
        }
    }

    @Test
    void aHeadIsReadIntoMethodPathQueryFieldsAndFraming() throws Exception {
        RequestHead h = parse("POST /daily-logs?dry_run=true HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "content-length: 12\r\nX-Many: a\r\nX-Many: b\r\nExpect: 100-continue");
        assertThat(h.method()).isEqualTo("POST");
        assertThat(h.path()).isEqualTo("/daily-logs");
        assertThat(h.rawQuery()).isEqualTo("dry_run=true");
        assertThat(h.contentLength()).isEqualTo(12);
        assertThat(h.headers().get("x-many")).containsExactly("a", "b");
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.expectContinue()).isTrue();
        assertThat(parse("GET /a%20b HTTP/1.0\nConnection: keep-alive").path()).isEqualTo("/a b");
        assertThat(parse("GET /x HTTP/1.0").keepAlive()).isFalse();
        assertThat(parse("GET http://example.com/health HTTP/1.1\r\nHost: example.com").path()).isEqualTo("/health");
        assertThat(parse("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked").chunked()).isTrue();
        assertThat(parse("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close").keepAlive()).isFalse();
    }

    @Test
    void malformedHeadsGetTheirStatus() {
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip")).isEqualTo(400);
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked")).isEqualTo(400);
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4")).isEqualTo(400);
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3")).isZero();
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: +3")).isEqualTo(400);
        assertThat(status("GET /x HTTP/2.0\r\nHost: x")).isEqualTo(400);
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nExpect: something")).isEqualTo(417);
        assertThat(status("GET /x HTTP/1.1")).isEqualTo(400); // no Host
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\r\nBad Name: y")).isEqualTo(400);
        assertThat(status("GET /x HTTP/1.1\r\nHost: x\rX: y")).isEqualTo(400);
        assertThat(status("GET  /x HTTP/1.1\r\nHost: x")).isEqualTo(400);
        assertThat(status("GET /x" + "a".repeat(RequestHead.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: x"))
                .isEqualTo(414);
        StringBuilder many = new StringBuilder("GET /x HTTP/1.1\r\nHost: x");
        for (int i = 0; i < RequestHead.MAX_FIELDS; i++) {
            many.append("\r\nX-").append(i).append(": v");
        }
        assertThat(status(many.toString())).isEqualTo(431);
    }

    /** Property: on random bytes, and on random changes to a valid head, parsing never fails but with a 4xx. */
    @Test
    void parsingGeneratedHeadsEitherSucceedsOrNamesA4xx() {
        Random random = new Random(99);
        byte[] valid = "POST /daily-logs?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\nX-A: b"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 5000; run++) {
            byte[] input;
            if (run % 2 == 0) {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
            } else {
                input = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                RequestHead.parse(input, 0, input.length);
            } catch (HttpProtocolException e) {
                assertThat(e.status()).as("run %d: %s", run, Arrays.toString(input)).isBetween(400, 499);
            }
        }
    }

    private static byte[] chunked(byte[] payload, Random random, boolean bareLf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String eol = bareLf ? "\n" : "\r\n";
        int i = 0;
        while (i < payload.length) {
            int n = Math.min(payload.length - i, 1 + random.nextInt(50));
            String ext = random.nextInt(5) == 0 ? ";name=value" : "";
            out.writeBytes((Integer.toHexString(n) + ext + eol).getBytes(StandardCharsets.US_ASCII));
            out.write(payload, i, n);
            out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
            i += n;
        }
        out.writeBytes(("0" + eol + (random.nextBoolean() ? "X-Trailer: t" + eol : "") + eol)
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Property: any payload, chunked at random and fed in random pieces, decodes to itself. */
    @Test
    void chunkedBodiesDecodeToTheirPayloadHoweverTheyArrive() throws Exception {
        Random random = new Random(7);
        for (int run = 0; run < 500; run++) {
            byte[] payload = new byte[random.nextInt(3000)];
            random.nextBytes(payload);
            byte[] wire = chunked(payload, random, run % 3 == 0);
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            ChunkedDecoder decoder = new ChunkedDecoder(kept, 1 << 20);
            int at = 0;
            while (at < wire.length && !decoder.done()) {
                int piece = Math.min(wire.length - at, 1 + random.nextInt(40));
                at += decoder.feed(wire, at, at + piece);
            }
            assertThat(decoder.done()).as("run " + run).isTrue();
            assertThat(at).isEqualTo(wire.length);
            assertThat(kept.toByteArray()).isEqualTo(payload);
        }
    }

    @Test
    void brokenChunkedFramingIs400AndAnOversizedBodyIsCountedNotKept() throws Exception {
        for (String wire : new String[] {"zz\r\n", "-5\r\nhello\r\n", "2\r\n{}XX", "FFFFFFFFFFFFFFFFF\r\n",
            "2\r\n{}\r\r", " 2\r\n{}\r\n"}) {
            ChunkedDecoder d = new ChunkedDecoder(new ByteArrayOutputStream(), 100);
            byte[] b = wire.getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> d.feed(b, 0, b.length)).as(wire).isInstanceOfSatisfying(
                    HttpProtocolException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ChunkedDecoder d = new ChunkedDecoder(kept, 10);
        byte[] b = "14\r\n01234567890123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        assertThat(d.total()).isEqualTo(20);
        assertThat(kept.size()).isEqualTo(10);
    }
}
