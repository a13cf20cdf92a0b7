package dev.worklog.rest;

/**
 * The variables of the REST API and its built-in server, read from the same configuration as the SDK's
 * ({@link dev.worklog.config.WorkLogConfig}: the environment and {@code ./.env}). The SDK's own variables are in
 * {@link dev.worklog.config.ConfigKeys}; the outbox's folder and durability ({@code WORKLOG_OUTBOX_DIR},
 * {@code WORKLOG_OUTBOX_DURABLE}) are core's, as the CLI's {@code outbox} commands read them too.
 */
public final class RestConfigKeys {
    /** The bearer token every route but {@code /health} requires; unset: the API is open. */
    public static final String API_AUTH_TOKEN = "API_AUTH_TOKEN";
    /** The server's TCP port (Render sets it); default 8000. */
    public static final String PORT = "PORT";
    /** The address the server listens on; default {@code 0.0.0.0}. */
    public static final String BIND = "WORKLOG_BIND";
    /** Worker threads of the server. */
    public static final String THREADS = "WORKLOG_SERVER_THREADS";
    /** Requests that may wait for a worker; beyond them, 503. */
    public static final String QUEUE = "WORKLOG_SERVER_QUEUE";
    /** How long shutdown waits for requests in flight. */
    public static final String SHUTDOWN_TIMEOUT = "WORKLOG_SHUTDOWN_TIMEOUT";
    /** The longest time from a request's first byte to the end of its head. */
    public static final String HEADER_TIMEOUT = "WORKLOG_SERVER_HEADER_TIMEOUT";
    /** The longest time from the end of a head to the end of its body, and to write an answer. */
    public static final String BODY_TIMEOUT = "WORKLOG_SERVER_BODY_TIMEOUT";
    /** How long an idle keep-alive connection stays open. */
    public static final String IDLE_TIMEOUT = "WORKLOG_SERVER_IDLE_TIMEOUT";
    /** The most connections open at once. */
    public static final String MAX_CONNECTIONS = "WORKLOG_SERVER_MAX_CONNECTIONS";
    /** The outbox's first wait after a failed background delivery (doubling per failure); default 2 s. */
    public static final String OUTBOX_BACKOFF = "WORKLOG_OUTBOX_BACKOFF";
    /** The outbox's longest wait between background deliveries; default 5 minutes. */
    public static final String OUTBOX_MAX_BACKOFF = "WORKLOG_OUTBOX_MAX_BACKOFF";

    private RestConfigKeys() {
    }
}
