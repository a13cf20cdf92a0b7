package dev.worklog;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.internal.review.ReviewRun;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.internal.validation.DailyLogValidator;
import dev.worklog.internal.validation.StarSections;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.LogOptions;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.review.ReviewOptions;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewResult;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = ResolvedConfig.DEFAULT_MAX_OUTPUT_TOKENS;

    private final WorkLogRepository repository;
    private final RollupGenerator generator;
    private final Rollups rollups;
    private final Previews previews;
    private final ReviewRun reviews;
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
        this.rollups = new Rollups(repository, generator, b.clock, this::today, executionLog);
        this.previews = new Previews(repository, generator, executionLog);
        this.reviews = new ReviewRun(repository, generator, b.clock, zone, executionLog, rollups::week, rollups::month);
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
     *
     * <p>The schedule's period is an ISO week ({@link Period#isoWeekOf}, {@link Period#previousIsoWeek}); any other
     * period is stored and named by its dates ({@link Period#label()}), and a warning says when it overlaps other
     * stored roll-ups, of which a monthly roll-up uses each day once.
     */
    public WeeklyResult summarizeWeek(Period period, SummarizeOptions options) {
        return rollups.week(period, options);
    }

    /**
     * Rolls a month's weekly roll-ups (every week that overlaps the month) up into two to four achievements, a
     * career brief and statistics computed from the month's daily logs, and stores the result (one per month). A
     * week not in worklog's layout (a page of the original system, or edited by hand) reaches the model as its text;
     * the run names each such page, by title and URL, in its warnings and in the execution log.
     *
     * <p>Every ISO week that overlaps the month takes part, so the week holding the month's last day, which ends in
     * the next month, does too: a week with daily logs and no roll-up is rolled up first (stored, unless a dry run),
     * unless {@link SummarizeOptions#rollUpMissingWeeks()} is off. When stored roll-ups overlap (a period made with
     * other dates), one set of weeks is used, ISO weeks first, and the others are named in the warnings; the
     * statistics' week count is the number of weeks used ({@link MonthlyResult#weeksRead()}).
     */
    public MonthlyResult summarizeMonth(YearMonth month, SummarizeOptions options) {
        return rollups.month(month, options);
    }

    /**
     * Shows what {@link #summarizeWeek} would send to the model, after redaction ({@code WORKLOG_REDACT}), without
     * calling it or storing anything: the prompt, and how many values of each kind were replaced.
     */
    public PromptPreview previewWeek(Period period, SummarizeOptions options) {
        return previews.week(period, options);
    }

    /** Shows what {@link #summarizeMonth} would send to the model, as {@link #previewWeek} does for a week. */
    public PromptPreview previewMonth(YearMonth month, SummarizeOptions options) {
        return previews.month(month, options);
    }

    /**
     * Makes a review packet of a quarter, a half-year, a year or a run of months from the period's monthly roll-ups
     * (rolling up first the months and weeks that are missing or out of date, unless told not to), with their
     * weekly achievements and daily logs reachable by citation: a short narrative, the top achievements (at most
     * ten, ranked by impact and evidence, grouped by theme, in STAR form with their metrics, dates and links to their
     * source logs and tickets), statistics against the previous period of the same length, and the weeks without
     * any log. The model is asked through the same chain as the roll-ups (the offline summarizer makes an
     * extractive packet), the reply is validated, repaired once if needed, and every number checked against the
     * cited sources. A stored packet whose inputs are unchanged is reused without calling the model. Render it with
     * {@link dev.worklog.review.ReviewExport}.
     *
     * <pre>{@code
     * ReviewResult r = logger.review(ReviewPeriod.parse("2026-Q4"), ReviewOptions.defaults().withSave(true));
     * r.packetIfAny().ifPresent(p -> System.out.println(ReviewExport.markdown(p)));
     * }</pre>
     *
     * @throws IllegalArgumentException when the period has not started yet
     */
    public ReviewResult review(ReviewPeriod period, ReviewOptions options) {
        return reviews.run(period, options);
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
        private java.io.PrintStream logCopy;
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
         * configuration, clock and execution log, e.g. to put the REST server's outbox in front of it
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
            this.language = ResolvedConfig.checkLanguage(value, "language");
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
         * Also writes every execution-log line to {@code value}, as it is written to {@code LOG_FILE}; with
         * {@code LOG_FILE=-} only there. A server passes {@code System.out}: hosts (Docker, Render, CloudWatch) show a
         * process's stdout. Ignored when {@link #executionLog} is given.
         */
        public Builder executionLogCopy(java.io.PrintStream value) {
            this.logCopy = Objects.requireNonNull(value, "executionLogCopy");
            return this;
        }

        /**
         * Builds the logger, creating the store and the providers now.
         *
         * @throws ConfigurationException naming the variable when the configuration is incomplete or wrong
         */
        public WorkLogger build() {
            notes.clear();
            ResolvedConfig resolved = new ResolvedConfig(config, stores, providers);
            ZoneId z = zone != null ? zone : resolved.zone();
            String lang = language != null ? language : resolved.language();
            LogOptions options = logOptions != null ? logOptions : resolved.logOptions();
            ExecutionLog log = executionLog != null ? executionLog : resolved.executionLog(clock, z, logCopy);
            SpiContext context = resolved.context(clock, sleeper, log);
            List<LlmProvider> chain = resolved.providerChain(context, provider, fallbacks, notes);
            int maxTokens = resolved.maxOutputTokens();
            WorkLogRepository repo = repository != null ? repository : resolved.store().create(context);
            if (decorator != null) {
                repo = Objects.requireNonNull(decorator.apply(repo, context), "the repository decorator returned null");
            }
            return new WorkLogger(this, repo, chain, z, options, log, lang, maxTokens);
        }
    }
}
