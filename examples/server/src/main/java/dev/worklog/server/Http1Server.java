package dev.worklog.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on one non-blocking event loop (a {@link Selector} on one thread): it accepts
 * connections, reads and parses every request head and body, enforces the limits and time-outs, and writes the
 * answers; handlers run elsewhere (the {@link Handler} hands complete requests to a worker pool). So a slow or
 * broken client costs a buffer and a file descriptor, never a thread:
 *
 * <ul>
 * <li>the head must arrive within {@code headerTimeout} of its first byte, the body within {@code bodyTimeout} of
 * the head, else 408; an idle keep-alive connection is closed after {@code idleTimeout}; a client that does not read
 * its answer is cut off after {@code writeTimeout};</li>
 * <li>at most {@code maxConnections} connections are open; beyond that new ones wait in the kernel's backlog;</li>
 * <li>heads over 16 KiB (431), request lines over 8 KiB (414), more than 100 fields (431), malformed heads and
 * framing, unsupported transfer codings (400) and unsupported expectations (417) are answered and the connection
 * closed gracefully (the rest of the request is read and dropped, so the client sees the answer rather than a
 * reset); a body over {@code maxBody} is handed on truncated to {@code maxBody + 1} bytes so the handler can refuse
 * it (413), and the rest is drained up to {@code maxDiscard};</li>
 * <li>the bytes of bodies being read or handled are bounded in total ({@code bodyBudget}); a request that would
 * exceed it, and a request the {@link Handler} has no room for, get 503 with {@code Retry-After} at once, written by
 * the loop without blocking;</li>
 * <li>requests on one connection are answered in order (pipelining); {@code Expect: 100-continue} is honoured.</li>
 * </ul>
 *
 * <p>Time is read from an injected {@link LongSupplier} of nanoseconds, and {@link #sweep()} runs the time-out check
 * on demand, so tests move time instead of waiting.
 */
final class Http1Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Server.class);
    private static final int READ_BUFFER = 4096;
    private static final long SWEEP_NANOS = 250_000_000L;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    /** What the server does with complete requests. */
    interface Handler {
        /**
         * Takes a complete request to answer later with {@link Exchange#respond}; called on the event loop, so it
         * must not block.
         *
         * @return false when there is no room: the server answers 503 itself
         */
        boolean submit(Exchange exchange);

        /** The answer to a request cheap enough to give on the loop (the health check), or {@code null}. */
        ApiResponse quick(RequestHead head);

        /** Records an answer the loop gave itself (a refusal or a quick answer); must not block. */
        void answered(String method, String path, int status, long startNanos, long endNanos);
    }

    /** Limits and time-outs. */
    record Settings(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, Duration writeTimeout,
            int maxConnections, int maxBody, long maxDiscard, long bodyBudget) {
        Settings {
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(writeTimeout, "writeTimeout");
            if (maxConnections < 1 || maxBody < 0 || bodyBudget < maxBody + 1L) {
                throw new IllegalArgumentException("invalid transport settings");
            }
        }
    }

    private enum State { IDLE, HEAD, BODY, HANDLING, WRITING, LINGER }

    private final Settings settings;
    private final Handler handler;
    private final LongSupplier nanos;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey acceptKey;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Conn> conns = new HashSet<>();
    private final byte[] readBuffer = new byte[64 * 1024];
    private final ByteBuffer readView = ByteBuffer.wrap(readBuffer);
    private long budgetUsed;
    private long lastSweep;
    private volatile boolean draining;
    private volatile boolean stopped;
    private String dateHeader = "";
    private long dateSecond = -1;

    private Http1Server(Settings settings, Handler handler, LongSupplier nanos, ServerSocketChannel listener,
            Selector selector) throws IOException {
        this.settings = settings;
        this.handler = handler;
        this.nanos = nanos;
        this.listener = listener;
        this.selector = selector;
        this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        this.lastSweep = nanos.getAsLong();
        this.loop = new Thread(this::run, "worklog-http-loop");
        this.loop.setDaemon(false); // it keeps the process alive, as a server's listener should
    }

    /**
     * Binds the address and starts the event loop.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    static Http1Server start(InetSocketAddress address, int backlog, Settings settings, Handler handler,
            LongSupplier nanos) {
        ServerSocketChannel listener = null;
        Selector selector = null;
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, backlog);
            listener.configureBlocking(false);
            selector = Selector.open();
            Http1Server server = new Http1Server(settings, handler, nanos, listener, selector);
            server.loop.start();
            return server;
        } catch (IOException e) {
            closeQuietly(listener);
            closeQuietly(selector);
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound port. */
    int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, new requests get 503 with {@code Connection: close}; requests already read still complete. */
    void drain() {
        draining = true;
    }

    /** Runs the time-out check on the loop now, whatever time passed; completes when it ran. */
    CompletableFuture<Void> sweep() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            sweepNow();
            done.complete(null);
        });
        return done;
    }

    /** Open connections (read on the loop). */
    CompletableFuture<Integer> connections() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        execute(() -> n.complete(conns.size()));
        return n;
    }

    /** Stops the loop and closes every connection and the listener; answers being written are cut off. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(listener);
        closeQuietly(selector);
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        try {
            while (!stopped) {
                selector.select(SWEEP_NANOS / 1_000_000);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key == acceptKey) {
                        accept();
                        continue;
                    }
                    Conn c = (Conn) key.attachment();
                    try {
                        if (key.isWritable()) {
                            c.writeMore();
                        }
                        if (key.isValid() && key.isReadable()) {
                            c.readMore();
                        }
                    } catch (IOException e) {
                        c.close();
                    } catch (RuntimeException e) {
                        LOG.warn("http: closing a connection after an unexpected error: {}", e.toString());
                        c.close();
                    }
                }
                // after the reads: an answer handed over, or a sweep asked for, sees what arrived with it
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = nanos.getAsLong();
                if (now - lastSweep >= SWEEP_NANOS) {
                    lastSweep = now;
                    sweepNow();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!stopped) {
                LOG.error("http: the event loop stopped: {}", e.toString());
            }
        } finally {
            for (Conn c : new ArrayList<>(conns)) {
                c.close();
            }
        }
    }

    private void accept() {
        while (conns.size() < settings.maxConnections()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                LOG.debug("accept failed: {}", e.toString());
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(ch);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                conns.add(c);
            } catch (IOException e) {
                closeQuietly(ch);
            }
        }
        // at the bound: leave further connections in the backlog until one closes
        acceptKey.interestOps(0);
    }

    private void sweepNow() {
        long now = nanos.getAsLong();
        for (Conn c : new ArrayList<>(conns)) {
            if (c.deadline != 0 && now - c.deadline >= 0) {
                c.timedOut();
            }
        }
    }

    private String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            dateHeader = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        }
        return dateHeader;
    }

    /** A request handed to the {@link Handler}, answered once with {@link #respond} from any thread. */
    final class Exchange {
        private final Conn conn;
        private final RequestHead head;
        private final byte[] body;
        private final long startNanos;
        private final AtomicBoolean answered = new AtomicBoolean();

        private Exchange(Conn conn, RequestHead head, byte[] body, long startNanos) {
            this.conn = conn;
            this.head = head;
            this.body = body;
            this.startNanos = startNanos;
        }

        RequestHead head() {
            return head;
        }

        /** The body: at most {@code maxBody + 1} bytes (more means it was larger than allowed). */
        byte[] body() {
            return body;
        }

        long startNanos() {
            return startNanos;
        }

        /** Sends the answer (once; later calls do nothing). Closes the connection if the response says so. */
        void respond(ApiResponse response) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            execute(() -> conn.answer(head, response, false, false));
        }
    }

    // ------------------------------------------------------------------ one connection

    private final class Conn {
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

        Conn(SocketChannel ch) {
            this.ch = ch;
            this.deadline = nanos.getAsLong() + settings.idleTimeout().toNanos();
        }

        void readMore() throws IOException {
            if (state == State.LINGER) {
                readView.clear();
                int n = ch.read(readView);
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
                in = java.util.Arrays.copyOf(in, Math.min(in.length * 2, RequestHead.MAX_HEAD + READ_BUFFER));
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
            if (indexOf(in, 0, Math.min(len, RequestHead.MAX_REQUEST_LINE + 2), (byte) '\n') < 0
                    && len > RequestHead.MAX_REQUEST_LINE + 1) {
                throw new HttpProtocolException(414, "the request line is longer than " + RequestHead.MAX_REQUEST_LINE
                        + " bytes");
            }
            int[] end = headEnd(in, len);
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
            if (draining) {
                answer(head, ApiHandler.drainingResponse(), true, true);
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
                answer(head, ApiHandler.busyResponse(), true, true);
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
                    answer(head, ApiHandler.busyResponse(), true, true);
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
                answer(head, ApiHandler.busyResponse(), true, true);
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
            out = ByteBuffer.wrap(encode(request, response, "HEAD".equals(method), close));
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

        void fail(int status, String detail) {
            answer(state == State.HEAD ? null : head, ApiHandler.transportError(status, detail), true, true);
        }

        private boolean reserve(long bytes) {
            if (budgetUsed + bytes > settings.bodyBudget()) {
                return false;
            }
            budgetUsed += bytes;
            reserved += bytes;
            return true;
        }

        private void release() {
            budgetUsed -= reserved;
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
            conns.remove(this);
            if (key != null) {
                key.cancel();
            }
            closeQuietly(ch);
            if (!stopped && acceptKey.isValid() && conns.size() < settings.maxConnections()) {
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        private byte[] encode(RequestHead request, ApiResponse response, boolean headRequest, boolean close) {
            byte[] payload = response.body();
            StringBuilder sb = new StringBuilder(256);
            sb.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                    .append("\r\nDate: ").append(date());
            for (Map.Entry<String, String> e : response.headers().entrySet()) {
                if (!e.getKey().equalsIgnoreCase("Connection") && !e.getKey().equalsIgnoreCase("Content-Length")) {
                    sb.append("\r\n").append(e.getKey()).append(": ").append(e.getValue());
                }
            }
            sb.append("\r\nX-Content-Type-Options: nosniff");
            sb.append("\r\nContent-Length: ").append(payload.length);
            if (close) {
                sb.append("\r\nConnection: close");
            } else if (request != null && !request.http11()) {
                sb.append("\r\nConnection: keep-alive");
            }
            sb.append("\r\n\r\n");
            byte[] h = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (headRequest || payload.length == 0) {
                return h;
            }
            byte[] all = java.util.Arrays.copyOf(h, h.length + payload.length);
            System.arraycopy(payload, 0, all, h.length, payload.length);
            return all;
        }
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

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** The state of every open connection (IDLE, HEAD, BODY, HANDLING, WRITING, LINGER), read on the loop. */
    CompletableFuture<List<String>> states() {
        CompletableFuture<List<String>> out = new CompletableFuture<>();
        execute(() -> {
            List<String> states = new ArrayList<>();
            for (Conn c : conns) {
                states.add(c.state.name());
            }
            out.complete(states);
        });
        return out;
    }
}
