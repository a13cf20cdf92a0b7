package dev.worklog.notion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import dev.worklog.http.Sleeper;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.LogOptions;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.client.DatabaseAdmin;
import dev.worklog.notion.internal.client.NotionErrorReader;
import dev.worklog.notion.internal.client.NotionHttp;
import dev.worklog.notion.internal.client.NotionSettings;
import dev.worklog.notion.internal.client.RateLimiter;
import dev.worklog.notion.internal.setup.PageIds;
import dev.worklog.notion.internal.setup.Provisioner;
import dev.worklog.notion.internal.setup.Repairer;
import dev.worklog.notion.internal.setup.Specs;
import dev.worklog.notion.internal.setup.Workspace;
import dev.worklog.spi.SpiContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Provisions a Notion workspace for worklog: creates the four databases under a page, with every property, the
 * select options in worklog's order, {@code Source Logs} and {@code Source Weeks} as two-way relations (a one-way
 * relation holds at most 100 links through the API) and the daily database's {@code Entry ID}; or repairs existing
 * databases (those of the original Python system, say) without converting anything. Both Notion versions: from
 * 2025-09-03 through data sources, 2022-06-28 through the database endpoints.
 *
 * <pre>{@code
 * NotionSetup setup = NotionSetup.builder().token(System.getenv("NOTION_API_KEY")).build();
 * SetupResult made = setup.createDatabases("https://www.notion.so/Work-log-0123456789abcdef0123456789abcdef");
 * made.envLines().forEach(System.out::println);            // NOTION_DB1_ID=... and so on
 *
 * RepairPlan plan = setup.planRepair(made.databaseIds());  // reads only
 * plan.changes().forEach(System.out::println);             // show them, ask, then:
 * RepairResult done = setup.repair(plan);
 * }</pre>
 *
 * <p>{@link #createDatabases} is idempotent: it finds the databases it made before by their titles under the page
 * and creates only what is missing. Every call goes through the same client as the store: one token bucket per
 * token, retries, the circuit breaker; a create whose answer is lost is looked up before it is sent again.
 */
public final class NotionSetup {
    private final Workspace workspace;

    private NotionSetup(Builder b) {
        CircuitBreaker breaker = b.breaker != null ? b.breaker
                : CircuitBreaker.builder(NotionErrorReader.SERVICE).clock(b.clock).build();
        RateLimiter limiter = RateLimiter.forClient(b.token, b.rate, b.burst, true, b.clock, b.sleeper);
        DatabaseAdmin admin = new DatabaseAdmin(new NotionHttp(b.baseUrl, b.version, b.token, limiter, b.retryPolicy,
                breaker, b.clock, b.sleeper, b.executionLog, b.httpClient).connect());
        this.workspace = new Workspace(admin, Specs.of(b.schema, b.options), b.executionLog);
    }

    /** A builder; the token is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Setup as the configuration says: {@code NOTION_API_KEY}, {@code NOTION_VERSION}, {@code NOTION_BASE_URL}, the
     * rate limit and retries, {@code NOTION_PROPERTY_*} names and {@code WORKLOG_CATEGORIES} /
     * {@code WORKLOG_STATUSES} options, as the store reads them.
     *
     * @throws ConfigurationException naming the variable that is missing or bad
     */
    public static NotionSetup fromContext(SpiContext context) {
        WorkLogConfig c = context.config();
        NotionSettings settings = NotionSettings.fromConfig(c, context.clock());
        return builder()
                .token(c.require(NotionRepositoryFactory.NOTION_API_KEY, "the secret of the Notion integration"))
                .baseUrl(settings.baseUrl())
                .version(settings.version())
                .rateLimit(settings.rate(), settings.burst())
                .retryPolicy(settings.retryPolicy())
                .circuitBreaker(settings.breaker())
                .schema(NotionSchema.fromConfig(c))
                .logOptions(LogOptions.fromConfig(c))
                .clock(context.clock())
                .sleeper(context.sleeper())
                .executionLog(context.executionLog())
                .build();
    }

    /**
     * The page id in a Notion link or id as people paste it: {@code https://www.notion.so/Work-log-<32 hex>?pvs=4},
     * the 32 characters alone, or a dashed UUID.
     *
     * @throws IllegalArgumentException saying where to copy the link when there is no id in it
     */
    public static String pageId(String urlOrId) {
        return PageIds.parse(urlOrId);
    }

    /** The database ids the configuration sets ({@code NOTION_DB1_ID} ...), for {@link #planRepair}. */
    public static Map<Database, String> databaseIds(WorkLogConfig config) {
        Map<Database, String> out = new EnumMap<>(Database.class);
        for (Database db : Database.values()) {
            config.get(db.variable()).ifPresent(id -> out.put(db, id));
        }
        return out;
    }

    /**
     * Tries the key without changing anything ({@code GET /v1/users/me}).
     *
     * @return who the key belongs to, e.g. {@code integration 'worklog' in workspace 'Acme'}
     * @throws dev.worklog.error.AuthenticationException when Notion rejects the key
     */
    public String checkKey() {
        JsonNode me = workspace.admin().me();
        String name = me.path("name").asText("");
        String workspace = me.path("bot").path("workspace_name").asText("");
        return "integration" + (name.isEmpty() ? "" : " '" + name + "'")
                + (workspace.isEmpty() ? "" : " in workspace '" + workspace + "'");
    }

    /**
     * Creates the databases under a page, or finds them there when an earlier run made them (by title); creates
     * nothing when all are there.
     *
     * @param parentPage the page's link or id; the page must be shared with the integration
     * @throws IllegalArgumentException when there is no page id in {@code parentPage}
     * @throws dev.worklog.error.NotFoundException saying, step by step, how to share the page when Notion cannot
     *     see it
     */
    public SetupResult createDatabases(String parentPage) {
        return new Provisioner(workspace).run(pageId(parentPage));
    }

    /** What {@link #repair} would change in the databases of these ids, and what it leaves to a person; reads only. */
    public RepairPlan planRepair(Map<Database, String> databaseIds) {
        return new Repairer(workspace).plan(Objects.requireNonNull(databaseIds, "databaseIds"));
    }

    /**
     * Makes the changes of a plan (shown to and confirmed by a person), if the databases still need exactly those,
     * then reads them again to check.
     *
     * @throws ConfigurationException when the databases changed since the plan was made (nothing is changed)
     */
    public RepairResult repair(RepairPlan plan) {
        return new Repairer(workspace).apply(Objects.requireNonNull(plan, "plan"));
    }

    /** Builds {@link NotionSetup}s. */
    public static final class Builder {
        private URI baseUrl = NotionWorkLogRepository.DEFAULT_BASE_URL;
        private String version = NotionWorkLogRepository.Builder.defaultVersion();
        private String token;
        private NotionSchema schema = NotionSchema.defaults();
        private LogOptions options = LogOptions.defaults();
        private double rate = 3.0;
        private int burst = 10;
        private RetryPolicy retryPolicy = NotionWorkLogRepository.Builder.defaultRetryPolicy();
        private CircuitBreaker breaker;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ExecutionLog executionLog = ExecutionLog.disabled();
        private HttpClient httpClient;

        private Builder() {
        }

        /** The integration secret ({@code NOTION_API_KEY}); required. */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** The API address; default {@code https://api.notion.com}. */
        public Builder baseUrl(URI value) {
            String s = Objects.requireNonNull(value, "baseUrl").toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /** The {@code Notion-Version}; default 2025-09-03 (data sources); 2022-06-28 uses the database endpoints. */
        public Builder version(String value) {
            this.version = dev.worklog.notion.internal.client.NotionClient.checkVersion(value);
            return this;
        }

        /** Property names the databases get; default {@link NotionSchema#defaults()}. */
        public Builder schema(NotionSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /** The categories and statuses the select properties get, in this order. */
        public Builder logOptions(LogOptions value) {
            this.options = Objects.requireNonNull(value, "logOptions");
            return this;
        }

        /** The client-side limit, shared with every store and setup using the token; default 3/s, burst 10. */
        public Builder rateLimit(double perSecond, int burst) {
            RateLimiter.checkSettings(perSecond, burst);
            this.rate = perSecond;
            this.burst = burst;
            return this;
        }

        /** Retries; default as the store's. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The breaker over the calls; default as the store's. */
        public Builder circuitBreaker(CircuitBreaker value) {
            this.breaker = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        /** The clock for rate limiting and {@code Retry-After} dates. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How to wait (rate limiter and retries); tests record instead of sleeping. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where retries and each database created or changed are recorded. */
        public Builder executionLog(ExecutionLog value) {
            this.executionLog = Objects.requireNonNull(value, "executionLog");
            return this;
        }

        /** The JDK HTTP client; by default one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds it; nothing is sent yet.
         *
         * @throws ConfigurationException naming {@code NOTION_API_KEY} when the token is missing
         */
        public NotionSetup build() {
            if (token == null || token.isBlank()) {
                throw new ConfigurationException(NotionRepositoryFactory.NOTION_API_KEY + " is not set: the secret "
                        + "of the Notion integration is needed to set up the databases. Set it in the environment or "
                        + "in .env");
            }
            return new NotionSetup(this);
        }
    }
}
