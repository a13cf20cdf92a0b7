package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.WorkLogger;
import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.Redaction;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.log.ExecutionLog;
import dev.worklog.server.ApiHandler;
import dev.worklog.server.ApiRequest;
import dev.worklog.server.ApiResponse;
import dev.worklog.server.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The AWS Lambda entry point: {@code dev.worklog.lambda.LambdaHandler::handleRequest}.
 *
 * <p>No AWS library is needed. The Java managed runtime loads a handler given as {@code package.Class::method}
 * without the class implementing any interface, and a public method taking {@code (InputStream, OutputStream)}
 * receives the raw event bytes and writes the raw response ("Handler formats", AWS Lambda Developer Guide,
 * https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html; the runtime's {@code EventHandlerLoader} accepts
 * stream methods with or without a trailing {@code Context}, see github.com/aws/aws-lambda-java-libs). That keeps
 * the jar free of the AWS SDK and lets us parse events with the Jackson we already ship.
 *
 * <p>Three kinds of invocation:
 * <ul>
 * <li>API Gateway HTTP API events (payload format 2.0): passed to the server's {@link ApiHandler}, the same code
 * the REST server runs, so routes, auth, validation, limits and error bodies are identical;</li>
 * <li>scheduled roll-ups from EventBridge ({@code {"worklog": "weekly"}} or the scheduled-event shape, see
 * {@link ScheduledEvents}): run as {@code POST /weekly-summaries} / {@code POST /monthly-summaries} through the same
 * handler; a failure fails the invocation so that EventBridge retries it and the Errors metric shows it;</li>
 * <li>anything else: an invocation error naming what was expected.</li>
 * </ul>
 *
 * <p>The SDK is built once per execution environment, in the constructor (Lambda's init phase). A bad
 * configuration does not crash every cold start: requests are answered {@code 503} with a generic message and the
 * real one (which names the variable) is printed to the function's log. Writable state goes to {@code /tmp}
 * unless configured: the execution log, the outbox and the local store.
 */
public final class LambdaHandler {
    /** Where files go on Lambda when their variables are unset: {@code /tmp} is the only writable folder. */
    static final Map<String, String> LAMBDA_DEFAULTS = Map.of(
            ConfigKeys.LOG_FILE, "/tmp/logs/execution.log",
            "WORKLOG_OUTBOX_DIR", "/tmp/worklog-outbox",
            // /tmp goes with the execution environment: refuse (503) rather than promise a delivery (202)
            Outbox.DURABLE_VARIABLE, "false",
            ConfigKeys.WORKLOG_DATA_DIR, "/tmp/worklog-data");

    private final ApiHandler api;
    private final String startupError;
    private final String authToken;
    private final WorkLogger logger;
    private final ExecutionLogTail tail;
    private final PrintStream log;

    /** Used by the Lambda runtime: configuration from the environment. */
    public LambdaHandler() {
        this(withLambdaDefaults(environmentOrNull()), Clock.systemUTC(), System.out);
    }

    /**
     * Builds the handler from a configuration.
     *
     * @param config the configuration, or {@code null} when even reading it failed
     * @param clock the clock of timestamps and of "today" for scheduled runs
     * @param log where start-up problems and the execution log's new lines are printed (Lambda: stdout)
     */
    LambdaHandler(WorkLogConfig config, Clock clock, PrintStream log) {
        configureLogging(config);
        this.log = log;
        ApiHandler handler = null;
        String error = null;
        WorkLogger built = null;
        String token = null;
        ExecutionLogTail logTail = new ExecutionLogTail(null, log);
        try {
            Objects.requireNonNull(config, "the configuration could not be read");
            ServerOptions options = ServerOptions.fromConfig(config);
            token = options.authToken();
            AtomicReference<Outbox> outbox = new AtomicReference<>();
            boolean durable = Outbox.durable(config);
            built = WorkLogger.builder().config(config).clock(clock).repositoryDecorator((repo, ctx) -> {
                outbox.set(Outbox.builder(options.outboxDir(), repo).clock(ctx.clock()).durableFolder(durable)
                        .executionLog(ctx.executionLog()).build());
                return outbox.get();
            }).build();
            handler = new ApiHandler(built, outbox.get(), token, clock);
            outbox.get().start();
            logTail = new ExecutionLogTail(built.executionLog().file(), log);
            built.startupNotes().forEach(n -> log.println("note: " + n));
            if (token == null) {
                log.println("WARNING: " + ConfigKeys.API_AUTH_TOKEN + " is not set: the API is open to anyone who can "
                        + "reach it. Set it in production.");
            }
            built.executionLog().info(ExecutionLog.API_SERVER, "worklog API on AWS Lambda ready (store: "
                    + built.repository().describe() + "; auth " + (token == null ? "off" : "on") + ")");
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            error = config == null ? message : Redaction.redact(message, config.secretValues());
            log.println("worklog lambda: cannot start: " + error);
            if (built != null) {
                built.close();
                built = null;
            }
            handler = null;
        }
        log.flush();
        this.api = handler;
        this.startupError = error;
        this.authToken = token;
        this.logger = built;
        this.tail = logTail;
        logTail.flush();
    }

    /**
     * Handles one invocation: reads the event from {@code input}, writes the response to {@code output}.
     *
     * @throws IOException when the event cannot be read or the response cannot be written
     * @throws IllegalArgumentException for an event that is neither an HTTP API request nor a roll-up, and for a
     *     roll-up that failed (so that the invocation is marked failed and retried)
     */
    public void handleRequest(InputStream input, OutputStream output) throws IOException {
        try {
            JsonNode event = Json.MAPPER.readTree(input);
            if (event == null || !event.isObject()) {
                throw new IllegalArgumentException("the event is not a JSON object");
            }
            ObjectNode response = handle(event);
            output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
            output.flush();
        } finally {
            tail.flush();
        }
    }

    private ObjectNode handle(JsonNode event) {
        if (HttpApiEvents.isHttpApiV2(event)) {
            ApiRequest request;
            try {
                request = HttpApiEvents.toRequest(event);
            } catch (IllegalArgumentException e) {
                return HttpApiEvents.toEvent(error(400, "the request body is not valid base64"));
            }
            return HttpApiEvents.toEvent(api == null ? unavailable() : api.handle(request));
        }
        Optional<ScheduledEvents.Kind> kind = ScheduledEvents.kind(event);
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("unsupported event: expected an API Gateway HTTP API event (payload "
                    + "format 2.0), an EventBridge scheduled event, or {\"worklog\": \"weekly\"|\"monthly\"}");
        }
        if (api == null) {
            throw new IllegalStateException("worklog lambda cannot start: " + startupError);
        }
        LocalDate today = logger.today();
        ApiResponse response = api.handle(ScheduledEvents.toRequest(kind.get(), event, today, authToken));
        ObjectNode out = HttpApiEvents.toEvent(response);
        if (response.status() >= 400) {
            // fail the invocation: EventBridge retries it (reruns are safe, roll-ups are upserted) and CloudWatch
            // counts it as an error
            throw new IllegalStateException(kind.get().name().toLowerCase(java.util.Locale.ROOT) + " roll-up failed: "
                    + response.status() + " " + response.bodyText());
        }
        return out;
    }

    private static ApiResponse unavailable() {
        return error(503, "the service is not configured correctly; see the function's log");
    }

    private static ApiResponse error(int status, String detail) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("detail", detail);
        n.putArray("errors");
        return new ApiResponse(status, Map.of("Content-Type", "application/json"),
                Json.write(n).getBytes(StandardCharsets.UTF_8));
    }

    /** The environment with Lambda's writable defaults; {@code null} when it cannot be read (reported at start). */
    private static WorkLogConfig environmentOrNull() {
        try {
            return WorkLogConfig.fromEnvironment();
        } catch (RuntimeException e) {
            System.out.println("worklog lambda: cannot read the configuration: " + e.getMessage());
            return null;
        }
    }

    /** Fills in {@link #LAMBDA_DEFAULTS} for the variables that are unset. */
    static WorkLogConfig withLambdaDefaults(WorkLogConfig config) {
        if (config == null) {
            return null;
        }
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
     * every line), at {@code LOG_LEVEL}. Set before the first logger is created; user settings win.
     */
    private static void configureLogging(WorkLogConfig config) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false");
        String level = config == null ? null : config.get(ConfigKeys.LOG_LEVEL).orElse(null);
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel",
                level == null ? "info" : level.toLowerCase(java.util.Locale.ROOT));
        // explicit, as the server does, so that a simplelogger.properties on the class path cannot silence it
        setIfAbsent("org.slf4j.simpleLogger.log.access", "info");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The routes the handler serves, as {@code METHOD /path} (empty when it could not start). */
    java.util.Set<String> routes() {
        return api == null ? java.util.Set.of() : api.routes();
    }

    /** The execution log file, for tests. */
    Path executionLogFile() {
        return logger == null ? null : logger.executionLog().file();
    }
}
