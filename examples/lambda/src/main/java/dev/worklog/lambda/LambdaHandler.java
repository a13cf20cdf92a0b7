package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.WorkLogger;
import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.http.Redaction;
import dev.worklog.log.ExecutionLog;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import dev.worklog.rest.RestConfigKeys;
import dev.worklog.rest.WorkLogApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Lambda entry point: {@code dev.worklog.lambda.LambdaHandler::handleRequest}. No AWS library is needed: the
 * Java managed runtime calls a public {@code (InputStream, OutputStream)} method of a class given as
 * {@code package.Class::method} with the raw event bytes ("Handler formats", AWS Lambda Developer Guide).
 *
 * <p>API Gateway HTTP API events ({@link Events}) are answered by the SDK's {@link WorkLogApi}, the same code
 * the REST server runs; scheduled roll-ups run through it as {@code POST} requests, and a
 * failed one fails the invocation (EventBridge retries it, the Errors metric shows it). The SDK is built once per
 * execution environment, in Lambda's init phase; a bad configuration does not crash every cold start: requests get
 * 503 with a generic message and the real one (naming the variable) is printed to the function's log. Writable state
 * goes to {@code /tmp} unless configured. Every execution-log line is printed to stdout as it is written, which
 * Lambda sends to CloudWatch; by default there is no log file ({@code LOG_FILE=-}), as {@code /tmp} would not keep
 * it. The outbox is not durable here ({@code WORKLOG_OUTBOX_DURABLE=auto} sees {@code AWS_LAMBDA_FUNCTION_NAME}): a
 * daily log the store cannot take now is answered 503 with {@code Retry-After}, and the client retries with its key.
 */
public final class LambdaHandler {
    /**
     * Defaults on Lambda for unset variables: the execution log on stdout only (CloudWatch keeps it; {@code /tmp}
     * would not), and {@code /tmp}, the only writable folder, for the rest (the outbox under the data folder).
     */
    static final Map<String, String> LAMBDA_DEFAULTS = Map.of(
            ConfigKeys.LOG_FILE, ExecutionLog.CONSOLE_ONLY,
            ConfigKeys.WORKLOG_DATA_DIR, "/tmp/worklog-data");
    static final ObjectMapper JSON = new ObjectMapper();

    private final WorkLogApi api;
    private final String startupError;
    private final String authToken;

    /** Used by the Lambda runtime: configuration from the environment. */
    public LambdaHandler() {
        this(environment(), Clock.systemUTC(), System.out);
    }

    /**
     * @param config the configuration, or {@code null} when even reading it failed
     * @param clock the clock of timestamps and of "today" for scheduled runs
     * @param log where start-up problems and every execution-log line are printed (Lambda: stdout)
     */
    LambdaHandler(WorkLogConfig config, Clock clock, PrintStream log) {
        configureLogging(config == null ? null : config.get(ConfigKeys.LOG_LEVEL).orElse(null));
        WorkLogApi built = null;
        String error = null;
        try {
            Objects.requireNonNull(config, "the configuration could not be read");
            built = WorkLogApi.builder().config(config).clock(clock)
                    .logger(WorkLogger.builder().config(config).clock(clock).executionLogCopy(log)).build().start();
            built.logger().startupNotes().forEach(n -> log.println("note: " + n));
            if (!built.authEnabled()) {
                log.println("WARNING: " + RestConfigKeys.API_AUTH_TOKEN + " is not set: the API is open to anyone "
                        + "who can reach it. Set it in production.");
            }
            built.logger().executionLog().info(ExecutionLog.API_SERVER, "worklog API on AWS Lambda ready (store: "
                    + built.logger().repository().describe() + "; auth " + (built.authEnabled() ? "on" : "off") + "; "
                    + built.describeOutbox() + ")");
        } catch (RuntimeException e) {
            error = Redaction.redact(e.getMessage() == null ? e.toString() : e.getMessage(),
                    config == null ? Set.of() : config.secretValues());
            log.println("worklog lambda: cannot start: " + error);
            if (built != null) {
                built.close();
                built = null;
            }
        }
        log.flush();
        this.api = built;
        this.startupError = error;
        // the API accepted the token, so it is printable ASCII; scheduled runs send it as a client would
        this.authToken = built == null || !built.authEnabled() ? null
                : config.get(RestConfigKeys.API_AUTH_TOKEN).orElse(null);
    }

