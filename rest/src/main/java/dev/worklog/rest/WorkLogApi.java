package dev.worklog.rest;

import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.internal.outbox.OutboxLocation;
import dev.worklog.review.JsonResumeBase;
import dev.worklog.rest.internal.AccessLog;
import dev.worklog.rest.internal.ApiDocs;
import dev.worklog.rest.internal.ApiError;
import dev.worklog.rest.internal.BearerAuth;
import dev.worklog.rest.internal.DailyLogRoute;
import dev.worklog.rest.internal.ErrorResponses;
import dev.worklog.rest.internal.HealthRoute;
import dev.worklog.rest.internal.ReviewRoute;
import dev.worklog.rest.internal.Router;
import dev.worklog.rest.internal.SummaryRoutes;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worklog REST API, transport-neutral: a function from {@link ApiRequest} to {@link ApiResponse} with no tie to
 * a server library. Mount it in any HTTP server by converting its request into an {@code ApiRequest} and the answer
 * back (the README shows Javalin and Spring), run it on the built-in {@link ApiServer}, or call it from an AWS Lambda
 * handler.
 *
 * <p>Routes: {@code GET|HEAD /health}, {@code POST /daily-logs}, {@code POST /weekly-summaries},
 * {@code POST /monthly-summaries}, {@code GET /openapi.json}, {@code GET /docs}. With a token, every route but
 * {@code /health} needs {@code Authorization: Bearer <token>}. Order of checks: authentication, route (404), method
 * (405 with {@code Allow}), size (413), content type (415), JSON and fields (400, every field error at once).
 * {@link #handle} never throws and never puts a stack trace or a secret in an answer; failures of the store or the
 * LLM become 502/503/504 with the upstream request id, and an accepted daily log the store cannot take now becomes
 * 202: it waits in a durable outbox in front of the store and is delivered later, once. Where the outbox's folder
 * is not durable (AWS Lambda, a tmpfs, a container's own layer: {@link Builder#durableOutbox}), such an entry is
 * answered 503 with {@code Retry-After} instead and nothing is written; the client retries with its key.
 *
 * <pre>{@code
 * try (WorkLogApi api = WorkLogApi.builder().config(WorkLogConfig.fromEnvironment()).build().start()) {
 *     ApiResponse r = api.handle(ApiRequest.builder("POST", "/daily-logs")
 *             .header("Content-Type", "application/json").body(json).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every answer writes an access-log line on the slf4j logger {@code access}.
 */
public final class WorkLogApi implements AutoCloseable {
    /**
     * The largest request body accepted: 1 MiB (413 beyond it), the same limit the CLI and the SDK's validator
     * apply. A binding should stop reading a body after this many bytes plus one.
     */
    public static final int MAX_BODY_BYTES = DailyLogCodec.MAX_BODY_BYTES;

    private final WorkLogger logger;
    private final Outbox outbox;
    private final OutboxLocation outboxLocation;
    private final BearerAuth auth;
    private final ErrorResponses errors;
    private final HealthRoute health;
    private final DailyLogRoute dailyLogs;
    private final Router router;
    /** Counted down by the first answer: the server's warm-up waits for it so as not to slow that one down. */
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    private WorkLogApi(WorkLogger logger, Outbox outbox, OutboxLocation location, String token, Clock clock,
            JsonResumeBase resume) {
        this.logger = logger;
        this.outbox = outbox;
        this.outboxLocation = location;
        this.auth = new BearerAuth(token);
        this.errors = new ErrorResponses(logger.executionLog(), auth.secrets());
        this.health = new HealthRoute(outbox, clock, auth, errors);
        this.dailyLogs = new DailyLogRoute(logger, outbox);
        SummaryRoutes summaries = new SummaryRoutes(logger, clock);
        ApiDocs docs = new ApiDocs();
        this.router = new Router(auth, HealthRoute.PATH)
                .route("GET", HealthRoute.PATH, health::handle)
                .route("HEAD", HealthRoute.PATH, health::handle)
                .route("POST", "/daily-logs", dailyLogs::handle)
                .route("POST", "/weekly-summaries", summaries::weekly)
                .route("POST", "/monthly-summaries", summaries::monthly)
                .route("POST", "/reviews", new ReviewRoute(logger, resume)::handle)
                .route("GET", "/openapi.json", docs::openApiDocument)
                .route("GET", "/docs", docs::docsPage);
    }

    /** A builder; everything not set comes from the configuration (by default empty: local store, no auth). */
    public static Builder builder() {
        return new Builder();
    }

    /** Answers one request; never throws. Writes the access-log line. */
    public ApiResponse handle(ApiRequest request) {
        long start = System.nanoTime();
        ApiResponse response;
        try {
            response = router.dispatch(request);
        } catch (ApiError e) {
            response = ErrorResponses.of(e);
        } catch (RuntimeException | Error e) {
            response = errors.failure(request, e);
        }
        AccessLog.write(request.method(), request.path(), response.status(), start, System.nanoTime());
        firstRequest.countDown();
        return response;
    }

    /** Every route, as {@code METHOD /path}, in documentation order. */
    public Set<String> routes() {
        return router.routes();
    }

    /** Whether a bearer token is required. */
    public boolean authEnabled() {
        return auth.enabled();
    }

    /** The SDK facade behind the API (its store is wrapped in the outbox). */
    public WorkLogger logger() {
        return logger;
    }

    /**
     * Starts delivering queued daily logs in the background: those queued by an earlier run are tried at once.
     *
     * @return this API
     */
    public WorkLogApi start() {
        outbox.start();
        return this;
    }

    /** Whether the outbox may queue (202) an entry the store cannot take now; else such an entry is answered 503. */
    public boolean durableOutbox() {
        return outboxLocation.durable();
    }

    /**
     * The outbox's folder, whether it is durable and why, and what a store outage is answered with: for the server's
     * start-up line.
     */
    public String describeOutbox() {
        return outboxLocation.describe();
    }

    /** Daily logs accepted (202) and not yet delivered to the store. */
    public int queuedEntries() {
        return outbox.pending().size();
    }

    /**
     * Tries once to deliver every queued daily log now (at shutdown, for example); those that still fail stay
     * queued on disk for the next start.
     *
     * @return how many were delivered
     */
    public int deliverQueued() {
        return outbox.flush().delivered().size();
    }

    /** Stops background delivery and closes the SDK (the outbox, then the store). */
    @Override
    public void close() {
        logger.close();
    }

    // --- for the built-in server (same package): its event loop's own answers and its warm-up ---

    /** The plain health check's answer, given without a worker; counts as the first request. */
    ApiResponse quickHealth() {
        firstRequest.countDown();
        return health.plain();
    }

    /** The answer while shutting down (503 with {@code Retry-After}), with its access-log line. */
    static ApiResponse shuttingDown(String method, String path) {
        long start = System.nanoTime();
        ApiResponse r = ErrorResponses.draining();
        AccessLog.write(method, path, r.status(), start, System.nanoTime());
        return r;
    }

    /** Waits until the first request was answered, at most {@code timeout}. */
    void awaitFirstRequest(Duration timeout) throws InterruptedException {
        firstRequest.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads and exercises what the first {@code POST} needs, without side effects. */
    void warmUp() {
        dailyLogs.warmUp();
    }

    /** The outbox in front of the store (tests look into it). */
    Outbox outbox() {
        return outbox;
    }

    /**
     * Builds a {@link WorkLogApi}: the SDK (from the configuration, or a {@link WorkLogger.Builder} given) with a
     * durable outbox in front of its store.
     */
    public static final class Builder {
        private WorkLogConfig config = WorkLogConfig.empty();
        private WorkLogger.Builder logger;
        private String token;
        private boolean tokenSet;
        private Path outboxDirectory;
        private Boolean durableOutbox;
        private Clock clock = Clock.systemUTC();
        private JsonResumeBase resume;

        private Builder() {
        }

        /**
         * Where unset parts come from: {@value RestConfigKeys#API_AUTH_TOKEN}, the outbox's variables
         * ({@code WORKLOG_OUTBOX_DIR}, {@code WORKLOG_OUTBOX_DURABLE}, {@value RestConfigKeys#OUTBOX_BACKOFF},
         * {@value RestConfigKeys#OUTBOX_MAX_BACKOFF}), {@code WORKLOG_RESUME_FILE} (the JSON Resume base of
         * {@code POST /reviews}), and, unless {@link #logger} is given, the SDK's.
         */
        public Builder config(WorkLogConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * How to build the SDK facade, for everything explicit (store, provider, clock, ...); by default
         * {@code WorkLogger.builder().config(config)}. The API puts its outbox in front of the builder's store
         * (with {@link WorkLogger.Builder#repositoryDecorator}), so do not set a decorator of your own.
         */
        public Builder logger(WorkLogger.Builder value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * The bearer token; {@code null} or blank means no auth. Skips {@value RestConfigKeys#API_AUTH_TOKEN}.
         *
         * @throws IllegalArgumentException when it is not printable ASCII without spaces
         */
        public Builder authToken(String value) {
            this.token = checkToken(value, m -> new IllegalArgumentException("the auth token" + m));
            this.tokenSet = true;
            return this;
        }

        /** The outbox folder; skips {@code WORKLOG_OUTBOX_DIR} (default {@code outbox} under {@code WORKLOG_DATA_DIR}). */
        public Builder outboxDirectory(Path value) {
            this.outboxDirectory = Objects.requireNonNull(value, "outboxDirectory");
            return this;
        }

        /**
         * Whether the outbox folder outlives the process and the machine, so that an entry the store cannot take now
         * may be answered 202 and delivered later; skips {@code WORKLOG_OUTBOX_DURABLE} (default {@code auto}: not on
         * AWS Lambda, a tmpfs or a container's own writable layer). When it does not, such an entry is answered 503
         * with {@code Retry-After} and nothing is written: the client's retry with its {@code Idempotency-Key} is
         * the durable path.
         */
        public Builder durableOutbox(boolean value) {
            this.durableOutbox = value;
            return this;
        }

        /** The clock of {@code /health} timestamps (the outbox's is the SDK's). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The JSON Resume document (basics, roles) that {@code POST /reviews} with {@code "format": "json-resume"}
         * adds the achievements to; skips {@code WORKLOG_RESUME_FILE}. Default: that file, read once by
         * {@link #build()}, or none (one entry for the period).
         */
        public Builder resumeBase(JsonResumeBase value) {
            this.resume = Objects.requireNonNull(value, "resumeBase");
            return this;
        }

        /**
         * Builds the SDK (store, providers) and opens the outbox; nothing is delivered until {@link #start()}.
         *
         * @throws ConfigurationException naming the variable when the configuration is incomplete or wrong
         */
        public WorkLogApi build() {
            String authToken = tokenSet ? token : checkToken(config.get(RestConfigKeys.API_AUTH_TOKEN).orElse(null),
                    m -> new ConfigurationException(RestConfigKeys.API_AUTH_TOKEN + m));
            OutboxLocation found = outboxDirectory != null ? OutboxLocation.of(config, outboxDirectory)
                    : OutboxLocation.of(config);
            OutboxLocation location = durableOutbox == null ? found : new OutboxLocation(found.directory(),
                    durableOutbox, "set in code");
            JsonResumeBase resumeBase = resume != null ? resume : JsonResumeBase.fromConfig(config);
            Path dir = location.directory();
            boolean durable = location.durable();
            Duration backoff = positive(RestConfigKeys.OUTBOX_BACKOFF, Duration.ofSeconds(2));
            Duration maxBackoff = positive(RestConfigKeys.OUTBOX_MAX_BACKOFF, Duration.ofMinutes(5));
            AtomicReference<Outbox> outbox = new AtomicReference<>();
            WorkLogger.Builder b = logger != null ? logger : WorkLogger.builder().config(config);
            WorkLogger built = b.repositoryDecorator((WorkLogRepository repo, SpiContext ctx) -> {
                outbox.set(Outbox.builder(dir, repo).clock(ctx.clock()).durableFolder(durable).initialBackoff(backoff)
                        .maxBackoff(maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff)
                        .executionLog(ctx.executionLog()).build());
                return outbox.get();
            }).build();
            return new WorkLogApi(built, outbox.get(), location, authToken, clock, resumeBase);
        }

        private Duration positive(String name, Duration fallback) {
            Duration d = config.getDuration(name, fallback);
            if (d.isZero()) {
                throw new ConfigurationException(name + " must be longer than 0 s");
            }
            return d;
        }

        /** A token travels in an HTTP header: printable ASCII without spaces; blank means none. */
        private static <E extends RuntimeException> String checkToken(String value,
                java.util.function.Function<String, E> error) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw error.apply(" must be printable ASCII without spaces (it travels in an HTTP header)");
            }
            return value;
        }
    }
}
