package dev.worklog.doctor;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.http.Redaction;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Period;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a configuration end to end and says, for each failure, how to fix it: which variables are set (names
 * only, never values), whether the store can be opened and each of its three collections read (for Notion: the
 * three databases, with the schema check of the Notion module's {@link DoctorExtension}), whether the chosen LLM
 * answers ({@link LlmProvider#checkHealth()}, which spends no tokens), and whether the execution log is writable.
 *
 * <pre>{@code
 * DoctorReport report = Doctor.builder().config(WorkLogConfig.fromEnvironment()).build().run();
 * report.lines().forEach(System.out::println);
 * System.exit(report.healthy() ? 0 : 1);
 * }</pre>
 *
 * <p>The store's circuit breaker is reported after the reads (and the state a server using the same outbox folder
 * last recorded): open means the store is known to be failing.
 *
 * <p>Every check runs even when an earlier one failed, so one run lists everything to fix. Only reads are sent:
 * a query of today's daily logs, this week's and this month's roll-ups, the databases' schemas and the model's
 * description.
 */
public final class Doctor {
    /** Check names, stable so that scripts and tests can find them. */
    public static final String VARIABLES = "variables";
    public static final String TIMEZONE = "time zone";
    public static final String STORE = "store";
    public static final String DAILY = "daily logs";
    public static final String WEEKLY = "weekly roll-ups";
    public static final String MONTHLY = "monthly roll-ups";
    public static final String LLM = "LLM provider";
    public static final String LLM_REACHABLE = "LLM reachable";
    public static final String EXECUTION_LOG = "execution log";
    public static final String API_TOKEN = "API token";
    public static final String BREAKER = "store circuit breaker";

    /** The variables whose presence is reported. */
    static final List<String> KNOWN_VARIABLES = List.of(ConfigKeys.API_AUTH_TOKEN, ConfigKeys.LLM_PROVIDER,
            ConfigKeys.LLM_FALLBACK, ConfigKeys.NOTION_API_KEY, ConfigKeys.NOTION_DB1_ID, ConfigKeys.NOTION_DB2_ID,
            ConfigKeys.NOTION_DB3_ID, "CLAUDE_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", ConfigKeys.WORKLOG_STORE,
            ConfigKeys.WORKLOG_DATA_DIR, ConfigKeys.LOG_FILE, ConfigKeys.LOG_LEVEL, ConfigKeys.WORKLOG_TIMEZONE,
            ConfigKeys.PORT);

    private static final Pattern NOT_SET = Pattern.compile("^([A-Z][A-Z0-9_]*) is not set");

    private final WorkLogConfig config;
    private final Clock clock;
    private final NamedServices<WorkLogRepositoryFactory> stores;
    private final NamedServices<LlmProviderFactory> providers;
    private final List<DoctorExtension> extensions;
    private final Set<String> secrets;

    private Doctor(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.stores = b.stores != null ? b.stores : NamedServices.repositories();
        this.providers = b.providers != null ? b.providers : NamedServices.llmProviders();
        this.extensions = b.extensions != null ? b.extensions : discoverExtensions();
        this.secrets = config.secretValues();
    }

    /** A builder; by default the configuration is empty and factories and extensions come from ServiceLoader. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check. Never throws for what it checks: each failure is a {@link Check.Status#FAIL} line. */
    public DoctorReport run() {
        List<Check> checks = new ArrayList<>();
        checks.add(variables());
        ZoneId zone = zone(checks);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        SpiContext context = new SpiContext(config, clock, Sleeper.system(), ExecutionLog.disabled());

        String storeName = config.get(ConfigKeys.WORKLOG_STORE)
                .orElse(config.isSet(ConfigKeys.NOTION_API_KEY) ? "notion" : "local");
        boolean notion = storeName.toLowerCase(Locale.ROOT).equals("notion");
        WorkLogRepository repo = null;
        try {
            repo = stores.require(storeName).create(context);
            checks.add(Check.ok(STORE, storeName + ": " + repo.describe()));
        } catch (RuntimeException e) {
            checks.add(Check.fail(STORE, storeName + ": " + message(e), fix(e, storeSubject(storeName, null))));
        }
        if (repo != null) {
            try (WorkLogRepository r = repo) {
                WorkLogRepository store = r;
                checks.add(read(DAILY + (notion ? " (" + ConfigKeys.NOTION_DB1_ID + ")" : ""),
                        storeSubject(storeName, ConfigKeys.NOTION_DB1_ID),
                        () -> store.findDailyLogs(new Period(today, today), Set.of()).size() + " logged today"));
                checks.add(read(WEEKLY + (notion ? " (" + ConfigKeys.NOTION_DB2_ID + ")" : ""),
                        storeSubject(storeName, ConfigKeys.NOTION_DB2_ID),
                        () -> store.findWeekly(Period.isoWeekOf(today)).isPresent() ? "this week's roll-up is stored"
                                : "readable; this week has no roll-up yet"));
                checks.add(read(MONTHLY + (notion ? " (" + ConfigKeys.NOTION_DB3_ID + ")" : ""),
                        storeSubject(storeName, ConfigKeys.NOTION_DB3_ID),
                        () -> store.findMonthly(YearMonth.from(today)).isPresent() ? "this month's roll-up is stored"
                                : "readable; this month has no roll-up yet"));
                for (DoctorExtension extension : extensions) {
                    try {
                        for (Check c : extension.checks(store, context)) {
                            checks.add(redacted(c));
                        }
                    } catch (RuntimeException e) {
                        checks.add(Check.fail(extension.getClass().getSimpleName(), message(e),
                                fix(e, storeSubject(storeName, null))));
                    }
                }
                store.circuitBreaker().ifPresent(b -> checks.add(breaker(b.snapshot())));
            } catch (RuntimeException e) {
                // close() failing is not worth a line of its own
            }
        }
        llm(checks, context);
        checks.add(executionLog());
        checks.add(apiToken());
        return new DoctorReport(checks);
    }

    /**
     * The store's circuit breaker after the reads above, and the one a server using the same outbox folder last
     * recorded ({@code breaker.json}): open means the store is known to be failing and new entries are queued.
     */
    private Check breaker(CircuitBreaker.Snapshot own) {
        String detail = "this run: " + redact(own.describe());
        Optional<String> server = recordedBreaker();
        if (server.isPresent()) {
            detail += "; the server (" + dev.worklog.internal.outbox.Outbox.directory(config) + "): " + server.get();
        }
        boolean open = own.state() != CircuitBreaker.State.CLOSED
                || server.map(s -> !s.contains(": closed")).orElse(false);
        return open ? Check.warn(BREAKER, detail, "The store is failing: the REST server queues new entries in its "
                + "outbox (202) and delivers them when the store is back; check the store's status page and the "
                + "execution log, and `worklog outbox list` for what waits")
                : Check.ok(BREAKER, detail);
    }

    private Optional<String> recordedBreaker() {
        try {
            Path file = dev.worklog.internal.outbox.Outbox.directory(config).resolve("breaker.json");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            com.fasterxml.jackson.databind.JsonNode n = dev.worklog.internal.Json.MAPPER.readTree(file.toFile());
            return Optional.of(redact(n.path("description").asText("?")) + " (recorded "
                    + n.path("recorded_at").asText("?") + ")");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Check variables() {
        List<String> set = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (String name : KNOWN_VARIABLES) {
            (config.isSet(name) ? set : unset).add(name);
        }
        return Check.ok(VARIABLES, "set: " + (set.isEmpty() ? "none" : String.join(", ", set)) + "; not set: "
                + (unset.isEmpty() ? "none" : String.join(", ", unset)) + " (values are never shown)");
    }

    private ZoneId zone(List<Check> checks) {
        Optional<String> tz = config.get(ConfigKeys.WORKLOG_TIMEZONE);
        if (tz.isEmpty()) {
            checks.add(Check.ok(TIMEZONE, "system default " + ZoneId.systemDefault()
                    + " (WORKLOG_TIMEZONE not set)"));
            return ZoneId.systemDefault();
        }
        try {
            ZoneId zone = ZoneId.of(tz.get());
            checks.add(Check.ok(TIMEZONE, zone.getId()));
            return zone;
        } catch (DateTimeException e) {
            checks.add(Check.fail(TIMEZONE, "WORKLOG_TIMEZONE='" + tz.get() + "' is not a time zone",
                    "Set WORKLOG_TIMEZONE to an IANA zone such as Asia/Seoul or UTC"));
            return ZoneId.systemDefault();
        }
    }

    private Check read(String name, Subject subject, Supplier<String> reader) {
        try {
            return Check.ok(name, redact(reader.get()));
        } catch (RuntimeException e) {
            return Check.fail(name, message(e), fix(e, subject));
        }
    }

    private void llm(List<Check> checks, SpiContext context) {
        Optional<String> chosen = config.get(ConfigKeys.LLM_PROVIDER);
        String name;
        if (chosen.isPresent()) {
            name = chosen.get().toLowerCase(Locale.ROOT);
        } else if (config.isSet("CLAUDE_API_KEY") && providers.find("claude").isPresent()) {
            name = "claude";
        } else {
            name = OfflineSummarizer.NAME;
        }
        Subject subject = llmSubject(name);
        LlmProvider provider;
        try {
            LlmProviderFactory factory = providers.require(name);
            List<String> missing = factory.requiredVariables().stream().filter(v -> !config.isSet(v)).toList();
            if (!missing.isEmpty()) {
                checks.add(Check.fail(LLM, name + ": " + String.join(", ", missing) + " not set",
                        "Set " + String.join(" and ", missing) + " (the " + name + " API key) in the environment or "
                                + "in .env, or choose another provider with LLM_PROVIDER=claude|openai|gemini|offline"));
                return;
            }
            provider = factory.create(context);
            String how = chosen.isPresent() ? "" : OfflineSummarizer.NAME.equals(name)
                    ? " (LLM_PROVIDER not set and no CLAUDE_API_KEY: roll-ups are made without a model)"
                    : " (LLM_PROVIDER not set; CLAUDE_API_KEY is)";
            checks.add(Check.ok(LLM, name + ", model " + provider.model() + how));
        } catch (RuntimeException e) {
            checks.add(Check.fail(LLM, name + ": " + message(e), fix(e, subject)));
            return;
        }
        try {
            HealthCheck health = provider.checkHealth();
            checks.add(health.checked() ? Check.ok(LLM_REACHABLE, redact(health.detail()))
                    : Check.warn(LLM_REACHABLE, "not checked: " + redact(health.detail()),
                            "Run `worklog weekly --dry-run` to make one real request"));
        } catch (RuntimeException e) {
            checks.add(Check.fail(LLM_REACHABLE, message(e), fix(e, subject)));
        }
    }

    private Check executionLog() {
        Path file = Path.of(config.get(ConfigKeys.LOG_FILE, "logs/execution.log"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // opening for append proves writability without adding a line to the log
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                return Check.ok(EXECUTION_LOG, file + " is writable (" + ch.size() + " bytes)");
            }
        } catch (IOException | RuntimeException e) {
            return Check.fail(EXECUTION_LOG, file + " is not writable: " + e,
                    "Make " + (file.toAbsolutePath().getParent() == null ? "its folder"
                            : file.toAbsolutePath().getParent().toString()) + " writable by this user, or set "
                            + "LOG_FILE to a writable path (in Docker: a file on the /data volume)");
        }
    }

    private Check apiToken() {
        if (config.isSet(ConfigKeys.API_AUTH_TOKEN)) {
            int length = config.get(ConfigKeys.API_AUTH_TOKEN).orElse("").length();
            return length < 16
                    ? Check.warn(API_TOKEN, "API_AUTH_TOKEN is set but short (" + length + " characters)",
                            "Use a long random token, e.g. `openssl rand -hex 32`")
                    : Check.ok(API_TOKEN, "API_AUTH_TOKEN is set: the REST server requires it on every route but "
                            + "/health");
        }
        return Check.warn(API_TOKEN, "API_AUTH_TOKEN is not set: the REST server accepts requests without a token",
                "Set API_AUTH_TOKEN (e.g. `openssl rand -hex 32`) before the server is reachable from a network");
    }

    /** What a fix talks about: the store or the LLM, and the variables that configure it. */
    record Subject(String service, String keyVariable, String idVariable, String baseUrlVariable,
            String modelVariable, String console) {
    }

    private static Subject storeSubject(String store, String idVariable) {
        if (store.equalsIgnoreCase("notion")) {
            return new Subject("Notion", ConfigKeys.NOTION_API_KEY, idVariable, "NOTION_BASE_URL", null,
                    "https://www.notion.so/my-integrations");
        }
        return new Subject("the " + store + " store", null, ConfigKeys.WORKLOG_DATA_DIR, null, null, null);
    }

    private static Subject llmSubject(String provider) {
        String prefix = provider.toUpperCase(Locale.ROOT);
        String console = switch (provider) {
            case "claude" -> "https://console.anthropic.com/settings/keys";
            case "openai" -> "https://platform.openai.com/api-keys";
            case "gemini" -> "https://aistudio.google.com/app/apikey";
            default -> null;
        };
        return new Subject(provider, prefix + "_API_KEY", null, prefix + "_BASE_URL", prefix + "_MODEL", console);
    }

    /** The fix for a failure, by its kind; the messages already name the variable, the fix says what to do. */
    static String fix(RuntimeException e, Subject s) {
        if (e instanceof ConfigurationException) {
            Matcher m = NOT_SET.matcher(e.getMessage() == null ? "" : e.getMessage());
            if (m.find()) {
                return "Set " + m.group(1) + " in the environment or in .env" + hintFor(m.group(1));
            }
            if (e.getMessage() != null && e.getMessage().contains(" is not available: ")) {
                return "Use one of the names the message lists, or add the module that provides this one to the "
                        + "classpath";
            }
            return "Correct the variable the message names (environment or .env)";
        }
        if (e instanceof AuthenticationException) {
            return s.keyVariable() == null ? "Check the credentials of " + s.service()
                    : s.keyVariable() + " is wrong, expired or revoked: copy a valid key"
                            + (s.console() == null ? "" : " from " + s.console()) + " into " + s.keyVariable();
        }
        if (e instanceof PermissionDeniedException) {
            return s.service().equals("Notion")
                    ? "Share the database with the integration: open it in Notion, ••• > Connections > add your "
                            + "integration" + (s.idVariable() == null ? "" : " (the database of " + s.idVariable() + ")")
                    : "The key in " + s.keyVariable() + " may not use this model: pick another with "
                            + s.modelVariable() + " or check the key's project and permissions";
        }
        if (e instanceof NotFoundException) {
            return s.service().equals("Notion")
                    ? "Check " + (s.idVariable() == null ? "the database ids" : s.idVariable()) + " (the 32 "
                            + "characters in the database's URL) and share that database with the integration "
                            + "(Notion answers 404 for databases it may not see)"
                    : "Check " + s.modelVariable() + " (the model may be retired) and " + s.baseUrlVariable();
        }
        if (e instanceof QuotaExceededException) {
            return "The account's quota or credit is used up: check billing"
                    + (s.console() == null ? "" : " at " + s.console()) + ", or switch LLM_PROVIDER";
        }
        if (e instanceof RateLimitException) {
            return s.service() + " is rate limiting: wait a minute and run doctor again "
                    + "(`grep rate_limit_exceeded logs/execution.log` shows how often)";
        }
        if (e instanceof TransportException) {
            return "No connection to " + s.service() + ": check the network, proxy settings"
                    + (s.baseUrlVariable() == null ? "" : " and " + s.baseUrlVariable());
        }
        if (e instanceof ServerException) {
            return s.service() + " is failing on its side (5xx): check its status page and try again later";
        }
        if (e instanceof WorkLogException) {
            return "See the message; run with --verbose for details";
        }
        return s.idVariable() != null && s.keyVariable() == null
                ? "Make " + s.idVariable() + " point to a writable folder (default ./worklog-data)"
                : "Unexpected " + e.getClass().getSimpleName() + "; run with --verbose for details";
    }

    private static String hintFor(String variable) {
        return switch (variable) {
            case ConfigKeys.NOTION_API_KEY -> " (the integration's secret, from https://www.notion.so/my-integrations)";
            case ConfigKeys.NOTION_DB1_ID -> " (the id in the Daily Work Logs database's URL)";
            case ConfigKeys.NOTION_DB2_ID -> " (the id in the Weekly Achievements database's URL)";
            case ConfigKeys.NOTION_DB3_ID -> " (the id in the Monthly Highlights database's URL)";
            default -> "";
        };
    }

    private String message(RuntimeException e) {
        String m = e.getMessage();
        return redact(m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " "));
    }

    private String redact(String text) {
        return Redaction.redact(text, secrets);
    }

    private Check redacted(Check c) {
        return new Check(c.name(), c.status(), redact(c.detail()), c.fix() == null ? null : redact(c.fix()));
    }

    private static List<DoctorExtension> discoverExtensions() {
        List<DoctorExtension> out = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (DoctorExtension e : ServiceLoader.load(DoctorExtension.class,
                loader != null ? loader : Doctor.class.getClassLoader())) {
            out.add(e);
        }
        return out;
    }

    /** Builds a {@link Doctor}. */
    public static final class Builder {
        private WorkLogConfig config = WorkLogConfig.empty();
        private Clock clock = Clock.systemUTC();
        private NamedServices<WorkLogRepositoryFactory> stores;
        private NamedServices<LlmProviderFactory> providers;
        private List<DoctorExtension> extensions;

        private Builder() {
        }

        /** The configuration to check, e.g. {@link WorkLogConfig#fromEnvironment()}. */
        public Builder config(WorkLogConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The clock "today" comes from. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The stores to choose from; by default those found with ServiceLoader. */
        public Builder repositoryFactories(NamedServices<WorkLogRepositoryFactory> value) {
            this.stores = Objects.requireNonNull(value, "repositoryFactories");
            return this;
        }

        /** The LLM providers to choose from; by default those found with ServiceLoader. */
        public Builder providerFactories(NamedServices<LlmProviderFactory> value) {
            this.providers = Objects.requireNonNull(value, "providerFactories");
            return this;
        }

        /** The extra checks; by default those found with ServiceLoader. */
        public Builder extensions(List<DoctorExtension> value) {
            this.extensions = List.copyOf(Objects.requireNonNull(value, "extensions"));
            return this;
        }

        public Doctor build() {
            return new Doctor(this);
        }
    }
}
