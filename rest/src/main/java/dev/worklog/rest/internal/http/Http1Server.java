package dev.worklog.rest.internal.http;

import dev.worklog.rest.ApiResponse;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
public final class Http1Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Server.class);
    private static final long SWEEP_NANOS = 250_000_000L;

    /** What the server does with complete requests. */
    public interface Handler {
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

    /**
     * Limits and time-outs.
     *
     * @param headerTimeout the longest time from a request's first byte to the end of its head
     * @param bodyTimeout the longest time from the end of a head to the end of its body
     * @param idleTimeout how long an idle keep-alive connection stays open
     * @param writeTimeout how long a client may take to read an answer
     * @param maxConnections the most connections open at once
     * @param maxBody the largest body handed on whole; larger ones are handed on cut to {@code maxBody + 1} bytes
     * @param maxDiscard the most bytes drained after an answer to a request that was not read completely
     * @param bodyBudget the most bytes of bodies being read or handled at once
     */
    public record Settings(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, Duration writeTimeout,
            int maxConnections, int maxBody, long maxDiscard, long bodyBudget) {
        public Settings {
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(writeTimeout, "writeTimeout");
            if (maxConnections < 1 || maxBody < 0 || bodyBudget < maxBody + 1L) {
                throw new IllegalArgumentException("invalid transport settings");
            }
        }
    }

    // read by the connections, on the loop
    final Settings settings;
    final Handler handler;
    final LongSupplier nanos;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey acceptKey;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Connection> conns = new HashSet<>();
    /** Writes every answer; on the loop only. */
    final ResponseEncoder encoder = new ResponseEncoder();
    /** A buffer for bytes read only to be thrown away. */
    final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private long budgetUsed;
    private long lastSweep;
    volatile boolean draining;
    private volatile boolean stopped;

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
    public static Http1Server start(InetSocketAddress address, int backlog, Settings settings, Handler handler,
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
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, new requests get 503 with {@code Connection: close}; requests already read still complete. */
    public void drain() {
        draining = true;
    }

    /** Runs the time-out check on the loop now, whatever time passed; completes when it ran. */
    public CompletableFuture<Void> sweep() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            sweepNow();
            done.complete(null);
        });
        return done;
    }

    /** Open connections (read on the loop). */
    public CompletableFuture<Integer> connections() {
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

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    // ------------------------------------------------------------------ for connections (on the loop)

    /** Takes {@code bytes} of the body budget; false when that would exceed it. */
    boolean reserve(long bytes) {
        if (budgetUsed + bytes > settings.bodyBudget()) {
            return false;
        }
        budgetUsed += bytes;
        return true;
    }

    void release(long bytes) {
        budgetUsed -= bytes;
    }

    /** A connection closed: forget it, and accept again if the bound had stopped accepting. */
    void closed(Connection c) {
        conns.remove(c);
        if (!stopped && acceptKey.isValid() && conns.size() < settings.maxConnections()) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
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
                    Connection c = (Connection) key.attachment();
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
            for (Connection c : new ArrayList<>(conns)) {
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
                Connection c = new Connection(this, ch);
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
        for (Connection c : new ArrayList<>(conns)) {
            if (c.deadline != 0 && now - c.deadline >= 0) {
                c.timedOut();
            }
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** The state of every open connection (IDLE, HEAD, BODY, HANDLING, WRITING, LINGER), read on the loop. */
    public CompletableFuture<List<String>> states() {
        CompletableFuture<List<String>> out = new CompletableFuture<>();
        execute(() -> {
            List<String> states = new ArrayList<>();
            for (Connection c : conns) {
                states.add(c.state.name());
            }
            out.complete(states);
        });
        return out;
    }
}
