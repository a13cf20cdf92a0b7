package dev.worklog.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Broken requests as a hostile or buggy client sends them: bare line breaks, short bodies, bad chunk sizes,
 * unsupported transfer codings, huge or too many headers, malformed request lines and fields, binary noise. Shared
 * by the transport test and the abuse benchmark.
 */
public final class GarbageRequests {
    private GarbageRequests() {
    }

    /**
     * One broken request.
     *
     * @param name what is wrong with it
     * @param bytes what is sent
     * @param halfClose whether the client closes its sending side after it (else it waits with the connection open,
     *     and only a time-out of the server ends it)
     */
    public record Garbage(String name, byte[] bytes, boolean halfClose) {
    }

    /** The corpus. */
    public static List<Garbage> corpus() {
        List<Garbage> c = new ArrayList<>();
        String h = "Host: localhost\r\n";
        String json = "Content-Type: application/json\r\n";
        c.add(g("bare CRLF", "\r\n", true));
        c.add(g("bare CRLFs, connection kept open", "\r\n\r\n\r\nG", false));
        c.add(g("short body", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Content-Length: 100\r\n\r\n{\"a\":", true));
        c.add(g("short body, connection kept open", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Content-Length: 100\r\n\r\n{\"a\":", false));
        c.add(g("head never finished, connection kept open", "POST /daily-logs HTTP/1.1\r\n" + h + "X-Slow: a",
                false));
        c.add(g("bad chunk size", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nhello\r\n0\r\n\r\n", true));
        c.add(g("chunk size overflow", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: chunked\r\n\r\n"
                + "FFFFFFFFFFFFFFFFFFFFFF\r\nx\r\n", true));
        c.add(g("negative chunk size", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: chunked\r\n\r\n"
                + "-5\r\nhello\r\n0\r\n\r\n", true));
        c.add(g("chunk data without CRLF", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: chunked\r\n"
                + "\r\n2\r\n{}XX0\r\n\r\n", true));
        c.add(g("truncated chunked body", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: chunked\r\n"
                + "\r\n10\r\n{\"a\":", true));
        c.add(g("Transfer-Encoding: gzip", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Transfer-Encoding: gzip\r\n\r\n"
                + "{}", true));
        c.add(g("Transfer-Encoding: gzip, chunked", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", true));
        c.add(g("Transfer-Encoding: chunked, gzip", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Transfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n", true));
        c.add(g("Content-Length and Transfer-Encoding", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", true));
        c.add(g("two different Content-Lengths", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x", true));
        c.add(g("negative Content-Length", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Content-Length: -5\r\n\r\n",
                true));
        c.add(g("Content-Length not a number", "POST /daily-logs HTTP/1.1\r\n" + h + json + "Content-Length: 1e3\r\n\r\n",
                true));
        c.add(g("Content-Length beyond a long", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Content-Length: 99999999999999999999999\r\n\r\n", true));
        c.add(g("a 100 KB header", "GET /health HTTP/1.1\r\n" + h + "X-Big: " + "x".repeat(100_000) + "\r\n\r\n", true));
        StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\n" + h);
        for (int i = 0; i < 500; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        c.add(g("500 headers", many + "\r\n", true));
        c.add(g("header without a colon", "GET /health HTTP/1.1\r\n" + h + "NoColonHere\r\n\r\n", true));
        c.add(g("space before the colon", "GET /health HTTP/1.1\r\nHost : localhost\r\n\r\n", true));
        c.add(g("obsolete line folding", "GET /health HTTP/1.1\r\n" + h + "X-A: b\r\n  c\r\n\r\n", true));
        c.add(g("NUL in a header", "GET /health HTTP/1.1\r\n" + h + "X-A: a\u0000b\r\n\r\n", true));
        c.add(g("bare CR line ends", "GET /health HTTP/1.1\r" + "Host: localhost\r\r", true));
        c.add(g("no Host in HTTP/1.1", "GET /health HTTP/1.1\r\n\r\n", true));
        c.add(g("two Hosts", "GET /health HTTP/1.1\r\n" + h + h + "\r\n", true));
        c.add(g("request line of one word", "HELLO\r\n\r\n", true));
        c.add(g("HTTP/0.9 request", "GET /\r\n", true));
        c.add(g("unknown HTTP version", "GET /health HTTP/9.9\r\n" + h + "\r\n", true));
        c.add(g("not HTTP at all", "GET /health FOO/1.1\r\n" + h + "\r\n", true));
        c.add(g("bad characters in the method", "G(T /health HTTP/1.1\r\n" + h + "\r\n", true));
        c.add(g("a 20 KB URI", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + h + "\r\n", true));
        c.add(g("non-ASCII in the request line", "GET /h\u00e9alth HTTP/1.1\r\n" + h + "\r\n", true));
        c.add(g("a target that is not a path", "GET health HTTP/1.1\r\n" + h + "\r\n", true));
        c.add(g("unsupported Expect", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", true));
        c.add(g("Content-Encoding: gzip", "POST /daily-logs HTTP/1.1\r\n" + h + json
                + "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\u001f\u008b\u0008\u0000", true));
        c.add(g("unknown method", "BREW /daily-logs HTTP/1.1\r\n" + h + "\r\n", true));
        c.add(new Garbage("TLS ClientHello", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc,
            0x03, 0x03, 0x11, 0x22, 0x33}, true));
        byte[] noise = new byte[1024];
        new Random(7).nextBytes(noise);
        c.add(new Garbage("1 KB of random bytes", noise, true));
        return c;
    }

    private static Garbage g(String name, String text, boolean halfClose) {
        return new Garbage(name, text.getBytes(StandardCharsets.ISO_8859_1), halfClose);
    }
}
