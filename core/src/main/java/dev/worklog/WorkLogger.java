package dev.worklog;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.internal.validation.DailyLogValidator;
import dev.worklog.internal.validation.StarSections;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.EditStamp;
import dev.worklog.model.LogOptions;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SDK's entry point: record daily work logs and turn weeks and months into resume-ready roll-ups.
 *
 * <pre>{@code
 * try (WorkLogger logger = WorkLogger.fromEnvironment()) {
 *     logger.log(DailyLogDraft.builder()
 *             .title("Cut p99 latency of the search API")
 *             .context("### Situation\n...\n### Result\np99 800 ms -> 120 ms")
 *             .category("성능개선").impactLevel("High").techStack(List.of("Java", "Redis"))
 *             .build());
 *     WeeklyResult week = logger.summarizeWeek(Period.isoWeekOf(logger.today()), SummarizeOptions.defaults());
 *     week.rollupIfAny().ifPresent(r -> System.out.println(r.keyHighlights()));
 * }
 * }</pre>
 *
 * <p>{@link #fromEnvironment()} wires everything from environment variables (and {@code .env}); {@link #builder()}
 * takes explicit parts. Both check the configuration at start-up: a missing key is reported then, naming the
 * variable, not on the first call. Instances are thread-safe.
 */
public final class WorkLogger implements AutoCloseable {
    /** The most tokens a roll-up reply may use unless {@code WORKLOG_MAX_OUTPUT_TOKENS} says otherwise. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8192;

    private final WorkLogRepository repository;
    private final RollupGenerator generator;
    private final Clock clock;
    private final ZoneId zone;
    private final LogOptions logOptions;
    private final DailyLogValidator validator;
    private final ExecutionLog executionLog;
    private final List<String> startupNotes;

    private WorkLogger(Builder b, WorkLogRepository repository, List<LlmProvider> chain, ZoneId zone,
            LogOptions options, ExecutionLog executionLog, String language, int maxOutputTokens) {
        this.repository = repository;
        this.clock = b.clock;
        this.zone = zone;
        this.logOptions = options;
        this.validator = new DailyLogValidator(options);
        this.executionLog = executionLog;
        this.generator = new RollupGenerator(chain, language, maxOutputTokens, b.clock);
        this.startupNotes = List.copyOf(b.notes);
    }

    /** Everything from the environment and {@code ./.env}. */
    public static WorkLogger fromEnvironment() {
        return builder().config(WorkLogConfig.fromEnvironment()).build();
    }

    /** Everything from the given configuration. */
    public static WorkLogger fromConfig(WorkLogConfig config) {
        return builder().config(config).build();
    }

    /** A builder; parts not given explicitly come from its configuration (empty by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Today in the configured time zone ({@code WORKLOG_TIMEZONE}). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The time zone "today" is computed in. */
    public ZoneId zone() {
        return zone;
    }

    /** The store. */
    public WorkLogRepository repository() {
        return repository;
    }

    /** The main LLM provider. */
    public LlmProvider provider() {
        return generator.primary();
    }

    /** The execution log. */
    public ExecutionLog executionLog() {
        return executionLog;
    }

    /** The select options daily logs are validated against. */
    public LogOptions logOptions() {
        return logOptions;
    }

    /** Things decided at start-up that a user should know (e.g. which provider was picked by default). */
    public List<String> startupNotes() {
        return startupNotes;
    }

    /**
     * Validates a draft without storing it: the entry as it would be stored, and the STAR advice.
     *
     * @throws dev.worklog.error.ValidationException listing every field error
     */
    public LogResult check(DailyLogDraft draft) {
        DailyLog log = validator.validate(draft, today());
        return new LogResult(log, false, StarSections.parse(log.context()).warnings());
    }

    /**
     * Validates and stores a daily log.
     *
     * @throws dev.worklog.error.ValidationException listing every field error; nothing is stored
     * @throws WorkLogException when the store fails
     */
    public LogResult log(DailyLogDraft draft) {
        LogResult checked;
        try {
            checked = check(draft);
        } catch (WorkLogException e) {
            executionLog.error(ExecutionLog.DAILY_LOGGER, "rejected daily log: " + e.getMessage());
            throw e;
        }
        return store(checked.log(), checked.warnings());
    }

    /** Re-validates an entry built in code against the configured options, then stores it. */
    public LogResult log(DailyLog entry) {
        DailyLog log = validator.validate(entry);
        return store(log, StarSections.parse(log.context()).warnings());
    }

    private LogResult store(DailyLog log, List<String> warnings) {
        try {
            StoredRef ref = repository.saveDailyLog(log);
            DailyLog stored = log.withStored(ref.id(), ref.url());
            executionLog.success(ExecutionLog.DAILY_LOGGER, "logged '" + log.title() + "' (" + log.loggedDate() + ", "
                    + log.category() + ", " + log.impactLevel() + ") -> " + ref.id() + " " + ref.url());
            return new LogResult(stored, true, warnings);
        } catch (RuntimeException e) {
            executionLog.error(ExecutionLog.DAILY_LOGGER, "failed to store '" + log.title() + "': " + e.getMessage());
            throw e;
        }
    }

    /**
     * Rolls a period's daily logs up into at most five achievements and three key highlights, and stores the result
     * (one record per period: a rerun replaces it). A rerun whose inputs are unchanged keeps the stored roll-up and
     * does not call the model, unless {@link SummarizeOptions#force()}; when the store can list edit stamps
     * ({@link WorkLogRepository#findDailyLogStamps}) and no log was edited since the roll-up read them, the logs are
     * not even read again ({@link WeeklyResult#logsRead()} is then empty). The roll-up records the tokens it used
     * and when its sources were read. A stored roll-up not in worklog's layout is named in the warnings.
     */
    public WeeklyResult summarizeWeek(Period period, SummarizeOptions options) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(options, "options");
        String component = ExecutionLog.WEEKLY_PROCESSOR;
        String what = "weekly roll-up " + period.isoWeekLabel() + " (" + period + ")";
        try {
            Optional<WeeklyRollup> existing = repository.findWeekly(period);
            if (!options.force() && existing.isPresent()) {
                // a store that can list edit stamps cheaply saves reading every log when none changed
                Optional<List<EditStamp>> stamps = repository.findDailyLogStamps(period, options.statuses());
                if (stamps.isPresent() && !stamps.get().isEmpty()
                        && generator.unchangedSince(existing.get(), stamps.get())) {
                    WeeklyRollup kept = existing.get();
                    executionLog.success(component, what + ": " + stamps.get().size() + " daily logs in "
                            + repository.describe() + statusNote(options.statuses()) + ", none edited since they were "
                            + "read at " + kept.generation().sourcesReadAt() + "; kept the stored roll-up without "
                            + "reading them again or calling the LLM");
                    return new WeeklyResult(period, List.of(), kept, RollupStatus.UNCHANGED, TokenUsage.NONE,
                            warnings(List.of(), kept.warnings()));
                }
            }
            Instant readAt = clock.instant();
            List<DailyLog> logs = repository.findDailyLogs(period, options.statuses());
            executionLog.info(component, what + ": " + logs.size() + " daily logs read from " + repository.describe()
                    + statusNote(options.statuses()) + "; provider " + provider().name() + " (" + provider().model() + ")"
                    + (options.dryRun() ? "; dry run" : ""));
            if (logs.isEmpty()) {
                executionLog.info(component, what + ": no daily logs in the period; nothing to summarise");
                return new WeeklyResult(period, logs, null, RollupStatus.NO_SOURCES, TokenUsage.NONE, List.of());
            }
            RollupGenerator.Outcome<WeeklyRollup> outcome =
                    generator.weekly(period, logs, existing, options.force(), readAt);
            Optional<WeeklyRollup> unreadable = existing.filter(w -> w.freeText() != null);
            List<String> warnings = warnings(outcome.notes(),
                    outcome.reused() && unreadable.isPresent() ? List.of() : outcome.rollup().warnings());
            if (unreadable.isPresent()) {
                // the stored page is not in worklog's layout: kept when its inputs are unchanged, else replaced
                String note = unreadable(unreadable.get()) + (outcome.reused() ? "" : "; a new roll-up replaces it");
                warnings.add(0, note);
                executionLog.info(component, what + ": " + note);
            }
            if (outcome.reused()) {
                executionLog.success(component, what + ": inputs unchanged since "
                        + outcome.rollup().generation().generatedAt() + "; kept the stored roll-up without calling the LLM");
                return new WeeklyResult(period, logs, outcome.rollup(), RollupStatus.UNCHANGED, outcome.usage(), warnings);
            }
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, " + outcome.rollup().achievements().size()
                        + " achievements generated, nothing stored" + usageNote(outcome.usage()));
                return new WeeklyResult(period, logs, outcome.rollup(), RollupStatus.DRY_RUN, outcome.usage(), warnings);
            }
            StoredRef ref = repository.upsertWeekly(outcome.rollup());
            WeeklyRollup stored = outcome.rollup().withStored(ref.id(), ref.url());
            executionLog.success(component, what + ": stored " + stored.achievements().size() + " achievements from "
                    + logs.size() + " logs -> " + ref.id() + " " + ref.url() + usageNote(outcome.usage())
                    + warningNote(warnings));
            return new WeeklyResult(period, logs, stored, RollupStatus.WRITTEN, outcome.usage(), warnings);
        } catch (RuntimeException e) {
            executionLog.error(component, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    /** What a run says about a roll-up page it could not read as worklog's layout: the page, and why. */
    private static String unreadable(WeeklyRollup week) {
        return "weekly roll-up '" + week.title() + "' (" + (week.url() == null ? week.id() : week.url()) + "): "
                + (week.warnings().isEmpty() ? "not in worklog's roll-up layout; its text is used as it is"
                        : String.join("; ", week.warnings()));
    }

    /**
     * Rolls a month's weekly roll-ups (every week that overlaps the month) up into two to four achievements, a
     * career brief and statistics computed from the month's daily logs, and stores the result (one per month). A
     * week not in worklog's layout (a page of the original system, or edited by hand) reaches the model as its text;
     * the run names each such page, by title and URL, in its warnings and in the execution log.
     */
    public MonthlyResult summarizeMonth(YearMonth month, SummarizeOptions options) {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(options, "options");
        String component = ExecutionLog.MONTHLY_PROCESSOR;
        String what = "monthly roll-up " + month;
        try {
            Period days = Period.of(month);
            List<WeeklyRollup> weeks = repository.findWeeklies(days);
            List<DailyLog> logs = repository.findDailyLogs(days, options.statuses());
            executionLog.info(component, what + ": " + weeks.size() + " weekly roll-ups and " + logs.size()
                    + " daily logs read from " + repository.describe() + statusNote(options.statuses()) + "; provider "
                    + provider().name() + " (" + provider().model() + ")" + (options.dryRun() ? "; dry run" : ""));
            if (weeks.isEmpty()) {
                executionLog.info(component, what + ": no weekly roll-ups overlap the month; run the weekly roll-ups first");
                return new MonthlyResult(month, weeks, logs.size(), null, RollupStatus.NO_SOURCES, TokenUsage.NONE,
                        List.of());
            }
            MonthlyStats stats = MonthlyStats.of(logs, weeks.size());
            List<String> unreadable = new ArrayList<>();
            for (WeeklyRollup week : weeks) {
                if (week.freeText() != null) {
                    unreadable.add(unreadable(week));
                    executionLog.info(component, what + ": " + unreadable(week));
                }
            }
            Optional<MonthlyRollup> existing = repository.findMonthly(month);
            RollupGenerator.Outcome<MonthlyRollup> outcome =
                    generator.monthly(month, weeks, stats, existing, options.force());
            List<String> warnings = warnings(unreadable, outcome.notes());
            warnings.addAll(outcome.rollup().warnings());
            if (outcome.reused()) {
                executionLog.success(component, what + ": inputs unchanged since "
                        + outcome.rollup().generation().generatedAt() + "; kept the stored roll-up without calling the LLM");
                return new MonthlyResult(month, weeks, logs.size(), outcome.rollup(), RollupStatus.UNCHANGED,
                        outcome.usage(), warnings);
            }
            if (options.dryRun()) {
                executionLog.success(component, what + ": dry run, nothing stored" + usageNote(outcome.usage()));
                return new MonthlyResult(month, weeks, logs.size(), outcome.rollup(), RollupStatus.DRY_RUN,
                        outcome.usage(), warnings);
            }
            StoredRef ref = repository.upsertMonthly(outcome.rollup());
            MonthlyRollup stored = outcome.rollup().withStored(ref.id(), ref.url());
            executionLog.success(component, what + ": stored " + stored.achievements().size() + " achievements from "
                    + weeks.size() + " weeks -> " + ref.id() + " " + ref.url() + usageNote(outcome.usage())
                    + warningNote(warnings));
            return new MonthlyResult(month, weeks, logs.size(), stored, RollupStatus.WRITTEN, outcome.usage(), warnings);
        } catch (RuntimeException e) {
            executionLog.error(component, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    /** Closes the store. */
    @Override
    public void close() {
        try {
            repository.close();
        } catch (Exception e) {
            executionLog.error(ExecutionLog.API_SERVER, "closing the store failed: " + e.getMessage());
        }
    }

    private static List<String> warnings(List<String> notes, List<String> rollupWarnings) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(rollupWarnings);
        return all;
    }

    private static String statusNote(Set<String> statuses) {
        return statuses.isEmpty() ? "" : " (status " + String.join(", ", statuses) + ")";
    }

    private static String usageNote(TokenUsage usage) {
        return usage.total() == 0 ? "" : "; tokens in " + usage.inputTokens() + ", out " + usage.outputTokens();
    }

    private static String warningNote(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s): " + String.join(" | ", warnings);
    }

    /**
     * Builds a {@link WorkLogger}. Every part is optional; what is not set comes from the configuration
     * ({@link #config}), and the configuration defaults to empty (local store, offline summarizer, system zone).
     */
    public static final class Builder {
        private WorkLogConfig config = WorkLogConfig.empty();
        private WorkLogRepository repository;
        private LlmProvider provider;
        private List<LlmProvider> fallbacks;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone;
        private Sleeper sleeper = Sleeper.system();
        private String language;
        private LogOptions logOptions;
        private ExecutionLog executionLog;
        private NamedServices<LlmProviderFactory> providers;
        private NamedServices<WorkLogRepositoryFactory> stores;
        private java.util.function.BiFunction<WorkLogRepository, SpiContext, WorkLogRepository> decorator;
        private final List<String> notes = new ArrayList<>();

        private Builder() {
        }

        /** Where unset parts come from: store, provider, zone, language, options, log file. */
        public Builder config(WorkLogConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        public Builder repository(WorkLogRepository value) {
            this.repository = Objects.requireNonNull(value, "repository");
            return this;
        }

        /** The main provider; skips {@code LLM_PROVIDER}. */
        public Builder llmProvider(LlmProvider value) {
            this.provider = Objects.requireNonNull(value, "llmProvider");
            return this;
        }

        /** Providers tried in order when the main one fails; skips {@code LLM_FALLBACK}. */
        public Builder fallbackProviders(List<? extends LlmProvider> value) {
            this.fallbacks = List.copyOf(value);
            return this;
        }

        /** The provider factories to choose from by name; by default those found with ServiceLoader. */
        public Builder providerFactories(NamedServices<LlmProviderFactory> value) {
            this.providers = Objects.requireNonNull(value, "providerFactories");
            return this;
        }

        /** The store factories to choose from by name; by default those found with ServiceLoader. */
        public Builder repositoryFactories(NamedServices<WorkLogRepositoryFactory> value) {
            this.stores = Objects.requireNonNull(value, "repositoryFactories");
            return this;
        }

        /**
         * Wraps the store (the configured one or the one given) before the logger uses it, with the same
         * configuration, clock and execution log, e.g. to put a {@link dev.worklog.internal.outbox.Outbox} in front of it
         * while keeping {@code WORKLOG_STORE} selection: {@code .repositoryDecorator((repo, ctx) ->
         * Outbox.builder(dir, repo).executionLog(ctx.executionLog()).build())}.
         */
        public Builder repositoryDecorator(
                java.util.function.BiFunction<WorkLogRepository, SpiContext, WorkLogRepository> value) {
            this.decorator = Objects.requireNonNull(value, "repositoryDecorator");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The zone "today" is computed in; skips {@code WORKLOG_TIMEZONE}. */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /** How providers and stores wait between retries. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** {@code ko} or {@code en}; skips {@code WORKLOG_LANGUAGE}. */
        public Builder language(String value) {
            this.language = checkLanguage(value, "language");
            return this;
        }

        public Builder logOptions(LogOptions value) {
            this.logOptions = Objects.requireNonNull(value, "logOptions");
            return this;
        }

        public Builder executionLog(ExecutionLog value) {
            this.executionLog = Objects.requireNonNull(value, "executionLog");
            return this;
        }

        /**
         * Builds the logger, creating the store and the providers now.
         *
         * @throws ConfigurationException naming the variable when the configuration is incomplete or wrong
         */
        public WorkLogger build() {
            notes.clear();
            ZoneId z = zone != null ? zone : zoneFromConfig();
            String lang = language != null ? language : checkLanguage(config.get(ConfigKeys.WORKLOG_LANGUAGE, "ko"),
                    ConfigKeys.WORKLOG_LANGUAGE);
            LogOptions options = logOptions != null ? logOptions : optionsFromConfig();
            ExecutionLog log = executionLog != null ? executionLog
                    : ExecutionLog.toFile(Path.of(config.get(ConfigKeys.LOG_FILE, "logs/execution.log")), clock, z,
                            config.secretValues());
            SpiContext context = new SpiContext(config, clock, sleeper, log);
            List<LlmProvider> chain = new ArrayList<>();
            chain.add(provider != null ? provider : providerFromConfig(context));
            if (fallbacks != null) {
                chain.addAll(fallbacks);
            } else {
                NamedServices<LlmProviderFactory> factories = providerFactories();
                for (String name : config.getList(ConfigKeys.LLM_FALLBACK, List.of())) {
                    if (!name.equalsIgnoreCase(chain.get(0).name())) {
                        chain.add(factories.require(name).create(context));
                    }
                }
            }
            int maxTokens = config.getInt("WORKLOG_MAX_OUTPUT_TOKENS", DEFAULT_MAX_OUTPUT_TOKENS, 256, 200_000);
            WorkLogRepository repo = repository != null ? repository : repositoryFromConfig(context);
            if (decorator != null) {
                repo = Objects.requireNonNull(decorator.apply(repo, context), "the repository decorator returned null");
            }
            return new WorkLogger(this, repo, chain, z, options, log, lang, maxTokens);
        }

        private ZoneId zoneFromConfig() {
            Optional<String> tz = config.get(ConfigKeys.WORKLOG_TIMEZONE);
            if (tz.isEmpty()) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(tz.get());
            } catch (DateTimeException e) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_TIMEZONE + " must be an IANA time zone such as "
                        + "Asia/Seoul or UTC, got '" + tz.get() + "'", e);
            }
        }

        private LogOptions optionsFromConfig() {
            try {
                return new LogOptions(config.getList(ConfigKeys.WORKLOG_CATEGORIES, LogOptions.DEFAULT_CATEGORIES),
                        config.getList(ConfigKeys.WORKLOG_STATUSES, LogOptions.DEFAULT_STATUSES));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_CATEGORIES + "/" + ConfigKeys.WORKLOG_STATUSES
                        + ": " + e.getMessage(), e);
            }
        }

        private LlmProvider providerFromConfig(SpiContext context) {
            Optional<String> name = config.get(ConfigKeys.LLM_PROVIDER);
            if (name.isEmpty()) {
                // The original defaults to claude; without its key we fall back to the offline summarizer
                // rather than failing, so that the zero-configuration path works.
                if (config.isSet("CLAUDE_API_KEY") && providerFactories().find("claude").isPresent()) {
                    return providerFactories().require("claude").create(context);
                }
                notes.add("LLM_PROVIDER is not set and CLAUDE_API_KEY is not set: using the offline summarizer "
                        + "(no LLM). Set LLM_PROVIDER=claude|openai|gemini and its key to use a model.");
                return providerFactories().require(OfflineSummarizer.NAME).create(context);
            }
            return providerFactories().require(name.get()).create(context);
        }

        private WorkLogRepository repositoryFromConfig(SpiContext context) {
            String name = config.get(ConfigKeys.WORKLOG_STORE)
                    .orElse(config.isSet(ConfigKeys.NOTION_API_KEY) ? "notion" : "local");
            if (stores == null) {
                stores = NamedServices.repositories();
            }
            return stores.require(name).create(context);
        }

        private NamedServices<LlmProviderFactory> providerFactories() {
            if (providers == null) {
                providers = NamedServices.llmProviders();
            }
            return providers;
        }

        private static String checkLanguage(String value, String name) {
            String v = Objects.requireNonNull(value, name).strip().toLowerCase(java.util.Locale.ROOT);
            if (!v.equals("ko") && !v.equals("en")) {
                throw new ConfigurationException(name + " must be ko or en, got '" + value + "'");
            }
            return v;
        }
    }
}
