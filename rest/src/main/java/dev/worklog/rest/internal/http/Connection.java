package dev.worklog.rest.internal.http;

import dev.worklog.rest.ApiResponse;
import dev.worklog.rest.internal.ErrorResponses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * One connection of {@link Http1Server}, driven by its event loop: reads and parses request heads and bodies as the
 * bytes arrive (strictly, with the head and body time-outs), hands complete requests to the handler, writes the
 * answers in order (pipelining) and, when a request was refused before it was read completely, half-closes and drains
 * the rest so the client reads the answer instead of a reset. Every method runs on the loop thread.
 */
final class Connection {
    private static final int READ_BUFFER = 4096;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Where a connection is: between requests, reading a head or a body, handled, answering, or draining. */
    enum State { IDLE, HEAD, BODY, HANDLING, WRITING, LINGER }

    private final Http1Server server;
    private final Http1Server.Settings settings;
    private final Http1Server.Handler handler;
    private final LongSupplier nanos;
    final SocketChannel ch;
    SelectionKey key;
    State state = State.IDLE;
    byte[] in = new byte[READ_BUFFER];
    int len;
    long deadline;
    long requestStart;
    RequestHead head;
    ByteArrayOutputStream body;
    long bodyRemaining;
    ChunkedDecoder chunks;
    long reserved;
    boolean tooLarge;
    ByteBuffer out;
    boolean closeAfterWrite;
    boolean lingerAfterWrite;
    long discarded;
    boolean closed;
    boolean processing;
    long writeStarted;

    Connection(Http1Server server, SocketChannel ch) {
        this.server = server;
        this.settings = server.settings;
        this.handler = server.handler;
        this.nanos = server.nanos;
        this.ch = ch;
        this.deadline = nanos.getAsLong() + settings.idleTimeout().toNanos();
    }

    void readMore() throws IOException {
        if (state == State.LINGER) {
            ByteBuffer scratch = server.scratch;
            scratch.clear();
            int n = ch.read(scratch);
            discarded += Math.max(0, n);
            if (n < 0 || discarded > settings.maxDiscard()) {
                close();
            }
            return;
        }
        if (len == in.length) {
            if (in.length >= RequestHead.MAX_HEAD + READ_BUFFER) {
                process(); // a head this long is refused there (414 or 431)
                return;
            }
            in = Arrays.copyOf(in, Math.min(in.length * 2, RequestHead.MAX_HEAD + READ_BUFFER));
        }
        int n = ch.read(ByteBuffer.wrap(in, len, in.length - len));
        if (n < 0) {
            endOfInput();
            return;
        }
        len += n;
        process();
    }

    /** Parses and reads as far as the buffered bytes allow. */
    void process() {
        processing = true;
        try {
            while (!closed) {
                boolean progress;
                if (state == State.IDLE || state == State.HEAD) {
                    progress = readHead();
                } else if (state == State.BODY) {
                    progress = readBody();
                } else {
                    return; // handling or writing: the next request waits in the buffer
                }
                if (!progress) {
                    return;
                }
            }
        } catch (HttpProtocolException e) {
            fail(e.status(), e.getMessage());
        } finally {
            processing = false;
        }
    }

    /** Reads a head if it is complete; true when it was (and the request was started or answered). */
    private boolean readHead() throws HttpProtocolException {
        if (len == 0) {
            return false;
        }
        long now = nanos.getAsLong();
        if (state == State.IDLE) {
            // any byte starts the head's clock, line breaks too: a client that sends only those gets its 408
            state = State.HEAD;
            requestStart = now;
            deadline = now + settings.headerTimeout().toNanos();
        }
        int skip = 0;
        while (skip < len && (in[skip] == '\n' || in[skip] == '\r' && skip + 1 < len && in[skip + 1] == '\n')) {
            skip += in[skip] == '\r' ? 2 : 1; // empty lines before a request line are ignored (RFC 9112 §2.2)
        }
        consume(skip);
        if (len == 0) {
            return false;
        }
        if (RequestHead.indexOf(in, 0, Math.min(len, RequestHead.MAX_REQUEST_LINE + 2), (byte) '\n') < 0
                && len > RequestHead.MAX_REQUEST_LINE + 1) {
            throw new HttpProtocolException(414, "the request line is longer than " + RequestHead.MAX_REQUEST_LINE
                    + " bytes");
        }
        int[] end = RequestHead.headEnd(in, len);
        if (end == null ? len > RequestHead.MAX_HEAD : end[1] > RequestHead.MAX_HEAD) {
            throw new HttpProtocolException(431, "the request head is larger than " + RequestHead.MAX_HEAD
                    + " bytes");
        }
        if (end == null) {
            return false;
        }
        head = RequestHead.parse(in, 0, end[0]);
        consume(end[1]);
        state = State.HANDLING; // the head is complete; what follows decides
        beginRequest(now);
        return true;
    }

    private void beginRequest(long now) throws HttpProtocolException {
        if (server.draining) {
            answer(head, ErrorResponses.draining(), true, true);
            return;
        }
        if (!head.hasBody()) {
            ApiResponse quick = handler.quick(head);
            if (quick != null) {
                answer(head, quick, true, false);
                return;
            }
            body = null;
            dispatch();
            return;
        }
        body = new ByteArrayOutputStream(head.chunked() ? 256 : (int) Math.min(head.contentLength(), 8192));
        if (head.contentLength() > settings.maxBody()) {
            // refused from the header by the handler (after auth and routing); the body is drained afterwards
            tooLarge = true;
            dispatch();
            return;
        }
        long need = head.chunked() ? 0 : head.contentLength();
        if (!reserve(need)) {
            answer(head, ErrorResponses.busy(), true, true);
            return;
        }
        if (head.expectContinue() && len == 0) {
            try {
                ch.write(ByteBuffer.wrap(CONTINUE)); // a few bytes into an empty socket buffer: never blocks
            } catch (IOException e) {
                close();
                return;
            }
        }
        state = State.BODY;
        bodyRemaining = head.chunked() ? -1 : head.contentLength();
        chunks = head.chunked() ? new ChunkedDecoder(body, settings.maxBody() + 1) : null;
        deadline = now + settings.bodyTimeout().toNanos();
    }