    /**
     * Handles one invocation: reads the event from {@code input}, writes the response to {@code output}.
     *
     * @throws IllegalArgumentException for an event that is neither an HTTP API request nor a roll-up
     * @throws IllegalStateException for a roll-up that failed (so that the invocation is marked failed and retried)
     */
    public void handleRequest(InputStream input, OutputStream output) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        output.write(JSON.writeValueAsBytes(handle(event)));
        output.flush();
    }

    private ObjectNode handle(JsonNode event) {
        if (Events.isHttpApiV2(event)) {
            ApiRequest request;
            try {
                request = Events.toRequest(event);
            } catch (IllegalArgumentException e) {
                return Events.toEvent(ApiResponse.error(400, "the request body is not valid base64"));
            }
            return Events.toEvent(api == null
                    ? ApiResponse.error(503, "the service is not configured correctly; see the function's log")
                    : api.handle(request));
        }
        Optional<Events.Kind> kind = Events.scheduledKind(event);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("unsupported event: expected an API Gateway HTTP API event (payload "
                    + "format 2.0), an EventBridge scheduled event, or {\"worklog\": \"weekly\"|\"monthly\"}");
        }
        if (api == null) {
            throw new IllegalStateException("worklog lambda cannot start: " + startupError);
        }
        ApiResponse response = api.handle(Events.scheduledRequest(kind.get(), event, authToken));
        if (response.status() >= 400) {
            // fail the invocation: EventBridge retries it (roll-ups are upserted) and CloudWatch counts an error
            throw new IllegalStateException(kind.get().name().toLowerCase(Locale.ROOT) + " roll-up failed: "
                    + response.status() + " " + response.bodyText());
        }
        return Events.toEvent(response);
    }

    /** The environment with {@link #LAMBDA_DEFAULTS}; {@code null} when it cannot be read (reported at start). */
    private static WorkLogConfig environment() {
        try {
            return withLambdaDefaults(WorkLogConfig.fromEnvironment());
        } catch (RuntimeException e) {
            System.out.println("worklog lambda: cannot read the configuration: " + e.getMessage());
            return null;
        }
    }

    /** Fills in {@link #LAMBDA_DEFAULTS} for the variables that are unset. */
    static WorkLogConfig withLambdaDefaults(WorkLogConfig config) {
        WorkLogConfig out = config;
        for (Map.Entry<String, String> e : LAMBDA_DEFAULTS.entrySet()) {
            if (!out.isSet(e.getKey())) {
                out = out.with(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * The access log and the SDK's warnings go to stdout, one line each and without a timestamp (CloudWatch stamps
     * every line), at {@code LOG_LEVEL}, as the server sends them (a simplelogger.properties on the class path cannot
     * silence the access log). Set before the first logger is created; user settings win.
     */
    private static void configureLogging(String level) {
        Map.of("org.slf4j.simpleLogger.logFile", "System.out", "org.slf4j.simpleLogger.showThreadName", "false",
                "org.slf4j.simpleLogger.showDateTime", "false", "org.slf4j.simpleLogger.log.access", "info",
                "org.slf4j.simpleLogger.defaultLogLevel", level == null ? "info" : level.toLowerCase(Locale.ROOT))
                .forEach(System.getProperties()::putIfAbsent);
    }

    /** The routes the handler serves, as {@code METHOD /path} (empty when it could not start). */
    Set<String> routes() {
        return api == null ? Set.of() : api.routes();
    }
}
