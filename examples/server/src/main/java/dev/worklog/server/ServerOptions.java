package dev.worklog.server;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's own settings, read from the same configuration as the SDK's.
 *
 * <table>
 * <caption>variables</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code PORT}</td><td>8000</td><td>TCP port (Render sets it)</td></tr>
 * <tr><td>{@code WORKLOG_BIND}</td><td>0.0.0.0</td><td>address to listen on</td></tr>
 * <tr><td>{@code API_AUTH_TOKEN}</td><td>unset</td><td>bearer token; unset means no auth (a warning at start)</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_THREADS}</td><td>16</td><td>worker threads</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_QUEUE}</td><td>64</td><td>requests waiting for a worker; beyond it, 503</td></tr>
 * <tr><td>{@code WORKLOG_OUTBOX_DIR}</td><td>{@code worklog-outbox}</td><td>the durable outbox folder</td></tr>
 * <tr><td>{@code WORKLOG_SHUTDOWN_TIMEOUT}</td><td>8s</td><td>how long shutdown waits for in-flight requests
 * (Docker's default stop grace is 10 s)</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_HEADER_TIMEOUT}</td><td>10s</td><td>a request head must arrive within this of its
 * first byte (else 408)</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_BODY_TIMEOUT}</td><td>20s</td><td>a body must arrive within this of its head (else
 * 408); also how long a client may take to read an answer</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_IDLE_TIMEOUT}</td><td>30s</td><td>an idle keep-alive connection is closed after
 * this</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_MAX_CONNECTIONS}</td><td>1000</td><td>open connections at most; more wait in the
 * backlog</td></tr>
 * </table>
 *
 * @param bind the address to listen on
 * @param port the port; 0 picks a free one (tests)
 * @param authToken the bearer token, or {@code null}
 * @param threads worker threads
 * @param queue requests that may wait for a worker
 * @param outboxDir the outbox folder
 * @param shutdownTimeout the longest wait for in-flight requests at shutdown
 * @param headerTimeout the longest time from a request's first byte to the end of its head
 * @param bodyTimeout the longest time from the end of a head to the end of its body (and to write an answer)
 * @param idleTimeout how long an idle keep-alive connection stays open
 * @param maxConnections the most connections open at once
 */
public record ServerOptions(String bind, int port, String authToken, int threads, int queue, Path outboxDir,
        Duration shutdownTimeout, Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout,
        int maxConnections) {
    /**
     * Worker threads unless configured: twice the CPUs, at least 4. More threads than that on a small machine only
     * make each request wait for a CPU inside the handler (measured: with 16 workers on 2 CPUs the p99 handling
     * time was 19.6 ms, with 4 it was 2.0 ms, and throughput rose); waiting requests queue instead.
     */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Queue length unless configured. */
    public static final int DEFAULT_QUEUE = 64;
    /** Time for a request head unless configured. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Time for a request body unless configured. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(20);
    /** Idle keep-alive time unless configured. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Open connections at most unless configured. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    public ServerOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(outboxDir, "outboxDir");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        positive(headerTimeout, "headerTimeout");
        positive(bodyTimeout, "bodyTimeout");
        positive(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        authToken = authToken == null || authToken.isBlank() ? null : authToken.strip();
    }

    /** Options with the default time-outs and connection bound. */
    public ServerOptions(String bind, int port, String authToken, int threads, int queue, Path outboxDir,
            Duration shutdownTimeout) {
        this(bind, port, authToken, threads, queue, outboxDir, shutdownTimeout, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** The same options with other transport time-outs and bound. */
    public ServerOptions withTransport(Duration header, Duration body, Duration idle, int connections) {
        return new ServerOptions(bind, port, authToken, threads, queue, outboxDir, shutdownTimeout, header, body,
                idle, connections);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigurationException naming the variable when one is invalid
     */
    public static ServerOptions fromConfig(WorkLogConfig config) {
        int port = config.getInt(ConfigKeys.PORT, 8000, 0, 65535);
        int threads = config.getInt("WORKLOG_SERVER_THREADS", DEFAULT_THREADS, 1, 1024);
        int queue = config.getInt("WORKLOG_SERVER_QUEUE", DEFAULT_QUEUE, 0, 100_000);
        Path outbox = dev.worklog.internal.outbox.Outbox.directory(config); // the CLI's `outbox` commands read the same
        Duration shutdown = config.getDuration("WORKLOG_SHUTDOWN_TIMEOUT", Duration.ofSeconds(8));
        String token = config.get(ConfigKeys.API_AUTH_TOKEN).orElse(null);
        if (token != null && token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigurationException(ConfigKeys.API_AUTH_TOKEN
                    + " must be printable ASCII without spaces (it travels in an HTTP header)");
        }
        Duration header = positiveConfig(config, "WORKLOG_SERVER_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT);
        Duration body = positiveConfig(config, "WORKLOG_SERVER_BODY_TIMEOUT", DEFAULT_BODY_TIMEOUT);
        Duration idle = positiveConfig(config, "WORKLOG_SERVER_IDLE_TIMEOUT", DEFAULT_IDLE_TIMEOUT);
        int connections = config.getInt("WORKLOG_SERVER_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 100_000);
        return new ServerOptions(config.get("WORKLOG_BIND", "0.0.0.0"), port, token, threads, queue, outbox, shutdown,
                header, body, idle, connections);
    }

    private static Duration positiveConfig(WorkLogConfig config, String name, Duration fallback) {
        Duration d = config.getDuration(name, fallback);
        if (d.isZero()) {
            throw new ConfigurationException(name + " must be longer than 0 s");
        }
        return d;
    }
}
