package dev.worklog.server;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an {@link ApiHandler} to {@link Http1Server}, the module's own small HTTP/1.1 server: one event loop reads
 * and writes every connection (so slow or broken clients cost no thread), a fixed pool of workers runs the handler.
 * Nothing else happens here, so another transport (the AWS Lambda adapter) reuses the handler unchanged.
 *
 * <p><b>Why not the JDK's {@code com.sun.net.httpserver}.</b> It reads request heads and bodies on its worker
 * threads without a read time-out, so a few slow connections stop every route; its overload handler runs on its only
 * dispatcher thread; and some malformed requests get a 5xx or no status line from inside it. Its system properties
 * (JDK 17: {@code sun.net.httpserver.maxReqTime}, {@code jdk.httpserver.maxConnections}, ...) close such connections
 * without an answer and leave the 501 for {@code Transfer-Encoding: gzip}. The measurements are in the module's
 * README.
 *
 * <p><b>Load shedding.</b> Requests run on a fixed pool of worker threads with a bounded queue; when both are full
 * the event loop answers 503 with {@code Retry-After} at once (a prepared answer written without blocking). The
 * plain health check is answered on the loop, so it answers even while every worker is busy.
 *
 * <p><b>Graceful shutdown.</b> {@link #shutdown(Duration)} first answers new requests with 503 and
 * {@code Connection: close}, waits for the requests in flight to finish (up to the timeout), then closes the
 * listener, the connections and the pool.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    /** How long a request that arrives while the SDK is still loading waits for it before getting 503. */
    private static final long STARTING_WAIT_SECONDS = 30;

    /**
     * Most bytes of an oversized body read and thrown away after its 413, so the client sees the answer: closing a
     * socket with unread data makes the kernel send a reset, which can destroy the response before the client
     * reads it. Bodies beyond this are cut off (reset and all); they are not worth the bandwidth.
     */
    static final long MAX_DISCARD_BYTES = 16L << 20;

    private volatile ApiHandler handler;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final ThreadPoolExecutor workers;
    private final AccessLog accessLog = new AccessLog();
    private final Object inFlightLock = new Object();
    private int inFlight;
    private volatile boolean draining;
    private volatile boolean stopped;
    private Http1Server transport;

    private HttpApiServer(ThreadPoolExecutor workers) {
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
        return bind(options, System::nanoTime);
    }

    /** {@link #bind(ServerOptions)} with the transport's time-outs measured by {@code nanos} (tests move it). */
    static HttpApiServer bind(ServerOptions options, LongSupplier nanos) {
        AtomicInteger n = new AtomicInteger();
        BlockingQueue<Runnable> queue = options.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(options.queue());
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                queue, r -> {
                    Thread t = new Thread(r, "worklog-http-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        HttpApiServer api = new HttpApiServer(workers);
        // bodies being read or waiting for a worker: a quarter of the heap, and at least a few full-size ones
        long budget = Math.max(4L * (ApiHandler.MAX_BODY_BYTES + 1), Runtime.getRuntime().maxMemory() / 4);
        Http1Server.Settings settings = new Http1Server.Settings(options.headerTimeout(), options.bodyTimeout(),
                options.idleTimeout(), options.bodyTimeout(), options.maxConnections(), ApiHandler.MAX_BODY_BYTES,
                MAX_DISCARD_BYTES, budget);
        try {
            api.transport = Http1Server.start(new InetSocketAddress(options.bind(), options.port()), 256, settings,
                    api.new Requests(), nanos);
        } catch (UncheckedIOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        return api;
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
        return transport.port();
    }

    /** The transport, for tests that move its time and check its connections. */
    Http1Server transport() {
        return transport;
    }

    /** What the transport does with requests: the worker pool, the quick health check, the access log. */
    private final class Requests implements Http1Server.Handler {
        @Override
        public boolean submit(Http1Server.Exchange exchange) {
            synchronized (inFlightLock) {
                inFlight++;
            }
            try {
                workers.execute(() -> handle(exchange));
                return true;
            } catch (RejectedExecutionException e) {
                done();
                return false;
            }
        }

        @Override
        public ApiResponse quick(RequestHead head) {
            if (!ApiHandler.isHealthCheck(head.method(), head.path())
                    || ApiHandler.wantsVerboseHealth(head.rawQuery())) {
                return null;
            }
            ApiHandler h = handler;
            return h == null ? ApiHandler.quickEarlyHealth() : h.quickHealth();
        }

        @Override
        public void answered(String method, String path, int status, long startNanos, long endNanos) {
            accessLog.add(method, path, status, startNanos, endNanos);
        }
    }

    private void handle(Http1Server.Exchange exchange) {
        RequestHead head = exchange.head();
        ApiResponse response;
        try {
            ApiHandler h = handler;
            if (h == null) {
                h = awaitReady();
            }
            if (h == null) {
                response = ApiHandler.starting(head.method(), head.path());
            } else if (draining) {
                response = h.shuttingDown(head.method(), head.path());
            } else {
                response = h.handle(new ApiRequest(head.method(), head.path(), head.rawQuery(), head.headers(),
                        exchange.body()));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure answering {} {}", head.method(), head.path(), e);
            response = ApiHandler.transportError(500, "internal server error");
        }
        try {
            exchange.respond(response);
        } finally {
            done();
        }
    }

    private void done() {
        synchronized (inFlightLock) {
            inFlight--;
            inFlightLock.notifyAll();
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
        transport.drain();
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
        // the last answers were handed to the loop just now: give it a moment to write them before closing
        try {
            transport.sweep().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("transport did not settle: {}", e.toString());
        }
        transport.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        accessLog.flush();
        return drained;
    }

    /** Waits for the worker threads to end after {@link #shutdown}, e.g. for requests that outlasted it. */
    boolean awaitWorkers(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests being handled right now (handed to the workers and not yet answered). */
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

    /**
     * The access-log lines of answers the event loop gives itself, written by a thread of their own so that a slow
     * log sink (a full pipe to the container runtime) never stalls the loop. When the queue is full, lines are
     * dropped and counted.
     */
    private static final class AccessLog {
        private record Line(String method, String path, int status, long start, long end) {
        }

        private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(4096);
        private final AtomicInteger dropped = new AtomicInteger();
        private volatile Thread writer;

        void add(String method, String path, int status, long start, long end) {
            if (!queue.offer(new Line(method, path, status, start, end))) {
                dropped.incrementAndGet();
            }
            if (writer == null) {
                startWriter();
            }
        }

        private synchronized void startWriter() {
            if (writer != null) {
                return;
            }
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        write(queue.take());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "worklog-access-log");
            t.setDaemon(true);
            t.start();
            writer = t;
        }

        private void write(Line l) {
            int lost = dropped.getAndSet(0);
            if (lost > 0) {
                LOG.warn("{} access-log lines were dropped: the log could not keep up", lost);
            }
            ApiHandler.access(l.method(), l.path(), l.status(), l.start(), l.end());
        }

        void flush() {
            Line l;
            while ((l = queue.poll()) != null) {
                write(l);
            }
        }
    }
}
