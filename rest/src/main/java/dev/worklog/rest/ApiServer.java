package dev.worklog.rest;

import dev.worklog.rest.internal.AccessLog;
import dev.worklog.rest.internal.ErrorResponses;
import dev.worklog.rest.internal.HealthRoute;
import dev.worklog.rest.internal.http.Exchange;
import dev.worklog.rest.internal.http.Http1Server;
import dev.worklog.rest.internal.http.RequestHead;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
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
 * The built-in HTTP/1.1 server for a {@link WorkLogApi}, with no dependency: one non-blocking event loop reads and
 * writes every connection (so slow or broken clients cost no thread; heads and bodies have time-outs, malformed
 * requests get a 4xx and a graceful close), and a fixed pool of workers runs the API.
 *
 * <pre>{@code
 * WorkLogApi api = WorkLogApi.builder().config(config).build().start();
 * ApiServer server = ApiServer.start(api, ServerOptions.fromConfig(config));
 * // ... on SIGTERM:
 * server.shutdown(Duration.ofSeconds(8));
 * api.close();
 * }</pre>
 *
 * <p><b>Load shedding.</b> When the workers and their bounded queue are full, the event loop answers 503 with
 * {@code Retry-After} at once (a prepared answer written without blocking). The plain health check is answered on
 * the loop, so it answers even while every worker is busy, and from the moment the port is bound ({@link #bind}),
 * while the SDK is still loading; other requests wait for {@link #start(WorkLogApi)} (at most 30 s, then 503).
 *
 * <p><b>Graceful shutdown.</b> {@link #shutdown(Duration)} first answers new requests with 503 and
 * {@code Connection: close}, waits for the requests in flight to finish (up to the timeout), then closes the
 * listener, the connections and the pool.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** How long a request that arrives while the SDK is still loading waits for it before getting 503. */
    private static final long STARTING_WAIT_SECONDS = 30;

    /**
     * Most bytes of an oversized body read and thrown away after its 413, so the client sees the answer: closing a
     * socket with unread data makes the kernel send a reset, which can destroy the response before the client
     * reads it. Bodies beyond this are cut off (reset and all); they are not worth the bandwidth.
     */
    static final long MAX_DISCARD_BYTES = 16L << 20;

    private volatile WorkLogApi api;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final ThreadPoolExecutor workers;
    private final AccessLog accessLog = new AccessLog();
    private final Object inFlightLock = new Object();
    private int inFlight;
    private volatile boolean draining;
    private volatile boolean stopped;
    private Http1Server transport;

    private ApiServer(ThreadPoolExecutor workers) {
        this.workers = workers;
    }

    /**
     * Binds the port and serves the API.
     *
     * @throws UncheckedIOException when the address cannot be bound (for example, the port is in use)
     */
    public static ApiServer start(WorkLogApi api, ServerOptions options) {
        return bind(options).start(api);
    }

    /**
     * Binds the port and starts listening before the API is ready: a port in use fails fast, {@code /health}
     * answers at once (it only says that the process is up, and platforms wait for it to route traffic), and any
     * other request waits until {@link #start(WorkLogApi)} hands over the API. A server's {@code main} binds while
     * it builds the SDK on another core.
     *
     * @throws UncheckedIOException when the address cannot be bound (for example, the port is in use)
     */
    public static ApiServer bind(ServerOptions options) {
        return bind(options, System::nanoTime);
    }

    /** {@link #bind(ServerOptions)} with the transport's time-outs measured by {@code nanos} (tests move it). */
    static ApiServer bind(ServerOptions options, LongSupplier nanos) {
        AtomicInteger n = new AtomicInteger();
        BlockingQueue<Runnable> queue = options.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(options.queue());
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                queue, r -> {
                    Thread t = new Thread(r, "worklog-http-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        ApiServer server = new ApiServer(workers);
        // bodies being read or waiting for a worker: a quarter of the heap, and at least a few full-size ones
        long budget = Math.max(4L * (WorkLogApi.MAX_BODY_BYTES + 1), Runtime.getRuntime().maxMemory() / 4);
        Http1Server.Settings settings = new Http1Server.Settings(options.headerTimeout(), options.bodyTimeout(),
                options.idleTimeout(), options.bodyTimeout(), options.maxConnections(), WorkLogApi.MAX_BODY_BYTES,
                MAX_DISCARD_BYTES, budget);
        try {
            server.transport = Http1Server.start(new InetSocketAddress(options.bind(), options.port()), 256, settings,
                    server.new Requests(), nanos);
        } catch (UncheckedIOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        return server;
    }

    /**
     * Serves {@code api} on the bound port. A low-priority thread then warms up what the first {@code POST} needs,
     * after the first request (or 3 s), so that neither start-up nor the first health check waits for it.
     *
     * @return this server
     */
    public synchronized ApiServer start(WorkLogApi value) {
        if (api != null) {
            throw new IllegalStateException("already started");
        }
        api = Objects.requireNonNull(value, "api");
        ready.countDown();
        Thread warmUp = new Thread(() -> {
            try {
                value.awaitFirstRequest(Duration.ofSeconds(3));
                value.warmUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worklog-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        return this;
    }

    /** The API once it is ready, or {@code null} after waiting {@value #STARTING_WAIT_SECONDS} s for it. */
    private WorkLogApi awaitReady() {
        try {
            ready.await(STARTING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return api;
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
        public boolean submit(Exchange exchange) {
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
            if (!HealthRoute.isPlainCheck(head.method(), head.path(), head.rawQuery())) {
                return null;
            }
            WorkLogApi a = api;
            return a == null ? HealthRoute.plain(Clock.systemUTC()) : a.quickHealth();
        }

        @Override
        public void answered(String method, String path, int status, long startNanos, long endNanos) {
            accessLog.add(method, path, status, startNanos, endNanos);
        }
    }

    private void handle(Exchange exchange) {
        RequestHead head = exchange.head();
        ApiResponse response;
        try {
            WorkLogApi a = api;
            if (a == null) {
                a = awaitReady();
            }
            if (a == null) {
                long start = System.nanoTime();
                response = ErrorResponses.starting();
                AccessLog.write(head.method(), head.path(), response.status(), start, System.nanoTime());
            } else if (draining) {
                response = WorkLogApi.shuttingDown(head.method(), head.path());
            } else {
                response = a.handle(new ApiRequest(head.method(), head.path(), head.rawQuery(), head.headers(),
                        exchange.body()));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure answering {} {}", head.method(), head.path(), e);
            response = ErrorResponses.transportError(500, "internal server error");
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
        boolean drained = awaitInFlight(System.nanoTime() + timeout.toNanos());
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

    private boolean awaitInFlight(long deadline) {
        synchronized (inFlightLock) {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    inFlightLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return inFlight == 0;
        }
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
}