    /** Reads what the buffer holds of the body; true when the body is complete (and was handed on). */
    private boolean readBody() throws HttpProtocolException {
        if (len == 0) {
            return false;
        }
        if (chunks != null) {
            long before = body.size();
            int used = chunks.feed(in, 0, len);
            consume(used);
            if (!reserve(body.size() - before)) {
                answer(head, ErrorResponses.busy(), true, true);
                return true;
            }
            if (chunks.total() > settings.maxBody()) {
                tooLarge = true; // the handler answers 413; the rest is drained after the answer
                dispatch();
                return true;
            }
            if (chunks.done()) {
                dispatch();
                return true;
            }
            return false;
        }
        int take = (int) Math.min(bodyRemaining, len);
        body.write(in, 0, take);
        consume(take);
        bodyRemaining -= take;
        if (bodyRemaining == 0) {
            dispatch();
            return true;
        }
        return false;
    }

    private void dispatch() {
        state = State.HANDLING;
        deadline = 0;
        key.interestOps(0);
        Exchange exchange = new Exchange(this, head, body == null ? new byte[0] : body.toByteArray(),
                requestStart);
        body = null;
        if (!handler.submit(exchange)) {
            answer(head, ErrorResponses.busy(), true, true);
        }
    }

    /**
     * Answers on the loop. {@code loopAnswer}: the loop made the answer itself (logged here); {@code mustClose}:
     * the request was refused before it was read completely, so the connection closes after a drain.
     */
    void answer(RequestHead request, ApiResponse response, boolean loopAnswer, boolean mustClose) {
        if (closed) {
            release();
            return;
        }
        String method = request == null ? "-" : request.method();
        long now = nanos.getAsLong(); // read before the client can see the answer (and a test move the clock)
        writeStarted = now;
        boolean unread = mustClose || tooLarge || state == State.HEAD || state == State.BODY;
        boolean close = unread || request == null || !request.keepAlive()
                || "close".equalsIgnoreCase(response.headers().get("Connection"));
        if (loopAnswer) {
            handler.answered(method, request == null ? "-" : request.path(), response.status(),
                    requestStart == 0 ? now : requestStart, now);
        }
        // unread request bytes (an unread or oversized body, a broken head) are drained after the answer
        lingerAfterWrite = close && (unread || len > 0);
        closeAfterWrite = close;
        state = State.WRITING;
        key.interestOps(0);
        out = ByteBuffer.wrap(server.encoder.encode(request, response, "HEAD".equals(method), close));
        deadline = now + settings.writeTimeout().toNanos();
        try {
            writeMore();
        } catch (IOException e) {
            close();
        }
    }

    void writeMore() throws IOException {
        ch.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            writeStarted = 0; // finished later: the idle time counts from then
            return;
        }
        long finished = writeStarted != 0 ? writeStarted : nanos.getAsLong();
        out = null;
        release();
        if (closeAfterWrite) {
            if (lingerAfterWrite) {
                linger();
            } else {
                close();
            }
            return;
        }
        state = State.IDLE;
        head = null;
        tooLarge = false;
        chunks = null;
        requestStart = 0;
        deadline = finished + settings.idleTimeout().toNanos();
        key.interestOps(SelectionKey.OP_READ);
        if (len > 0 && !processing) {
            process(); // the next pipelined request (inside process(), its loop goes on by itself)
        }
    }

    /** Half-closes and reads until the client closes too (bounded), so it sees the answer, not a reset. */
    private void linger() {
        state = State.LINGER;
        len = 0;
        deadline = (writeStarted != 0 ? writeStarted : nanos.getAsLong()) + Math.min(settings.headerTimeout().toNanos(), 5_000_000_000L);
        try {
            ch.shutdownOutput();
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close();
        }
    }

    void endOfInput() {
        if (state == State.IDLE) {
            close();
        } else if (state == State.HEAD) {
            fail(400, "the connection ended before the request head was complete");
        } else if (state == State.BODY) {
            fail(400, "the connection ended before the request body was complete");
        } else {
            close();
        }
    }

    void timedOut() {
        switch (state) {
            case HEAD -> fail(408, "the request head did not arrive within " + seconds(settings.headerTimeout()));
            case BODY -> fail(408, "the request body did not arrive within " + seconds(settings.bodyTimeout()));
            default -> close(); // idle, a client that does not read its answer, or the end of a drain
        }
    }

    /** Hands the answer to the event loop, from any thread. */
    void answerLater(RequestHead request, ApiResponse response) {
        server.execute(() -> answer(request, response, false, false));
    }

    void fail(int status, String detail) {
        answer(state == State.HEAD ? null : head, ErrorResponses.transportError(status, detail), true, true);
    }

    private boolean reserve(long bytes) {
        if (!server.reserve(bytes)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    private void release() {
        server.release(reserved);
        reserved = 0;
    }

    private void consume(int n) {
        if (n > 0) {
            System.arraycopy(in, n, in, 0, len - n);
            len -= n;
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        if (key != null) {
            key.cancel();
        }
        Http1Server.closeQuietly(ch);
        server.closed(this);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
