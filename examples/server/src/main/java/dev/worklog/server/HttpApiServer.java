package dev.worklog.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an {@link ApiHandler} to the JDK's {@code com.sun.net.httpserver}: reads the request (at most 1 MiB + 1
 * byte of body), calls the handler, writes the response. Nothing else happens here, so another transport can reuse
 * the handler unchanged.
 *
 * <p><b>Load shedding.</b> Requests run on a fixed pool of worker threads with a bounded queue. When both are full
 * the request is answered at once with 503 and {@code Retry-After} on the server's dispatcher thread, without
 * reading its body, instead of piling up.
 *
 * <p><b>Graceful shutdown.</b> {@link #shutdown(Duration)} first answers new requests with 503 and
 * {@code Connection: close}, waits for the requests in flight to finish (up to the timeout), then closes the
 * listener and the pool.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** Set on the dispatcher thread while it answers a request the pool had no room for. */
    private static final ThreadLocal<Boolean> SHED = new ThreadLocal<>();

    static {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK add ~40 ms to every keep-alive response. Must be set before the server classes
        // read their configuration; an explicit -D on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** How long a request that arrives while the SDK is still loading waits for it before getting 503. */
    private static final long STARTING_WAIT_SECONDS = 30;

    private volatile ApiHandler handler;
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Object inFlightLock = new Object();
    private int inFlight;
    private volatile boolean draining;
    private volatile boolean stopped;

    private HttpApiServer(ApiHandler handler, HttpServer server, ThreadPoolExecutor workers) {
        this.handler = handler;
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts listening.
     *
     * @throws UncheckedIOException when the address cannot be bound (for example, the port is in use)
     */
    public static HttpApiServer start(ApiHandler handler, ServerOptions options) {
        return bind(options).start(handler);
    }

    /**
     * Binds the port and starts listening before the API is ready. Main binds while the SDK is still being built
     * (in parallel, on another core): a port in use fails fast, {@code /health} answers at once (it only says that
     * the process is up, and platforms wait for it to route traffic), and any other request waits until
     * {@link #start(ApiHandler)} hands over the API.
     *
     * @throws UncheckedIOException when the address cannot be bound (for example, the port is in use)
     */
    public static HttpApiServer bind(ServerOptions options) {
        AtomicInteger n = new AtomicInteger();
        BlockingQueue<Runnable> queue = options.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(options.queue());
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                queue, r -> {
                    Thread t = new Thread(r, "worklog-http-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                }, (task, pool) -> {
                    // no room: answer 503 right here instead of dropping the connection
                    SHED.set(Boolean.TRUE);
                    try {
                        task.run();
                    } finally {
                        SHED.remove();
                    }
                });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 256);
            HttpApiServer api = new HttpApiServer(null, server, workers);
            server.createContext("/", api::exchange);
            server.setExecutor(workers);
            server.start();
            return api;
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Serves the API with {@code api} on the bound port.
     *
     * @return this server
     */
    public synchronized HttpApiServer start(ApiHandler api) {
        if (handler != null) {
            throw new IllegalStateException("already started");
        }
        handler = Objects.requireNonNull(api, "handler");
        ready.countDown();
        return this;
    }

    /** The API once it is ready, or {@code null} after waiting {@value #STARTING_WAIT_SECONDS} s for it. */
    private ApiHandler awaitReady() {
        try {
            ready.await(STARTING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return handler;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange ex) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            ApiHandler handler = this.handler;
            if (handler == null) {
                if (ApiHandler.isHealthCheck(method, path)) {
                    write(ex, ApiHandler.earlyHealth(method, path), "HEAD".equalsIgnoreCase(method));
                    return;
                }
                handler = awaitReady();
                if (handler == null) {
                    write(ex, ApiHandler.starting(method, path), false);
                    return;
                }
            }
            ApiResponse response;
            if (Boolean.TRUE.equals(SHED.get())) {
                response = handler.overloaded(method, path);
            } else if (draining) {
                response = handler.shuttingDown(method, path);
            } else {
                response = handler.handle(new ApiRequest(method, path == null ? "" : path,
                        ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), readBody(ex)));
            }
            write(ex, response, "HEAD".equalsIgnoreCase(method));
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent something the JDK server rejected; nothing useful can be answered
            LOG.debug("exchange aborted: {}", e.toString());
        } finally {
            ex.close();
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    /**
     * Most bytes of an oversized body read and thrown away after a 413, so the client sees the answer: closing a
     * socket with unread data makes the kernel send a reset, which can destroy the response before the client
     * reads it. Bodies beyond this are cut off (reset and all); they are not worth the bandwidth.
     */
    static final long MAX_DISCARD_BYTES = 16L << 20;

    /**
     * Reads at most {@link ApiHandler#MAX_BODY_BYTES} + 1 bytes: enough to tell that a body is too large, never
     * buffering more. The rest of an oversized body is read and discarded in small chunks, up to
     * {@link #MAX_DISCARD_BYTES}.
     */
    private static byte[] readBody(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return new byte[0]; // the handler answers 400
            }
        }
        InputStream in = ex.getRequestBody();
        if (declared > ApiHandler.MAX_BODY_BYTES) {
            // the handler answers 413 from the header; the body is not kept
            if (declared <= MAX_DISCARD_BYTES) {
                discard(in);
            }
            return new byte[0];
        }
        byte[] body = in.readNBytes(ApiHandler.MAX_BODY_BYTES + 1);
        if (body.length > ApiHandler.MAX_BODY_BYTES) {
            discard(in); // chunked and too large: 413, after draining what is reasonable
        }
        return body;
    }

    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while (total < MAX_DISCARD_BYTES && (n = in.read(buffer)) > 0) {
            total += n;
        }
    }

    private static void write(HttpExchange ex, ApiResponse response, boolean head) throws IOException {
        Headers h = ex.getResponseHeaders();
        for (Map.Entry<String, String> e : response.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        h.set("X-Content-Type-Options", "nosniff");
        byte[] body = response.body();
        if (head || body.length == 0) {
            if (head && body.length > 0) {
                h.set("Content-Length", String.valueOf(body.length));
            }
            ex.sendResponseHeaders(response.status(), -1);
            return;
        }
        ex.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Stops gracefully: new requests get 503, requests in flight may finish until the timeout, then the listener
     * and the workers stop.
     *
     * @return whether every request in flight finished in time
     */
    public boolean shutdown(Duration timeout) {
        if (stopped) {
            return true;
        }
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained;
        synchronized (inFlightLock) {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    inFlightLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            drained = inFlight == 0;
        }
        stopped = true;
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        return drained;
    }

    /** Waits for the worker threads to end after {@link #shutdown}, e.g. for requests that outlasted it. */
    boolean awaitWorkers(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests being handled right now. */
    int inFlight() {
        synchronized (inFlightLock) {
            return inFlight;
        }
    }

    /** Stops at once, not waiting for requests in flight. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
