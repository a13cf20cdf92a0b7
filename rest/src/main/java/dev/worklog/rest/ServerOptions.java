package dev.worklog.rest;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The built-in server's settings ({@link ApiServer}), read from the same configuration as the SDK's with
 * {@link #fromConfig} or set with {@link #builder()}.
 *
 * <table>
 * <caption>variables</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code PORT}</td><td>8000</td><td>TCP port (Render sets it)</td></tr>
 * <tr><td>{@code WORKLOG_BIND}</td><td>0.0.0.0</td><td>address to listen on</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_THREADS}</td><td>twice the CPUs, at least 4</td><td>worker threads</td></tr>
 * <tr><td>{@code WORKLOG_SERVER_QUEUE}</td><td>64</td><td>requests waiting for a worker; beyond it, 503</td></tr>
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
 * @param threads worker threads
 * @param queue requests that may wait for a worker
 * @param shutdownTimeout the longest wait for in-flight requests at shutdown
 * @param headerTimeout the longest time from a request's first byte to the end of its head
 * @param bodyTimeout the longest time from the end of a head to the end of its body (and to write an answer)
 * @param idleTimeout how long an idle keep-alive connection stays open
 * @param maxConnections the most connections open at once
 */
public record ServerOptions(String bind, int port, int threads, int queue, Duration shutdownTimeout,
        Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {
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
        if (port < 0 || port > 65535 || threads < 1 || queue < 0 || maxConnections < 1) {
            throw new IllegalArgumentException("port must be 0-65535, threads and maxConnections at least 1, queue "
                    + "at least 0");
        }
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        positive(headerTimeout, "headerTimeout");
        positive(bodyTimeout, "bodyTimeout");
        positive(idleTimeout, "idleTimeout");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigurationException naming the variable when one is invalid
     */
    public static ServerOptions fromConfig(WorkLogConfig config) {
        return builder().port(config.getInt(RestConfigKeys.PORT, 8000, 0, 65535))
                .threads(config.getInt(RestConfigKeys.THREADS, DEFAULT_THREADS, 1, 1024))
                .queue(config.getInt(RestConfigKeys.QUEUE, DEFAULT_QUEUE, 0, 100_000))
                .shutdownTimeout(config.getDuration(RestConfigKeys.SHUTDOWN_TIMEOUT, Duration.ofSeconds(8)))
                .headerTimeout(positive(config, RestConfigKeys.HEADER_TIMEOUT, Builder.HEADER_TIMEOUT))
                .bodyTimeout(positive(config, RestConfigKeys.BODY_TIMEOUT, Builder.BODY_TIMEOUT))
                .idleTimeout(positive(config, RestConfigKeys.IDLE_TIMEOUT, Builder.IDLE_TIMEOUT))
                .maxConnections(config.getInt(RestConfigKeys.MAX_CONNECTIONS, Builder.MAX_CONNECTIONS, 1, 100_000))
                .bind(config.get(RestConfigKeys.BIND, "0.0.0.0")).build();
    }

    private static Duration positive(WorkLogConfig config, String name, Duration fallback) {
        Duration d = config.getDuration(name, fallback);
        if (d.isZero()) {
            throw new ConfigurationException(name + " must be longer than 0 s");
        }
        return d;
    }

    /** Builds {@link ServerOptions}; every setting has a default. */
    public static final class Builder {
        static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
        static final Duration BODY_TIMEOUT = Duration.ofSeconds(20);
        static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
        static final int MAX_CONNECTIONS = 1000;

        private String bind = "0.0.0.0";
        private int port = 8000;
        private int threads = DEFAULT_THREADS;
        private int queue = DEFAULT_QUEUE;
        private Duration shutdownTimeout = Duration.ofSeconds(8);
        private Duration headerTimeout = HEADER_TIMEOUT;
        private Duration bodyTimeout = BODY_TIMEOUT;
        private Duration idleTimeout = IDLE_TIMEOUT;
        private int maxConnections = MAX_CONNECTIONS;

        private Builder() {
        }

        /** The address to listen on (default {@code 0.0.0.0}). */
        public Builder bind(String value) {
            this.bind = value;
            return this;
        }

        /** The port (default 8000; 0 picks a free one). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Worker threads (default {@link #DEFAULT_THREADS}). */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** Requests that may wait for a worker (default {@link #DEFAULT_QUEUE}; 0: none). */
        public Builder queue(int value) {
            this.queue = value;
            return this;
        }

        /** The longest wait for in-flight requests at shutdown (default 8 s). */
        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        /** The longest time for a request head (default 10 s). */
        public Builder headerTimeout(Duration value) {
            this.headerTimeout = value;
            return this;
        }

        /** The longest time for a request body, and to write an answer (default 20 s). */
        public Builder bodyTimeout(Duration value) {
            this.bodyTimeout = value;
            return this;
        }

        /** How long an idle keep-alive connection stays open (default 30 s). */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** The most connections open at once (default 1000). */
        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when a value is out of range
         */
        public ServerOptions build() {
            return new ServerOptions(bind, port, threads, queue, shutdownTimeout, headerTimeout, bodyTimeout,
                    idleTimeout, maxConnections);
        }
    }
}
