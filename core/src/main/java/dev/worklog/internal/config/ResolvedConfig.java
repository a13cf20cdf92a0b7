package dev.worklog.internal.config;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.redact.RedactingProvider;
import dev.worklog.internal.redact.RedactionRules;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.LogOptions;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.store.LocalRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration resolved once, the same way for the facade, doctor and backups: which store, which provider and
 * fallback chain, the zone, the language, the log options and the execution log. Each part is resolved when asked,
 * so that doctor can report every broken part while the facade fails on the first; a part that cannot be resolved
 * throws a {@link ConfigurationException} naming its variable.
 *
 * <p>Which store and provider are chosen when none is named is asked of the plug-ins
 * ({@link WorkLogRepositoryFactory#selectedByDefault}, {@link LlmProviderFactory#selectedByDefault}): core names
 * none of them.
 */
public final class ResolvedConfig {
    /** The most tokens a roll-up reply may use unless {@code WORKLOG_MAX_OUTPUT_TOKENS} says otherwise. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8192;
    /** The execution log used when {@code LOG_FILE} is unset. */
    public static final String DEFAULT_LOG_FILE = "logs/execution.log";

    private final WorkLogConfig config;
    private final NamedServices<WorkLogRepositoryFactory> stores;
    private final NamedServices<LlmProviderFactory> providers;

    /**
     * @param stores the stores to choose from, or {@code null} for those found with ServiceLoader
     * @param providers the providers to choose from, or {@code null} for those found with ServiceLoader
     */
    public ResolvedConfig(WorkLogConfig config, NamedServices<WorkLogRepositoryFactory> stores,
            NamedServices<LlmProviderFactory> providers) {
        this.config = Objects.requireNonNull(config, "config");
        this.stores = stores != null ? stores : NamedServices.repositories();
        this.providers = providers != null ? providers : NamedServices.llmProviders();
    }

    /** The configuration with the stores and providers found with ServiceLoader. */
    public static ResolvedConfig of(WorkLogConfig config) {
        return new ResolvedConfig(config, null, null);
    }

    /** The variables themselves. */
    public WorkLogConfig config() {
        return config;
    }

    /** The stores to choose from. */
    public NamedServices<WorkLogRepositoryFactory> stores() {
        return stores;
    }

    /** The LLM providers to choose from. */
    public NamedServices<LlmProviderFactory> providers() {
        return providers;
    }

    /**
     * The store's name: {@code WORKLOG_STORE}, else the first store the configuration selects by default, else
     * {@code local}.
     */
    public String storeName() {
        Optional<String> named = config.get(ConfigKeys.WORKLOG_STORE);
        if (named.isPresent()) {
            return named.get();
        }
        for (String name : stores.names()) {
            WorkLogRepositoryFactory factory = stores.require(name);
            if (factory.selectedByDefault(config)) {
                return factory.name();
            }
        }
        return LocalRepositoryFactory.NAME;
    }

    /**
     * The chosen store's factory.
     *
     * @throws ConfigurationException naming {@code WORKLOG_STORE} and the available stores when there is no such store
     */
    public WorkLogRepositoryFactory store() {
        return stores.require(storeName());
    }

    /** Whether {@code LLM_PROVIDER} names the provider (rather than a default choosing it). */
    public boolean providerNamed() {
        return config.isSet(ConfigKeys.LLM_PROVIDER);
    }

    /**
     * The main provider's name, in lower case: {@code LLM_PROVIDER}, else the first provider the configuration selects
     * by default, else the offline summarizer.
     */
    public String providerName() {
        Optional<String> named = config.get(ConfigKeys.LLM_PROVIDER);
        if (named.isPresent()) {
            return named.get().toLowerCase(Locale.ROOT);
        }
        for (String name : providers.names()) {
            LlmProviderFactory factory = providers.require(name);
            if (factory.selectedByDefault(config)) {
                return factory.name().toLowerCase(Locale.ROOT);
            }
        }
        return OfflineSummarizer.NAME;
    }

    /**
     * The main provider's factory.
     *
     * @throws ConfigurationException naming {@code LLM_PROVIDER} and the available providers when there is none
     */
    public LlmProviderFactory provider() {
        return providers.require(providerName());
    }

    /** What a user should know about the choice: that the offline summarizer was chosen because nothing else was. */
    public Optional<String> providerNote() {
        if (providerNamed() || !OfflineSummarizer.NAME.equals(providerName())) {
            return Optional.empty();
        }
        List<String> models = new ArrayList<>(providers.names());
        models.remove(OfflineSummarizer.NAME);
        return Optional.of(ConfigKeys.LLM_PROVIDER + " is not set and no provider is configured: using the offline "
                + "summarizer (no LLM). Set " + ConfigKeys.LLM_PROVIDER + "="
                + (models.isEmpty() ? "<provider>" : String.join("|", models)) + " and its key to use a model.");
    }

    /**
     * The providers a run asks in turn: {@code given} or {@code LLM_PROVIDER}'s, then {@code fallbacks} or
     * {@code LLM_FALLBACK}'s, each that sends prompts off the machine behind the redaction step
     * ({@code WORKLOG_REDACT}).
     *
     * @param given the main provider set in code, or null for the configured one
     * @param fallbacks the fallbacks set in code, or null for the configured ones
     * @param notes receives what a user should know about the choice (a provider picked by default)
     */
    public List<LlmProvider> providerChain(SpiContext context, LlmProvider given, List<LlmProvider> fallbacks,
            List<String> notes) {
        List<LlmProvider> chain = new ArrayList<>();
        if (given != null) {
            chain.add(given);
        } else {
            chain.add(provider().create(context));
            providerNote().ifPresent(notes::add);
        }
        if (fallbacks != null) {
            chain.addAll(fallbacks);
        } else {
            for (String name : fallbackNames(chain.get(0).name())) {
                chain.add(providers().require(name).create(context));
            }
        }
        return RedactingProvider.wrap(chain, redaction(), context.executionLog());
    }

    /** The providers tried in order after the main one ({@code LLM_FALLBACK}), the main one left out. */
    public List<String> fallbackNames(String main) {
        List<String> out = new ArrayList<>();
        for (String name : config.getList(ConfigKeys.LLM_FALLBACK, List.of())) {
            if (!name.equalsIgnoreCase(main)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Whether {@code WORKLOG_TIMEZONE} is set.
     */
    public boolean zoneSet() {
        return config.isSet(ConfigKeys.WORKLOG_TIMEZONE);
    }

    /**
     * The zone "today" is computed in: {@code WORKLOG_TIMEZONE}, else the system's.
     *
     * @throws ConfigurationException when {@code WORKLOG_TIMEZONE} is not an IANA zone
     */
    public ZoneId zone() {
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

    /**
     * The language of prompts and offline roll-ups: {@code WORKLOG_LANGUAGE}, default {@code ko}.
     *
     * @throws ConfigurationException when it is neither {@code ko} nor {@code en}
     */
    public String language() {
        return checkLanguage(config.get(ConfigKeys.WORKLOG_LANGUAGE, "ko"), ConfigKeys.WORKLOG_LANGUAGE);
    }

    /**
     * A language as given, checked.
     *
     * @throws ConfigurationException naming {@code name} when it is neither {@code ko} nor {@code en}
     */
    public static String checkLanguage(String value, String name) {
        String v = Objects.requireNonNull(value, name).strip().toLowerCase(Locale.ROOT);
        if (!v.equals("ko") && !v.equals("en")) {
            throw new ConfigurationException(name + " must be ko or en, got '" + value + "'");
        }
        return v;
    }

    /** The select options daily logs are validated against ({@link LogOptions#fromConfig}). */
    public LogOptions logOptions() {
        return LogOptions.fromConfig(config);
    }

    /** The most tokens a roll-up reply may use ({@code WORKLOG_MAX_OUTPUT_TOKENS}). */
    public int maxOutputTokens() {
        return config.getInt(ConfigKeys.WORKLOG_MAX_OUTPUT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS, 256, 200_000);
    }

    /** The execution log's file ({@code LOG_FILE}); empty for {@code LOG_FILE=-}, the console only. */
    public Optional<Path> executionLogFile() {
        String value = config.get(ConfigKeys.LOG_FILE, DEFAULT_LOG_FILE);
        if (value.strip().equals(ExecutionLog.CONSOLE_ONLY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigurationException(ConfigKeys.LOG_FILE + " is not a valid path: " + e.getMessage(), e);
        }
    }

    /** The execution log, masking every secret of the configuration. */
    public ExecutionLog executionLog(Clock clock, ZoneId zone) {
        return executionLog(clock, zone, null);
    }

    /**
     * The execution log, its lines also printed to {@code copy} when one is given (a server's stdout). With
     * {@code LOG_FILE=-} there is no file: the lines go to {@code copy}, or to stderr without one (the CLI, whose
     * stdout is the command's output).
     */
    public ExecutionLog executionLog(Clock clock, ZoneId zone, java.io.PrintStream copy) {
        Optional<Path> file = executionLogFile();
        if (file.isEmpty()) {
            return ExecutionLog.toConsole(copy != null ? copy : System.err, clock, zone, config.secretValues());
        }
        ExecutionLog log = ExecutionLog.toFile(file.get(), clock, zone, config.secretValues());
        return copy == null ? log : log.alsoTo(copy);
    }

    /**
     * What is redacted before a prompt leaves the machine ({@code WORKLOG_REDACT} and its companions); the term file
     * is read now.
     *
     * @throws ConfigurationException naming the variable when a value is invalid or the term file cannot be read
     */
    public RedactionRules redaction() {
        return RedactionRules.from(config);
    }

    /** What the plug-ins get, with the given services. */
    public SpiContext context(Clock clock, Sleeper sleeper, ExecutionLog log) {
        return new SpiContext(config, clock, sleeper, log);
    }
}
