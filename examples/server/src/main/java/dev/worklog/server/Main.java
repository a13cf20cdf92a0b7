package dev.worklog.server;

import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.outbox.OutboxLocation;
import dev.worklog.log.ExecutionLog;
import dev.worklog.rest.ApiServer;
import dev.worklog.rest.RestConfigKeys;
import dev.worklog.rest.ServerOptions;
import dev.worklog.rest.WorkLogApi;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the REST server from the environment ({@code ./worklog serve} runs this class): the SDK's
 * {@link WorkLogApi} on its built-in {@link ApiServer}. A bad configuration fails at once with one line on stderr
 * and exit status 1; SIGTERM (or Ctrl+C) shuts down gracefully. Every execution-log line also goes to stdout, where
 * Docker, Render and CloudWatch show it ({@code LOG_FILE=-}: stdout only).
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
     * Builds the API (the SDK with the outbox in front of its store) and the server, and starts listening.
     *
     * @param out where start-up notes go, and a copy of every execution-log line (stdout)
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
        CompletableFuture<ApiServer> binding = CompletableFuture.supplyAsync(() -> ApiServer.bind(options));
        WorkLogApi api;
        try {
            api = WorkLogApi.builder().config(config)
                    .logger(WorkLogger.builder().config(config).executionLogCopy(out)).build();
        } catch (RuntimeException e) {
            binding.thenAccept(ApiServer::close); // a bad configuration: give the port back
            throw e;
        }
        ApiServer server;
        try {
            server = join(binding).start(api);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        api.start();
        api.logger().startupNotes().forEach(n -> out.println("note: " + n));
        OutboxLocation.leftInOldFolder(config).ifPresent(n -> out.println("note: " + n));
        if (!api.authEnabled()) {
            out.println("WARNING: " + RestConfigKeys.API_AUTH_TOKEN + " is not set: the API is open to anyone who can "
                    + "reach port " + server.port() + ". Set it in production.");
        }
        int pending = api.queuedEntries();
        String line = "worklog API listening on http://" + options.bind() + ":" + server.port() + " (store: "
                + api.logger().repository().describe() + "; auth " + (api.authEnabled() ? "on" : "off")
                + "; " + options.threads() + " workers, queue " + options.queue()
                + (pending > 0 ? "; " + pending + " queued entries to deliver" : "") + ")";
        // the execution log prints its copy of the line on stdout
        api.logger().executionLog().info(ExecutionLog.API_SERVER, line);
        api.logger().executionLog().info(ExecutionLog.API_SERVER, api.describeOutbox());
        out.flush();
        return new Running(server, api, options);
    }

    private static ApiServer join(CompletableFuture<ApiServer> binding) {
        try {
            return binding.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the port is in use, or the address is wrong: as if bound on this thread
            }
            throw e;
        }
    }

    /**
     * A started server; {@link #stop()} is what SIGTERM runs.
     *
     * @param server the listening server
     * @param api the API it serves (and the SDK behind it)
     * @param options the server's settings
     */
    public record Running(ApiServer server, WorkLogApi api, ServerOptions options) {
        /** The port listened on. */
        public int port() {
            return server.port();
        }

        /**
         * Graceful shutdown: stop taking requests, let those in flight finish (up to {@code WORKLOG_SHUTDOWN_TIMEOUT}),
         * try once more to deliver the outbox, close the store.
         */
        public synchronized void stop() {
            ExecutionLog log = api.logger().executionLog();
            boolean drained = server.shutdown(options.shutdownTimeout());
            String note = drained ? "all requests in flight finished" : "requests still in flight after "
                    + options.shutdownTimeout().toSeconds() + " s were cut off";
            try {
                int delivered = api.deliverQueued();
                note += "; outbox: " + delivered + " delivered, " + api.queuedEntries()
                        + " kept on disk for the next start";
            } catch (RuntimeException e) {
                note += "; outbox flush failed (" + e.getMessage() + "), entries kept on disk";
            }
            api.close(); // closes the outbox, which closes the store
            log.info(ExecutionLog.API_SERVER, "API server stopped: " + note); // on stdout too
        }
    }
}
