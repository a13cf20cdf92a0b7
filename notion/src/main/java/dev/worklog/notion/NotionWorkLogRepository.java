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
 * of the design (property names can be changed with {@link NotionSchema}).
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
 * <li>Every call goes through one token bucket per integration token (default 3 requests/s, burst 10, shared by
 * every repository using the token), so bursts queue instead of drawing 429s. 429 and 529 wait the full
 * {@code Retry-After} within the retry policy's budget, written to the execution log with
 * {@code rate_limit_exceeded} and Notion's {@code rate_limit_reason}; 5xx and I/O errors back off with jitter.</li>
 * <li>Every daily log is written with its entry id ({@code Entry ID}, or a link on the body's {@code Context}
 * heading when the database lacks the property). A create whose answer was lost is looked up by that id before it
 * is sent again, and {@link #ensureDailyLog} looks it up before creating at all, so a retry, a delivery from the
 * outbox or a restart never makes a second page; two entries with the same title on the same day stay two pages.
 * Block appends are checked for having landed too.</li>
 * <li>A {@link CircuitBreaker} watches every call: after 3 consecutive failed attempts calls fail at once
 * ({@link dev.worklog.error.CircuitOpenException}) for 5 s, then one trial call decides.</li>
 * <li>Markdown is split, never truncated, to Notion's limits, and read back from every page of children and every
 * nested level. A daily log's context sits under a {@code Context} heading, as the design asks; reading drops it
 * again (and the original system's {@code 📝 상세 컨텍스트}), so the context read back is the markdown written.</li>
 * <li>Weekly and monthly roll-ups are upserted by period: a rerun updates the page and rewrites only the blocks of
 * its body that changed. An upsert within two minutes of {@link #findWeekly} or {@link #findMonthly} of the same
 * period (the usual find, summarise, store sequence) uses that answer instead of querying again.</li>
 * <li>Roll-up pages not in worklog's layout (the original system's, pages edited by hand) are read as their text,
 * with a warning; never as placeholders.</li>
 * <li>Relations of any size: the first 100 values on the roll-up page, every further one from the other side of the
 * two-way relation (a one-way relation holds only 100, and the execution log says so); read beyond the 25 a page
 * shows through the property endpoint.</li>
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

    private NotionWorkLogRepository(Builder b) {
        this.breaker = b.breaker != null ? b.breaker
                : CircuitBreaker.builder(NotionErrorReader.SERVICE).clock(b.clock).build();
        RateLimiter limiter = RateLimiter.forClient(b.token, b.rate, b.burst, b.sharedLimiter, b.clock, b.sleeper);
        this.client = new NotionHttp(b.baseUrl, b.version, b.token, limiter, b.retryPolicy, breaker, b.clock,
                b.sleeper, b.executionLog, b.httpClient).connect();
        this.databases = new Databases(client, b.dailyDb, b.weeklyDb, b.monthlyDb, b.executionLog);
        this.readers = new ReaderPool(3, "notion-reader");
        Relations relations = new Relations(client, databases, b.schema, b.executionLog);
        this.daily = new DailyLogs(client, databases, new DailyPages(b.schema, b.options),
                new EntryLookup(client, b.schema, databases), readers, b.clock, b.sleeper);
        this.weekly = new RollupStore<>(Database.WEEKLY, WeeklyRollup::period,
                new WeeklyPages(b.schema, relations, b.clock), client, databases, b.clock);
        this.monthly = new RollupStore<>(Database.MONTHLY, MonthlyRollup::month,
                new MonthlyPages(b.schema, relations, b.clock), client, databases, b.clock);
        this.schemaCheck = new SchemaCheck(client, databases, b.schema, b.options);
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

    /**
     * The page {@link #saveDailyLog} would create, as one tree, without calling Notion. The entry id is shown where
     * it would go: in {@code Entry ID}, unless the database was read before and lacks it.
     */
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

    /**
     * Each page's {@code last_edited_time} plus two minutes (Notion stamps edits to the minute; the second minute
     * covers clocks that differ): one query, which a {@link #findDailyLogs} within seconds reuses.
     */
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

    /**
     * Reads the three databases and lists, each with its fix, every property missing or of the wrong type, every
     * relation to the wrong database and every select option validation allows but the database lacks.
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

        /**
         * The retry policy used unless one is set: 6 retries, 1 s doubling to 30 s with jitter, every
         * {@code Retry-After} honoured in full, at most 15 minutes of waiting per call.
         */
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
         * The client-side limit: {@code perSecond} requests on average, {@code burst} at once (less one request of
         * headroom against network jitter); {@code 0} turns it off. Default 3/s, burst 10. Repositories with the
         * same token share one limiter, whose settings are those of the first one built.
         */
        public Builder rateLimit(double perSecond, int burst) {
            RateLimiter.checkSettings(perSecond, burst);
            this.rate = perSecond;
            this.burst = burst;
            return this;
        }

        /**
         * Whether the limiter is shared with other repositories using the token (default); tests that inject a
         * clock turn this off so that they do not share state.
         */
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

        /**
         * The breaker over the calls to Notion; by default 3 consecutive failed attempts open it for 5 s (doubling
         * while trials fail, up to a minute), measured with this builder's clock.
         */
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
         * Builds the repository; nothing is sent yet ({@link NotionWorkLogRepository#verifySchema()} checks the
         * databases).
         *
         * @throws ConfigurationException naming {@code NOTION_API_KEY} or {@code NOTION_DB1_ID} when missing
         */
        public NotionWorkLogRepository build() {
            if (token == null || token.isBlank()) {
                throw new ConfigurationException(NotionRepositoryFactory.NOTION_API_KEY + " is not set: the secret of the Notion "
                        + "integration is needed to use the Notion store. Set it in the environment or in .env");
            }
            if (dailyDb == null) {
                throw new ConfigurationException(Database.DAILY.variable() + " is not set: the id of the Daily Work "
                        + "Logs database is needed to use the Notion store. Set it in the environment or in .env");
            }
            return new NotionWorkLogRepository(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
