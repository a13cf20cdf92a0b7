package dev.worklog.server;

import dev.worklog.WorkLogger;
import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.outbox.FlushResult;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.log.ExecutionLog;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the REST server from the environment ({@code ./worklog serve} runs this class). A bad configuration
 * fails at once with one line on stderr and exit status 1; SIGTERM (or Ctrl+C) shuts down gracefully.
 */
public final class Main {
    /** The Notion module's variable for the longest total wait of one call's retries. */
    static final String NOTION_RETRY_BUDGET = "NOTION_RETRY_BUDGET";
    /** The server's default for it; see {@link #start}. */
    static final String SERVER_NOTION_RETRY_BUDGET = "20s";

    private Main() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        configureLogging(System.getenv("LOG_LEVEL"));
        Running running;
        try {
            running = start(WorkLogConfig.fromEnvironment(), System.out);
        } catch (WorkLogException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("worklog server: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "worklog-shutdown"));
    }

    /**
     * Routes the access log and the SDK's warnings to stdout, one line each (containers collect stdout), unless
     * the user configured slf4j-simple otherwise. Done here and not in a properties file so that the CLI, which
     * has this module on its classpath, keeps stdout for its own output.
     */
    static void configureLogging(String level) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        // no timestamp: container platforms (Render, CloudWatch, Docker) stamp every line, and formatting a date
        // per access-log line costs more than the rest of the line
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false");
        // explicit, so that a simplelogger.properties elsewhere on the classpath cannot silence the access log
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel",
                level == null || level.isBlank() ? "info" : level.strip().toLowerCase(Locale.ROOT));
        setIfAbsent("org.slf4j.simpleLogger.log.access", "info");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Builds the SDK, the outbox and the server, and starts listening.
     *
     * @param out where start-up notes go
     * @throws WorkLogException (a configuration error naming the variable) when the configuration is bad
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static Running start(WorkLogConfig given, PrintStream out) {
        // A request must not wait out Notion's default 15-minute retry budget: after 20 s of retrying, a daily log
        // goes to the outbox (202) and is delivered in the background. An explicit setting wins.
        WorkLogConfig config = given.isSet(NOTION_RETRY_BUDGET) ? given
                : given.with(NOTION_RETRY_BUDGET, SERVER_NOTION_RETRY_BUDGET);
        ServerOptions options = ServerOptions.fromConfig(config);
        // bind on another core while the SDK (store, providers, Jackson) loads: start-up is mostly class loading
        java.util.concurrent.CompletableFuture<HttpApiServer> binding =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> HttpApiServer.bind(options));
        AtomicReference<Outbox> outbox = new AtomicReference<>();
        WorkLogger logger;
        try {
            java.time.Duration backoff = positive(config, "WORKLOG_OUTBOX_BACKOFF", java.time.Duration.ofSeconds(2));
            java.time.Duration maxBackoff = positive(config, "WORKLOG_OUTBOX_MAX_BACKOFF",
                    java.time.Duration.ofMinutes(5));
            boolean durable = Outbox.durable(config);
            logger = WorkLogger.builder().config(config).repositoryDecorator((repo, ctx) -> {
                outbox.set(Outbox.builder(options.outboxDir(), repo).clock(ctx.clock()).durableFolder(durable)
                        .initialBackoff(backoff).maxBackoff(maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff)
                        .executionLog(ctx.executionLog()).build());
                return outbox.get();
            }).build();
        } catch (RuntimeException e) {
            binding.thenAccept(HttpApiServer::close); // a bad configuration: give the port back
            throw e;
        }
        HttpApiServer server;
        ApiHandler handler;
        try {
            handler = new ApiHandler(logger, outbox.get(), options.authToken(), Clock.systemUTC());
            server = join(binding).start(handler);
        } catch (RuntimeException e) {
            logger.close();
            throw e;
        }
        outbox.get().start();
        Thread warmUp = new Thread(() -> {
            try {
                handler.awaitFirstRequest(java.time.Duration.ofSeconds(3));
                handler.warmUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worklog-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        logger.startupNotes().forEach(n -> out.println("note: " + n));
        if (options.authToken() == null) {
            out.println("WARNING: " + ConfigKeys.API_AUTH_TOKEN + " is not set: the API is open to anyone who can "
                    + "reach port " + server.port() + ". Set it in production.");
        }
        int pending = outbox.get().pending().size();
        String line = "worklog API listening on http://" + options.bind() + ":" + server.port() + " (store: "
                + logger.repository().describe() + "; auth " + (options.authToken() == null ? "off" : "on")
                + "; " + options.threads() + " workers, queue " + options.queue()
                + (pending > 0 ? "; " + pending + " queued entries to deliver" : "") + ")";
        out.println(line);
        out.flush();
        logger.executionLog().info(ExecutionLog.API_SERVER, line);
        return new Running(server, outbox.get(), logger, options);
    }

    private static java.time.Duration positive(WorkLogConfig config, String name, java.time.Duration fallback) {
        java.time.Duration d = config.getDuration(name, fallback);
        if (d.isZero()) {
            throw new dev.worklog.error.ConfigurationException(name + " must be longer than 0 s");
        }
        return d;
    }

    private static HttpApiServer join(java.util.concurrent.CompletableFuture<HttpApiServer> binding) {
        try {
            return binding.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the port is in use, or the address is wrong: as if bound on this thread
            }
            throw e;
        }
    }

    /** A started server; {@link #stop()} is what SIGTERM runs. */
    public static final class Running {
        private final HttpApiServer server;
        private final Outbox outbox;
        private final WorkLogger logger;
        private final ServerOptions options;

        Running(HttpApiServer server, Outbox outbox, WorkLogger logger, ServerOptions options) {
            this.server = server;
            this.outbox = outbox;
            this.logger = logger;
            this.options = options;
        }

        /** The port listened on. */
        public int port() {
            return server.port();
        }

        /** The outbox in front of the store. */
        public Outbox outbox() {
            return outbox;
        }

        /**
         * Graceful shutdown: stop taking requests, let those in flight finish (up to {@code WORKLOG_SHUTDOWN_TIMEOUT}),
         * try once more to deliver the outbox, close the store.
         */
        public synchronized void stop() {
            ExecutionLog log = logger.executionLog();
            boolean drained = server.shutdown(options.shutdownTimeout());
            String note = drained ? "all requests in flight finished" : "requests still in flight after "
                    + options.shutdownTimeout().toSeconds() + " s were cut off";
            try {
                FlushResult flushed = outbox.flush();
                note += "; outbox: " + flushed.delivered().size() + " delivered, " + flushed.remaining().size()
                        + " kept on disk for the next start";
            } catch (RuntimeException e) {
                note += "; outbox flush failed (" + e.getMessage() + "), entries kept on disk";
            }
            logger.close(); // closes the outbox, which closes the store
            log.info(ExecutionLog.API_SERVER, "API server stopped: " + note);
            System.out.println("worklog API stopped: " + note);
            System.out.flush();
        }
    }
}
