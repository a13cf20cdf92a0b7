package dev.worklog.rest.internal.http;

import dev.worklog.internal.json.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The head of an HTTP/1.1 request (request line and header fields) as {@link Http1Server} reads it, parsed strictly
 * (RFC 9112): anything malformed is an {@link HttpProtocolException} with the 4xx to answer, never a guess and
 * never a 5xx. Line ends may be CRLF or a bare LF (RFC 9112 §2.2 allows the latter); a bare CR is an error.
 *
 * @param method the method token, as sent (methods are case-sensitive)
 * @param path the decoded path, without the query
 * @param rawQuery the query as sent (without {@code ?}), or empty
 * @param http11 whether the version is HTTP/1.1 (else HTTP/1.0)
 * @param headers every field, names case-insensitive, values trimmed, repeated fields in order
 * @param contentLength the declared body length, or -1 when there is none
 * @param chunked whether the body is sent with {@code Transfer-Encoding: chunked}
 * @param keepAlive whether the connection stays open after the response
 * @param expectContinue whether the client waits for {@code 100 Continue} before sending the body
 */
public record RequestHead(String method, String path, String rawQuery, boolean http11, Map<String, List<String>> headers,
        long contentLength, boolean chunked, boolean keepAlive, boolean expectContinue) {
    /** The longest request line accepted; longer is 414. */
    static final int MAX_REQUEST_LINE = 8 * 1024;
    /** The longest head (request line and fields) accepted; longer is 431. */
    static final int MAX_HEAD = 16 * 1024;
    /** The most header fields accepted; more is 431. */
    static final int MAX_FIELDS = 100;

    /** Whether the request has a body to read. */
    boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** The first value of a field, or {@code null}. */
    String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Parses a complete head: {@code bytes[from, to)} holds the request line and the fields, without the empty line
     * that ends the head.
     *
     * @throws HttpProtocolException with the status to answer when the head is malformed
     */
    static RequestHead parse(byte[] bytes, int from, int to) throws HttpProtocolException {
        List<String> lines = lines(bytes, from, to);
        if (lines.isEmpty()) {
            throw bad("empty request");
        }
        String requestLine = lines.get(0);
        if (requestLine.length() > MAX_REQUEST_LINE) {
            throw new HttpProtocolException(414, "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
        }
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
            throw bad("the request line must be METHOD SP TARGET SP HTTP-VERSION");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (method.length() > 32 || !isToken(method)) {
            throw bad("the method is not a valid token");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw bad("the request target must be printable ASCII (percent-encode anything else)");
            }
        }
        boolean http11;
        if (version.equals("HTTP/1.1")) {
            http11 = true;
        } else if (version.equals("HTTP/1.0")) {
            http11 = false;
        } else if (version.matches("HTTP/1\\.\\d")) {
            http11 = true; // a later 1.x minor version speaks at least 1.1 (RFC 9110 §2.5)
        } else {
            throw bad("unsupported protocol version; this server speaks HTTP/1.1");
        }
        if (lines.size() - 1 > MAX_FIELDS) {
            throw new HttpProtocolException(431, "more than " + MAX_FIELDS + " header fields");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(" ") || line.startsWith("\t")) {
                throw bad("obsolete line folding in the header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw bad("a header field without a name and a colon");
            }
            String name = line.substring(0, colon);
            if (!isToken(name)) {
                throw bad("a header field name is not a valid token");
            }
            String value = line.substring(colon + 1).strip();
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw bad("a control character in the value of " + name);
                }
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        List<String> hosts = headers.getOrDefault("Host", List.of());
        if (hosts.size() > 1 || http11 && hosts.isEmpty()) {
            throw bad(hosts.isEmpty() ? "an HTTP/1.1 request needs a Host header" : "more than one Host header");
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw bad("the request target is not a valid URI");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? (target.equals("*") ? "*" : "/")
                : uri.getPath();
        if (!target.startsWith("/") && !uri.isAbsolute() && !target.equals("*")) {
            throw bad("the request target must be an absolute path");
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();

        List<String> te = headers.get("Transfer-Encoding");
        List<String> cl = headers.get("Content-Length");
        boolean chunked = false;
        long length = -1;
        if (te != null) {
            if (!http11) {
                throw bad("Transfer-Encoding is not allowed in an HTTP/1.0 request");
            }
            if (cl != null) {
                throw bad("both Content-Length and Transfer-Encoding");
            }
            List<String> codings = new ArrayList<>();
            for (String v : te) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        codings.add(part.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (!codings.equals(List.of("chunked"))) {
                throw bad("Transfer-Encoding " + StrictJson.shorten(String.join(", ", codings)) + " is not "
                        + "supported; send the body uncompressed, with Content-Length or Transfer-Encoding: chunked");
            }
            chunked = true;
        } else if (cl != null) {
            for (String v : cl) {
                for (String part : v.split(",")) {
                    String p = part.strip();
                    if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        throw bad("invalid Content-Length header");
                    }
                    long n = Long.parseLong(p);
                    if (length >= 0 && n != length) {
                        throw bad("Content-Length headers that disagree");
                    }
                    length = n;
                }
            }
        }
        String connection = String.join(",", headers.getOrDefault("Connection", List.of())).toLowerCase(Locale.ROOT);
        boolean keepAlive = http11 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
        boolean expectContinue = false;
        String expect = headers.containsKey("Expect") ? String.join(",", headers.get("Expect")) : null;
        if (expect != null) {
            if (!expect.strip().equalsIgnoreCase("100-continue")) {
                throw new HttpProtocolException(417, "only Expect: 100-continue is supported");
            }
            expectContinue = http11;
        }
        return new RequestHead(method, path, query, http11, headers, length, chunked, keepAlive, expectContinue);
    }

    /**
     * Where the head ends: {@code [end of its last line, index after the empty line]}, or {@code null} when the
     * empty line has not arrived.
     */
    static int[] headEnd(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != '\n') {
                continue;
            }
            // a line just ended at i; the head ends when the next line is empty (LF or CRLF)
            if (i + 1 < len && b[i + 1] == '\n') {
                return new int[] {i + 1, i + 2};
            }
            if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return new int[] {i + 1, i + 3};
            }
        }
        return null;
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The head's lines; a CR is allowed only right before an LF. Header bytes are Latin-1 (RFC 9110 §5.5). */
    private static List<String> lines(byte[] b, int from, int to) throws HttpProtocolException {
        List<String> out = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 >= to || b[i + 1] != '\n') {
                    throw bad("a bare carriage return in the head");
                }
            } else if (c == '\n') {
                int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
                out.add(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            } else if (c == 0) {
                throw bad("a NUL byte in the head");
            }
        }
        if (start < to) {
            int end = b[to - 1] == '\r' ? to - 1 : to;
            out.add(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static boolean hasToken(String list, String token) {
        for (String part : list.split(",")) {
            if (part.strip().equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110 token: visible ASCII except delimiters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static HttpProtocolException bad(String detail) {
        return new HttpProtocolException(400, detail);
    }
}
