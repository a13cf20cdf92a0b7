package dev.worklog.notion;

import dev.worklog.error.ConfigurationException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import dev.worklog.http.Sleeper;
import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.LogOptions;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.NotionErrorReader;
import dev.worklog.notion.internal.client.NotionHttp;
import dev.worklog.notion.internal.client.NotionSettings;
import dev.worklog.notion.internal.client.RateLimiter;
import dev.worklog.notion.internal.store.DailyLogs;
import dev.worklog.notion.internal.store.DailyPages;
import dev.worklog.notion.internal.store.Databases;
import dev.worklog.notion.internal.store.EntryLookup;
import dev.worklog.notion.internal.store.MonthlyPages;
import dev.worklog.notion.internal.store.ReaderPool;
import dev.worklog.notion.internal.store.Relations;
import dev.worklog.notion.internal.store.ReviewStore;
import dev.worklog.notion.internal.store.RollupStore;
import dev.worklog.notion.internal.store.SchemaCheck;
import dev.worklog.notion.internal.store.WeeklyPages;
import dev.worklog.spi.WorkLogRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The work-log store in Notion: daily logs in one database, weekly and monthly roll-ups in two more, on the schema
 * of the design (property names can be changed with {@link NotionSchema}); review packets in an optional fourth, or
 * as pages under the monthly database's page.
 *
 * <pre>{@code
 * NotionWorkLogRepository notion = NotionWorkLogRepository.builder()
 *         .token(System.getenv("NOTION_API_KEY"))
 *         .dailyDatabaseId("1a2b...")
 *         .weeklyDatabaseId("3c4d...")
 *         .monthlyDatabaseId("5e6f...")
 *         .build();
 * System.out.println(notion.verifySchema().message());
 * StoredRef ref = notion.saveDailyLog(log);
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 * <li>One token bucket per integration token (default 3 requests/s, burst 10), so bursts queue instead of drawing
 * 429s; 429 and 529 wait the full {@code Retry-After} within the retry budget, logged as {@code rate_limit_exceeded}
 * with Notion's {@code rate_limit_reason}; 5xx and I/O errors back off with jitter.</li>
 * <li>Every daily log carries its entry id ({@code Entry ID}, or a link on the body's {@code Context} heading when
 * the database lacks the property): a create whose answer was lost, and {@link #ensureDailyLog}, look it up first,
 * so a retry, an outbox delivery or a restart never makes a second page (block appends are checked too); two
 * entries with the same title on the same day stay two pages.</li>
 * <li>A {@link CircuitBreaker} over every call: after 3 consecutive failed attempts calls fail at once
 * ({@link dev.worklog.error.CircuitOpenException}) for 5 s, then one trial call decides.</li>
 * <li>Markdown is split, never truncated, to Notion's limits, and read back from every page of children and every
 * level; a daily log's context sits under a {@code Context} heading, dropped again on reading (as is the original
 * system's {@code 📝 상세 컨텍스트}).</li>
 * <li>Roll-ups and review packets are upserted by period, rewriting only the blocks that changed; an upsert within
 * two minutes of the find of the same period uses that answer instead of querying again. Roll-up pages not in
 * worklog's layout read as their text, with a warning.</li>
 * <li>Relations of any size: the first 100 values on the roll-up page, the rest from the other side of the two-way
 * relation (a one-way one holds 100, and the execution log says so), read beyond 25 through the property
 * endpoint.</li>
 * </ul>
 *
 * <p>Thread-safe. Daily log bodies are read three at a time (every call still paced by the limiter);
 * {@link #close()} stops those reader threads, which also end by themselves when idle.
 */
public final class NotionWorkLogRepository implements WorkLogRepository {
    /** Component name in the execution log. */
    public static final String LOG_COMPONENT = NotionErrorReader.SERVICE;
    /** The default API address. */
    public static final URI DEFAULT_BASE_URL = NotionSettings.DEFAULT_BASE_URL;

    private final NotionClient client;
    private final Databases databases;
    private final CircuitBreaker breaker;
    private final ReaderPool readers;
    private final DailyLogs daily;
    private final RollupStore<WeeklyRollup, Period> weekly;
    private final RollupStore<MonthlyRollup, YearMonth> monthly;
    private final SchemaCheck schemaCheck;
    private final ReviewStore reviews;

    private NotionWorkLogRepository(Builder b) {
        this.breaker = b.breaker != null ? b.breaker
                : CircuitBreaker.builder(NotionErrorReader.SERVICE).clock(b.clock).build();
        RateLimiter limiter = RateLimiter.forClient(b.token, b.rate, b.burst, b.sharedLimiter, b.clock, b.sleeper);
        this.client = new NotionHttp(b.baseUrl, b.version, b.token, limiter, b.retryPolicy, breaker, b.clock,
                b.sleeper, b.executionLog, b.httpClient).connect();
        this.databases = new Databases(client, b.dailyDb, b.weeklyDb, b.monthlyDb, b.reviewDb, b.executionLog);
        this.readers = new ReaderPool(3, "notion-reader");
        Relations relations = new Relations(client, databases, b.schema, b.executionLog);
        this.daily = new DailyLogs(client, databases, new DailyPages(b.schema, b.options),
                new EntryLookup(client, b.schema, databases), readers, b.clock, b.sleeper);
        this.weekly = new RollupStore<>(Database.WEEKLY, WeeklyRollup::period,
                new WeeklyPages(b.schema, relations, b.clock), client, databases, b.clock);
        this.monthly = new RollupStore<>(Database.MONTHLY, MonthlyRollup::month,
                new MonthlyPages(b.schema, relations, b.clock), client, databases, b.clock);
        this.schemaCheck = new SchemaCheck(client, databases, b.schema, b.options);
        this.reviews = new ReviewStore(client, databases, b.schema, b.clock);
    }

    /** A builder; the token and the daily database id are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "Notion (API " + client.version() + ", daily logs in database " + databases.id(Database.DAILY) + ")";
    }

    /** Creates the page with its entry id (a log without one gets a fresh one); see the class comment. */
    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        return daily.save(Objects.requireNonNull(log, "log"));
    }

    /** Creates the page only when its entry id is not found; a page found half written is written again. */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        return daily.ensure(Objects.requireNonNull(log, "log"));
    }

    /** The breaker over every call to Notion: after a few consecutive failures, calls fail at once for a while. */
    @Override
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.of(breaker);
    }

    /** The page {@link #saveDailyLog} would create, as one tree, sending nothing; the entry id where it would go. */
    @Override
    public Map<String, Object> previewDailyLog(DailyLog log) {
        return daily.preview(Objects.requireNonNull(log, "log"), describe());
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        return findDailyLogs(period, statuses, ProgressListener.none());
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses, ProgressListener progress) {
        return daily.find(period, statuses, progress); // each page read, and the rate limiter's wait
    }

    /** Each page's {@code last_edited_time} plus two minutes (Notion stamps minutes; clocks differ): one query. */
    @Override
    public Optional<List<EditStamp>> findDailyLogStamps(Period period, Set<String> statuses) {
        return Optional.of(daily.stamps(Objects.requireNonNull(period, "period"), Objects.requireNonNull(statuses, "statuses")));
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        return weekly.find(Objects.requireNonNull(period, "period"));
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        return weekly.findOverlapping(Objects.requireNonNull(overlapping, "overlapping"));
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        return weekly.upsert(Objects.requireNonNull(rollup, "rollup"));
    }

    /** The roll-up as a rerun would read it back: its body written as blocks and read again. No call is made. */
    @Override
    public WeeklyRollup asStored(WeeklyRollup rollup) {
        return weekly.asStored(rollup);
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        return monthly.find(Objects.requireNonNull(month, "month"));
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        return monthly.findOverlapping(Objects.requireNonNull(overlapping, "overlapping"));
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        return monthly.upsert(Objects.requireNonNull(rollup, "rollup"));
    }

    /** The roll-up as a rerun would read it back: its body and statistics as Notion would give them. */
    @Override
    public MonthlyRollup asStored(MonthlyRollup rollup) {
        return monthly.asStored(rollup);
    }

    /** The packet kept for the period, read back exactly from the JSON that closes its page. */
    @Override
    public Optional<ReviewPacket> findReview(ReviewPeriod period) {
        return reviews.find(period);
    }

    /** Upserts the period's page: in {@code NOTION_DB4_ID}'s database if set, else under the monthly one's page. */
    @Override
    public StoredRef upsertReview(ReviewPacket packet) {
        return reviews.upsert(packet);
    }

    /**
     * Reads the databases (the review one when set) and lists, each with its fix, every property missing or of the
     * wrong type, every relation to the wrong database and every select option validation allows but a database lacks.
     */
    public SchemaReport verifySchema() {
        return schemaCheck.verify();
    }

    /** Stops the reader threads (they also stop by themselves after 30 s idle). */
    @Override
    public void close() {
        readers.close();
    }

    /** Builds {@link NotionWorkLogRepository}s. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private String version = NotionClient.DEFAULT_VERSION;
        private String token;
        private String dailyDb;
        private String weeklyDb;
        private String monthlyDb;
        private String reviewDb;
        private NotionSchema schema = NotionSchema.defaults();
        private LogOptions options = LogOptions.defaults();
        private double rate = 3.0;
        private int burst = 10;
        private boolean sharedLimiter = true;
        private RetryPolicy retryPolicy = defaultRetryPolicy();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ExecutionLog executionLog = ExecutionLog.disabled();
        private HttpClient httpClient;
        private CircuitBreaker breaker;

        private Builder() {
        }

        /** Unless set: 6 retries, 1 s doubling to 30 s with jitter, Retry-After in full, 15 min of waiting at most. */
        public static RetryPolicy defaultRetryPolicy() {
            return NotionHttp.defaultRetryPolicy();
        }

        /** The Notion-Version used unless one is set. */
        public static String defaultVersion() {
            return NotionClient.DEFAULT_VERSION;
        }

        /** The API address; default {@code https://api.notion.com}. */
        public Builder baseUrl(URI value) {
            Objects.requireNonNull(value, "baseUrl");
            String s = value.toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /** The {@code Notion-Version}; default 2025-09-03. 2022-06-28 uses the database endpoints. */
        public Builder version(String value) {
            this.version = NotionClient.checkVersion(value);
            return this;
        }

        /** The integration secret ({@code NOTION_API_KEY}). */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** The Daily Work Logs database ({@code NOTION_DB1_ID}); required. */
        public Builder dailyDatabaseId(String value) {
            this.dailyDb = blankToNull(value);
            return this;
        }

        /** The Weekly Achievements database ({@code NOTION_DB2_ID}); needed for weekly roll-ups. */
        public Builder weeklyDatabaseId(String value) {
            this.weeklyDb = blankToNull(value);
            return this;
        }

        /** The Monthly Highlights database ({@code NOTION_DB3_ID}); needed for monthly roll-ups. */
        public Builder monthlyDatabaseId(String value) {
            this.monthlyDb = blankToNull(value);
            return this;
        }

        /** The Review Packets database ({@code NOTION_DB4_ID}); optional. */
        public Builder reviewDatabaseId(String value) {
            this.reviewDb = blankToNull(value);
            return this;
        }

        /** Property names; default {@link NotionSchema#defaults()}. */
        public Builder schema(NotionSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /** The categories and statuses the schema check expects as select options. */
        public Builder logOptions(LogOptions value) {
            this.options = Objects.requireNonNull(value, "logOptions");
            return this;
        }

        /**
         * The client-side limit: {@code perSecond} requests on average (0 = off), {@code burst} at once less one of
         * headroom; default 3/s, burst 10. Repositories with one token share the limiter of the first one built.
         */
        public Builder rateLimit(double perSecond, int burst) {
            RateLimiter.checkSettings(perSecond, burst);
            this.rate = perSecond;
            this.burst = burst;
            return this;
        }

        /** Whether the limiter is shared with the token's other repositories (default); off for tests with clocks. */
        public Builder shareRateLimiter(boolean value) {
            this.sharedLimiter = value;
            return this;
        }

        /** Retries; default {@link #defaultRetryPolicy()}. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The clock for rate limiting, Retry-After dates and duplicate checks. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How to wait (rate limiter and retries); tests record instead of sleeping. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where retries and {@code rate_limit_exceeded} are recorded. */
        public Builder executionLog(ExecutionLog value) {
            this.executionLog = Objects.requireNonNull(value, "executionLog");
            return this;
        }

        /** The breaker; by default 3 failed attempts in a row open it for 5 s (doubling up to a minute). */
        public Builder circuitBreaker(CircuitBreaker value) {
            this.breaker = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        /** The JDK HTTP client; by default one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the repository; nothing is sent yet ({@link NotionWorkLogRepository#verifySchema()} checks).
         *
         * @throws ConfigurationException naming {@code NOTION_API_KEY} or {@code NOTION_DB1_ID} when missing
         */
        public NotionWorkLogRepository build() {
            NotionSettings.require(token, NotionRepositoryFactory.NOTION_API_KEY, "the secret of the Notion integration");
            NotionSettings.require(dailyDb, Database.DAILY.variable(), "the id of the Daily Work Logs database");
            return new NotionWorkLogRepository(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
