package dev.worklog.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.LogResult;
import dev.worklog.MonthlyResult;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.error.CircuitOpenException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.FieldError;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.ValidationException;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.Hashes;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.Redaction;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.internal.json.StrictJson;
import dev.worklog.internal.outbox.IdempotencyConflictException;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.internal.outbox.OutboxException;
import dev.worklog.internal.outbox.QueuedException;
import dev.worklog.internal.outbox.Submission;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Period;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole REST API as a function from {@link ApiRequest} to {@link ApiResponse}, with no tie to a server
 * library: {@link HttpApiServer} binds it to the JDK HTTP server, and a serverless adapter can bind it to AWS
 * Lambda events without a second implementation.
 *
 * <p>Order of checks: authentication (every route but {@code /health}, so that unauthenticated callers cannot
 * probe which routes exist), route (404), method (405 with {@code Allow}), size (413), content type (415), JSON and
 * fields (400). {@link #handle} never throws and never puts a stack trace in a response; failures of the store or
 * the LLM become 502/503/504 with the upstream request id, and an accepted entry the store cannot take now becomes
 * 202 (queued in the {@link Outbox}).
 *
 * <p>Thread-safe.
 */
public final class ApiHandler {
    /** The largest request body accepted: 1 MiB, the same limit the CLI and the SDK's validator apply. */
    public static final int MAX_BODY_BYTES = dev.worklog.internal.json.DailyLogCodec.MAX_BODY_BYTES;
    /** Seconds a shed or draining request is told to wait ({@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    /** Longest period a weekly run may cover; longer ones are surely a typo and would cost many tokens. */
    private static final int MAX_PERIOD_DAYS = 31;

    static final Map<String, StrictJson.Type> WEEKLY_FIELDS = fields(
            "start_date", StrictJson.Type.STRING, "end_date", StrictJson.Type.STRING,
            "week", StrictJson.Type.STRING, "status", StrictJson.Type.STRING_ARRAY,
            "dry_run", StrictJson.Type.BOOLEAN, "force", StrictJson.Type.BOOLEAN);
    static final Map<String, StrictJson.Type> MONTHLY_FIELDS = fields(
            "month", StrictJson.Type.STRING, "status", StrictJson.Type.STRING_ARRAY,
            "dry_run", StrictJson.Type.BOOLEAN, "force", StrictJson.Type.BOOLEAN);

    private final WorkLogger logger;
    private final Outbox outbox;
    private final byte[] tokenDigest;
    private final Clock clock;
    private final ExecutionLog executionLog;
    private final Set<String> secrets;
    /** path -> method -> handler, in the order the routes are documented. */
    private final Map<String, Map<String, Function<ApiRequest, ApiResponse>>> routes = new LinkedHashMap<>();
    /** Counted down by the first request: the warm-up waits for it so as not to slow that one down. */
    private final java.util.concurrent.CountDownLatch firstRequest = new java.util.concurrent.CountDownLatch(1);
    private volatile byte[] openApi;
    private volatile byte[] docs;

    /**
     * @param logger the SDK facade all behaviour comes from
     * @param outbox the outbox in front of {@code logger.repository()}; daily logs are submitted through it so that
     *     an unreachable store means 202 instead of a lost entry, and {@code Idempotency-Key} is honoured
     * @param authToken the bearer token every route but {@code /health} requires, or {@code null} for no auth
     * @param clock the clock of {@code /health} timestamps
     */
    public ApiHandler(WorkLogger logger, Outbox outbox, String authToken, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tokenDigest = authToken == null || authToken.isEmpty() ? null : Hashes.sha256(authToken);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executionLog = logger.executionLog();
        this.secrets = authToken == null || authToken.isEmpty() ? Set.of() : Set.of(authToken);
        route("GET", "/health", this::health);
        route("HEAD", "/health", this::health);
        route("POST", "/daily-logs", this::dailyLog);
        route("POST", "/weekly-summaries", this::weekly);
        route("POST", "/monthly-summaries", this::monthly);
        route("GET", "/openapi.json", this::openApiDocument);
        route("GET", "/docs", this::docsPage);
    }

    private void route(String method, String path, Function<ApiRequest, ApiResponse> handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    }

    /** Every route, as {@code METHOD /path}, for documentation checks. */
    public Set<String> routes() {
        Set<String> out = new LinkedHashSet<>();
        routes.forEach((path, methods) -> methods.keySet().forEach(m -> out.add(m + " " + path)));
        return out;
    }

    /** Whether a bearer token is required. */
    public boolean authEnabled() {
        return tokenDigest != null;
    }

    /**
     * Loads and exercises what the first {@code POST} needs (Jackson, the validator) without side effects: no
     * store, no log line. Main runs it on a background thread after the first request (or a few seconds), so
     * start-up and the first health check are not delayed, and the first real request is not the slow one.
     */
    public void warmUp() {
        try {
            DailyLogCodec.Reading body = DailyLogCodec.read(("{\"title\":\"warm-up\",\"context\":\"### Situation\\nx\","
                    + "\"category\":\"" + logger.logOptions().categories().get(0) + "\",\"impact_level\":\"Low\","
                    + "\"tech_stack\":[\"Java\"]}").getBytes(StandardCharsets.UTF_8));
            LogResult checked = logger.check(body.orThrow());
            Json.write(DailyLogCodec.write(checked.log()));
        } catch (RuntimeException e) {
            LOG.debug("warm-up failed (harmless): {}", e.toString());
        }
    }

    /** Answers one request; never throws. Writes the access-log line. */
    public ApiResponse handle(ApiRequest request) {
        long start = System.nanoTime();
        ApiResponse response;
        try {
            response = dispatch(request);
        } catch (ApiError e) {
            response = error(e.status, e.getMessage(), e.errors, e.headers, null);
        } catch (RuntimeException | Error e) {
            response = failure(request, e);
        }
        access(request.method(), request.path(), response.status(), start);
        firstRequest.countDown();
        return response;
    }

    /**
     * Waits until the first request was answered, at most {@code timeout}: platforms poll {@code /health} right
     * after start, and that answer should not share the CPU with the warm-up.
     */
    public void awaitFirstRequest(java.time.Duration timeout) throws InterruptedException {
        firstRequest.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The answer when the worker pool and its queue are full, without an access-log line (the transport logs). */
    static ApiResponse busyResponse() {
        return ApiResponse.json(503, "{\"detail\":\"the server is busy; retry after " + RETRY_AFTER_SECONDS
                + " s\",\"errors\":[]}", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS), "Connection",
                        "close"));
    }

    /** The answer while shutting down, without an access-log line (the transport logs). */
    static ApiResponse drainingResponse() {
        return ApiResponse.json(503, "{\"detail\":\"the server is shutting down; retry after " + RETRY_AFTER_SECONDS
                + " s\",\"errors\":[]}", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS), "Connection",
                        "close"));
    }

    /**
     * The answer to a request the transport could not read (malformed, too large, too slow): always a 4xx, the
     * error body of every other answer, and the connection closes.
     */
    static ApiResponse transportError(int status, String detail) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("detail", detail);
        n.putArray("errors");
        return ApiResponse.json(status, Json.write(n), Map.of("Connection", "close"));
    }

    /** The answer while shutting down: 503 with {@code Retry-After}, so clients go to another instance. */
    public ApiResponse shuttingDown(String method, String path) {
        long start = System.nanoTime();
        ApiResponse r = error(503, "the server is shutting down; retry after " + RETRY_AFTER_SECONDS + " s", List.of(),
                Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS), "Connection", "close"), null);
        access(method, path, r.status(), start);
        return r;
    }

    private ApiResponse dispatch(ApiRequest request) {
        Map<String, Function<ApiRequest, ApiResponse>> methods = routes.get(request.path());
        if (!"/health".equals(request.path())) {
            authenticate(request);
        }
        if (methods == null) {
            throw new ApiError(404, "no such route: " + StrictJson.shorten(request.path())
                    + "; see /openapi.json or /docs");
        }
        Function<ApiRequest, ApiResponse> handler = methods.get(request.method());
        if (handler == null) {
            String allow = String.join(", ", methods.keySet());
            throw new ApiError(405, "method " + StrictJson.shorten(request.method()) + " is not allowed on "
                    + request.path() + "; allowed: " + allow, List.of(), Map.of("Allow", allow));
        }
        return handler.apply(request);
    }

    /**
     * Checks {@code Authorization: Bearer <token>}. The scheme is matched case-insensitively (RFC 7235: auth
     * schemes are case-insensitive, so {@code bearer} works); the token is compared as SHA-256 digests with
     * {@link MessageDigest#isEqual}, which takes the same time for every wrong token and does not leak its length.
     */
    private void authenticate(ApiRequest request) {
        if (tokenDigest == null) {
            return;
        }
        List<String> values = request.headerValues("Authorization");
        if (values.isEmpty()) {
            throw unauthorized("missing Authorization header; send Authorization: Bearer <token>", false);
        }
        if (values.size() > 1) {
            throw unauthorized("more than one Authorization header", true);
        }
        String value = values.get(0).strip();
        int space = indexOfWhitespace(value);
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw unauthorized("the Authorization scheme must be Bearer", true);
        }
        String token = space < 0 ? "" : value.substring(space).strip();
        if (!MessageDigest.isEqual(Hashes.sha256(token), tokenDigest)) {
            throw unauthorized("invalid bearer token", true);
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static ApiError unauthorized(String detail, boolean invalid) {
        // RFC 6750: a challenge without an error code when no credentials came, invalid_token when they were wrong
        String challenge = invalid ? "Bearer realm=\"worklog\", error=\"invalid_token\"" : "Bearer realm=\"worklog\"";
        return new ApiError(401, detail, List.of(), Map.of("WWW-Authenticate", challenge));
    }

    // --- routes ---

    private ApiResponse health(ApiRequest request) {
        if (!wantsVerboseHealth(request.query())) {
            return healthAt(clock);
        }
        authenticate(request); // the details (store, breaker, outbox) are for operators, not for anyone
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", "ok");
        n.put("timestamp", clock.instant().toString());
        ObjectNode store = n.putObject("store");
        store.put("description", redact(logger.repository().describe()));
        java.util.Optional<dev.worklog.http.CircuitBreaker> breaker = logger.repository().circuitBreaker();
        if (breaker.isPresent()) {
            dev.worklog.http.CircuitBreaker.Snapshot b = breaker.get().snapshot();
            ObjectNode o = store.putObject("circuit_breaker");
            o.put("state", b.state().name().toLowerCase(java.util.Locale.ROOT));
            o.put("consecutive_failures", b.consecutiveFailures());
            o.put("since", b.since().toString());
            o.put("open_until", b.openUntil() == null ? null : b.openUntil().toString());
            o.put("last_failure", b.lastFailure() == null ? null : redact(b.lastFailure()));
            o.put("calls", b.calls());
            o.put("failures", b.failures());
        } else {
            store.putNull("circuit_breaker");
        }
        ObjectNode queue = n.putObject("outbox");
        queue.put("pending", outbox.pending().size());
        queue.put("failed", outbox.failed().size());
        return ApiResponse.json(200, Json.write(n), Map.of("Cache-Control", "no-store"));
    }

    /** {@code /health?verbose} (or {@code verbose=true}/{@code 1}); other query parameters are ignored. */
    static boolean wantsVerboseHealth(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("verbose") || pair.equalsIgnoreCase("verbose=true") || pair.equals("verbose=1")) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponse healthAt(Clock clock) {
        // written by hand: an ISO instant needs no escaping, and keeping Jackson off this path makes the first
        // health check after start-up (what platforms wait for) fast
        return ApiResponse.json(200, "{\"status\":\"ok\",\"timestamp\":\"" + clock.instant() + "\"}",
                Map.of("Cache-Control", "no-store"));
    }

    /** Whether this is the health check, which needs neither the SDK nor a token. */
    static boolean isHealthCheck(String method, String path) {
        return "/health".equals(path) && ("GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method));
    }

    /**
     * The plain health check's answer for a transport that answers it without the worker pool (so that it answers
     * even when every worker is busy): no store, no LLM, no token, no Jackson, no log line (the transport writes
     * it). Counts as the first request.
     */
    ApiResponse quickHealth() {
        firstRequest.countDown();
        return healthAt(clock);
    }

    /** {@link #quickHealth()} while the SDK is still loading. */
    static ApiResponse quickEarlyHealth() {
        return healthAt(Clock.systemUTC());
    }

    /** The answer when the SDK did not finish loading in time: 503 with {@code Retry-After}, without Jackson. */
    static ApiResponse starting(String method, String path) {
        long start = System.nanoTime();
        ApiResponse r = ApiResponse.json(503, "{\"detail\":\"the server is starting; retry after "
                + RETRY_AFTER_SECONDS + " s\",\"errors\":[]}", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
        access(method, path, r.status(), start);
        return r;
    }

    private ApiResponse dailyLog(ApiRequest request) {
        Map<String, String> query = RequestBodies.query(request.query(), List.of("dry_run"));
        boolean dryRun = RequestBodies.queryFlag(query, "dry_run");
        String key = request.header("Idempotency-Key").orElse(null);
        if (key != null) {
            try {
                Outbox.checkKey(key);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid Idempotency-Key header",
                        List.of(new FieldError("Idempotency-Key", e.getMessage())));
            }
        }
        checkBodyHeaders(request);
        DailyLogCodec.Reading body;
        try {
            body = DailyLogCodec.read(request.body());
        } catch (ValidationException e) {
            throw RequestBodies.malformed(e);
        }
        LogResult checked = null;
        List<FieldError> valueErrors = List.of();
        try {
            checked = logger.check(body.draft());
        } catch (ValidationException e) {
            valueErrors = e.errors();
        }
        List<FieldError> errors = DailyLogCodec.merge(body.errors(), valueErrors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid daily log: " + errors.size()
                    + (errors.size() == 1 ? " field error" : " field errors"), RequestBodies.capped(errors));
        }
        DailyLog log = key == null ? checked.log()
                : checked.log().withEntryId(dev.worklog.model.EntryIds.fromIdempotencyKey(key));
        if (dryRun) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("dry_run", true);
            n.set("entry", DailyLogCodec.write(log));
            n.set("preview", Json.MAPPER.valueToTree(logger.repository().previewDailyLog(log)));
            Responses.strings(n.putArray("warnings"), checked.warnings());
            return ApiResponse.json(200, Json.write(n), Map.of());
        }
        Submission s = outbox.submit(log, key);
        Map<String, String> headers = s.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of();
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (s.status() == Submission.Status.STORED) {
            n.put("page_id", s.ref().id());
            n.put("url", s.ref().url());
            n.put("entry_id", s.entryId());
            Responses.strings(n.putArray("warnings"), checked.warnings());
            if (!s.replayed()) {
                executionLog.success(ExecutionLog.API_SERVER, "POST /daily-logs stored '" + log.title() + "' ("
                        + log.loggedDate() + ", " + log.category() + ", " + log.impactLevel() + ") -> "
                        + s.ref().id() + " " + s.ref().url());
            }
            return ApiResponse.json(201, Json.write(n), headers);
        }
        n.put("status", "queued");
        n.put("queue_id", s.queueId());
        n.put("entry_id", s.entryId());
        Responses.strings(n.putArray("warnings"), checked.warnings());
        if (!s.replayed()) {
            executionLog.info(ExecutionLog.API_SERVER, "POST /daily-logs accepted '" + log.title()
                    + "' while the store is unreachable; queued as " + s.queueId());
        }
        return ApiResponse.json(202, Json.write(n), headers);
    }

    private ApiResponse weekly(ApiRequest request) {
        Map<String, String> query = RequestBodies.query(request.query(), List.of("dry_run"));
        boolean queryDryRun = RequestBodies.queryFlag(query, "dry_run");
        JsonNode body = jsonBody(request, true);
        StrictJson.Fields f = StrictJson.bind(body, WEEKLY_FIELDS);
        List<FieldError> errors = new ArrayList<>(f.errors());
        Period period = weeklyPeriod(f, errors);
        Set<String> statuses = statuses(f, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid weekly summary request", RequestBodies.capped(errors));
        }
        SummarizeOptions options = new SummarizeOptions(queryDryRun || f.flag("dry_run"), statuses,
                f.flag("force"));
        WeeklyResult result = logger.summarizeWeek(period, options);
        return ApiResponse.json(200, Json.write(Responses.weekly(result)), Map.of());
    }

    private Period weeklyPeriod(StrictJson.Fields f, List<FieldError> errors) {
        String week = f.text("week");
        String start = f.text("start_date");
        String end = f.text("end_date");
        if (week != null) {
            if (start != null || end != null) {
                errors.add(new FieldError("week", "give either week or start_date and end_date, not both"));
                return null;
            }
            try {
                return Period.parseIsoWeek(week);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("week", StrictJson.shorten(e.getMessage())));
                return null;
            }
        }
        if (start == null && end == null) {
            return Period.sevenDaysEnding(logger.today());
        }
        if (start == null) {
            errors.add(new FieldError("start_date", "is required when end_date is given"));
        }
        if (end == null) {
            errors.add(new FieldError("end_date", "is required when start_date is given"));
        }
        LocalDate s = date(start, "start_date", errors);
        LocalDate e = date(end, "end_date", errors);
        if (s == null || e == null) {
            return null;
        }
        if (e.isBefore(s)) {
            errors.add(new FieldError("end_date", "must not be before start_date"));
            return null;
        }
        Period p = new Period(s, e);
        if (p.days() > MAX_PERIOD_DAYS) {
            errors.add(new FieldError("end_date", "a weekly period covers at most " + MAX_PERIOD_DAYS + " days, got "
                    + p.days()));
            return null;
        }
        return p;
    }

    private static LocalDate date(String value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!DATE.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD, got '" + StrictJson.shorten(value) + "'"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a real calendar date"));
            return null;
        }
    }

    private Set<String> statuses(StrictJson.Fields f, List<FieldError> errors) {
        List<String> given = f.strings("status");
        if (given == null) {
            return Set.of();
        }
        List<String> allowed = logger.logOptions().statuses();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                continue; // not a string: the reader named it
            }
            String wanted = given.get(i).strip();
            String match = allowed.stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst().orElse(null);
            if (match == null) {
                errors.add(new FieldError("status[" + i + "]", "'" + StrictJson.shorten(wanted)
                        + "' is not one of " + String.join(", ", allowed)));
            } else {
                out.add(match);
            }
        }
        return out;
    }

    private ApiResponse monthly(ApiRequest request) {
        Map<String, String> query = RequestBodies.query(request.query(), List.of("dry_run"));
        boolean queryDryRun = RequestBodies.queryFlag(query, "dry_run");
        JsonNode body = jsonBody(request, true);
        StrictJson.Fields f = StrictJson.bind(body, MONTHLY_FIELDS);
        List<FieldError> errors = new ArrayList<>(f.errors());
        YearMonth month = YearMonth.from(logger.today());
        String given = f.text("month");
        if (given != null) {
            if (!MONTH.matcher(given).matches()) {
                errors.add(new FieldError("month", "must be a month as YYYY-MM, got '" + StrictJson.shorten(given)
                        + "'"));
            } else {
                try {
                    month = YearMonth.parse(given);
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("month", "'" + given + "' is not a real month"));
                }
            }
        }
        Set<String> statuses = statuses(f, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid monthly summary request", RequestBodies.capped(errors));
        }
        SummarizeOptions options = new SummarizeOptions(queryDryRun || f.flag("dry_run"), statuses,
                f.flag("force"));
        MonthlyResult result = logger.summarizeMonth(month, options);
        return ApiResponse.json(200, Json.write(Responses.monthly(result)), Map.of());
    }

    private ApiResponse openApiDocument(ApiRequest request) {
        return new ApiResponse(200, Map.of("Content-Type", "application/json"), openApiBytes());
    }

    private ApiResponse docsPage(ApiRequest request) {
        byte[] page = docs;
        if (page == null) {
            page = DocsPage.render(openApiBytes()).getBytes(StandardCharsets.UTF_8);
            docs = page;
        }
        // the page loads nothing from elsewhere; the policy makes sure it cannot
        return new ApiResponse(200, Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'"), page);
    }

    /** The OpenAPI document, read once from the jar. */
    byte[] openApiBytes() {
        byte[] doc = openApi;
        if (doc == null) {
            try (InputStream in = ApiHandler.class.getResourceAsStream("openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("openapi.json is missing from the server jar");
                }
                doc = in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read openapi.json", e);
            }
            openApi = doc;
        }
        return doc;
    }

    // --- request bodies ---

    private static JsonNode jsonBody(ApiRequest request, boolean emptyMeansEmptyObject) {
        checkBodyHeaders(request);
        return RequestBodies.parseObject(request.body(), emptyMeansEmptyObject);
    }

    /** Size (413), encoding and content type (415) of a request body, before it is read. */
    private static void checkBodyHeaders(ApiRequest request) {
        String length = request.header("Content-Length").orElse(null);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid Content-Length header", List.of());
            }
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String encoding = request.header("Content-Encoding").orElse("identity").strip();
        if (!encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
            throw unsupported("Content-Encoding " + StrictJson.shorten(encoding) + " is not supported; send the "
                    + "body uncompressed");
        }
        String type = request.header("Content-Type").orElse(null);
        if (type == null) {
            if (request.body().length > 0) {
                throw unsupported("missing Content-Type; send Content-Type: application/json");
            }
        } else if (!isJson(type)) {
            throw unsupported("Content-Type must be application/json, got '" + StrictJson.shorten(type) + "'");
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "request body is larger than " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    private static ApiError unsupported(String detail) {
        return new ApiError(415, detail, List.of(), Map.of("Accept", "application/json"));
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; any other charset is refused. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String cs = p.substring(eq + 1).strip().replace("\"", "");
                if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    // --- errors ---

    /** Maps an exception from the SDK (or a bug) to a response; logs server-side failures without their text leaking. */
    private ApiResponse failure(ApiRequest request, Throwable e) {
        String what = request.method() + " " + StrictJson.shorten(request.path());
        if (e instanceof ValidationException v) {
            return error(400, "invalid input", v.errors(), Map.of(), null);
        }
        if (e instanceof IdempotencyConflictException c) {
            return c.reason() == IdempotencyConflictException.Reason.MISMATCH
                    ? error(422, c.getMessage(), List.of(), Map.of(), null)
                    : error(409, c.getMessage(), List.of(), Map.of("Retry-After", "1"), null);
        }
        if (e instanceof QueuedException q) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("status", "queued");
            n.put("queue_id", q.queueId());
            n.putArray("warnings");
            return ApiResponse.json(202, Json.write(n), Map.of());
        }
        if (e instanceof OutboxException) {
            LOG.error("{}: {}", what, redact(e.getMessage()));
            executionLog.error(ExecutionLog.API_SERVER, what + " failed: " + e.getMessage());
            return error(503, "cannot accept entries now: the store is unreachable and the outbox cannot write "
                    + "to disk", List.of(), Map.of("Retry-After", "30"), null);
        }
        if (e instanceof ConfigurationException) {
            LOG.error("{}: {}", what, redact(e.getMessage()));
            executionLog.error(ExecutionLog.API_SERVER, what + " failed: " + e.getMessage());
            return error(500, "the server is not configured for this: " + redact(e.getMessage()), List.of(),
                    Map.of(), null);
        }
        if (e instanceof CircuitOpenException open) {
            long wait = Math.max(1, (open.retryAfter().toMillis() + 999) / 1000);
            LOG.warn("{}: {}", what, redact(open.getMessage()));
            return error(503, "the store is failing; not calling it for now: " + redact(open.getMessage()),
                    List.of(), Map.of("Retry-After", String.valueOf(wait)), null);
        }
        if (e instanceof WorkLogException w) {
            UpstreamError upstream = w.upstream().orElse(null);
            executionLog.error(ExecutionLog.API_SERVER, what + " failed: " + w.getMessage());
            LOG.warn("{}: upstream failure: {}", what, redact(w.getMessage()));
            if (w instanceof RateLimitException) {
                long wait = upstream == null ? 30 : upstream.retryAfterHint().map(Duration::toSeconds).orElse(30L);
                return error(503, "upstream rate limit: " + redact(w.getMessage()), List.of(),
                        Map.of("Retry-After", String.valueOf(Math.max(1, wait))), upstream);
            }
            if (w.isRetryable() && isTimeout(w)) {
                return error(504, "upstream timeout: " + redact(w.getMessage()), List.of(), Map.of(), upstream);
            }
            return error(502, "upstream failure: " + redact(w.getMessage()), List.of(), Map.of(), upstream);
        }
        // a bug: the client gets a generic message; the log gets the stack trace
        LOG.error("{}: unexpected failure", what, e);
        executionLog.error(ExecutionLog.API_SERVER, what + " failed unexpectedly: " + e);
        return error(500, "internal server error", List.of(), Map.of(), null);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("timed out") || m.contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private String redact(String text) {
        return Redaction.redact(text, secrets);
    }

    private static ApiResponse error(int status, String detail, List<FieldError> errors, Map<String, String> headers,
            UpstreamError upstream) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("detail", detail);
        var array = n.putArray("errors");
        for (FieldError e : errors) {
            ObjectNode o = array.addObject();
            o.put("field", e.field());
            o.put("message", e.message());
        }
        if (upstream != null) {
            ObjectNode u = n.putObject("upstream");
            u.put("service", upstream.service());
            u.put("status", upstream.status());
            u.put("request_id", upstream.requestId());
        }
        return ApiResponse.json(status, Json.write(n), headers);
    }

    /**
     * One line {@code METHOD /path status duration_ms} (the guide's CloudWatch filter {@code ?"POST /daily-logs"}
     * finds it). Client text is bounded and control characters escaped, so a path cannot forge log lines.
     */
    private static void access(String method, String path, int status, long startNanos) {
        access(method, path, status, startNanos, System.nanoTime());
    }

    /** The access-log line of an answer given between the two instants (the transport's own answers use this). */
    static void access(String method, String path, int status, long startNanos, long endNanos) {
        if (ACCESS.isInfoEnabled()) {
            long tenths = (endNanos - startNanos) / 100_000; // duration in 0.1 ms, without String.format
            ACCESS.info(StrictJson.shorten(method) + " " + StrictJson.shorten(path) + " " + status + " "
                    + tenths / 10 + "." + tenths % 10);
        }
    }

    private static Map<String, StrictJson.Type> fields(Object... pairs) {
        Map<String, StrictJson.Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (StrictJson.Type) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
