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
 * </table>
 *
 * @param bind the address to listen on
 * @param port the port; 0 picks a free one (tests)
 * @param authToken the bearer token, or {@code null}
 * @param threads worker threads
 * @param queue requests that may wait for a worker
 * @param outboxDir the outbox folder
 * @param shutdownTimeout the longest wait for in-flight requests at shutdown
 */
public record ServerOptions(String bind, int port, String authToken, int threads, int queue, Path outboxDir,
        Duration shutdownTimeout) {
    /**
     * Worker threads unless configured: twice the CPUs, at least 4. More threads than that on a small machine only
     * make each request wait for a CPU inside the handler (measured: with 16 workers on 2 CPUs the p99 handling
     * time was 19.6 ms, with 4 it was 2.0 ms, and throughput rose); waiting requests queue instead.
     */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Queue length unless configured. */
    public static final int DEFAULT_QUEUE = 64;

    public ServerOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(outboxDir, "outboxDir");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        authToken = authToken == null || authToken.isBlank() ? null : authToken.strip();
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
        Path outbox = dev.worklog.outbox.Outbox.directory(config); // the CLI's `outbox` commands read the same
        Duration shutdown = config.getDuration("WORKLOG_SHUTDOWN_TIMEOUT", Duration.ofSeconds(8));
        String token = config.get(ConfigKeys.API_AUTH_TOKEN).orElse(null);
        if (token != null && token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigurationException(ConfigKeys.API_AUTH_TOKEN
                    + " must be printable ASCII without spaces (it travels in an HTTP header)");
        }
        return new ServerOptions(config.get("WORKLOG_BIND", "0.0.0.0"), port, token, threads, queue, outbox, shutdown);
    }
}
