package dev.worklog.doctor;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.log.ExecutionLog;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Checks a configuration end to end and says, for each failure, how to fix it: which variables are set (names
 * only, never values), whether the store can be opened and each of its three collections read, whether the chosen
 * LLM answers ({@link LlmProvider#checkHealth()}, which spends no tokens), what is redacted before a prompt leaves
 * the machine ({@code WORKLOG_REDACT}), and whether the execution log is writable. Modules add their own checks ({@link DoctorExtension}: Notion's schema check, the REST API's token) and
 * word the fixes for their store or provider ({@link dev.worklog.spi.DoctorAdvice}, from their factories), so that
 * a fix names the right variable and page.
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
 * a query of today's daily logs, this week's and this month's roll-ups, the store module's own reads (Notion's
 * database schemas) and the model's description.
 */
public final class Doctor {
    /** Check names, stable so that scripts and tests can find them. */
    public static final String VARIABLES = "variables";
    /** The time zone check. */
    public static final String TIMEZONE = "time zone";
    /** The check that the store can be opened. */
    public static final String STORE = "store";
    /** The read of today's daily logs (with the variable naming the collection, when the store has one). */
    public static final String DAILY = "daily logs";
    /** The read of this week's roll-up. */
    public static final String WEEKLY = "weekly roll-ups";
    /** The read of this month's roll-up. */
    public static final String MONTHLY = "monthly roll-ups";
    /** The check that the main provider is available and configured. */
    public static final String LLM = "LLM provider";
    /** The provider's own health check. */
    public static final String LLM_REACHABLE = "LLM reachable";
    /** What is redacted before a prompt leaves the machine ({@code WORKLOG_REDACT}). */
    public static final String REDACTION = "redaction";
    /** The check that the execution log can be written. */
    public static final String EXECUTION_LOG = "execution log";
    /** The store's circuit breaker. */
    public static final String BREAKER = "store circuit breaker";

    private final ResolvedConfig resolved;
    private final Clock clock;
    private final List<DoctorExtension> extensions;
    private final Findings findings;

    private Doctor(Builder b) {
        this.resolved = new ResolvedConfig(b.config, b.stores, b.providers);
        this.clock = b.clock;
        this.extensions = b.extensions != null ? b.extensions : discoverExtensions();
        this.findings = new Findings(b.config.secretValues());
    }

    /** A builder; by default the configuration is empty and factories and extensions come from ServiceLoader. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check. Never throws for what it checks: each failure is a {@link Check.Status#FAIL} line. */
    public DoctorReport run() {
        List<Check> checks = new ArrayList<>();
        SettingsChecks settings = new SettingsChecks(resolved);
        checks.add(settings.variables(extensions));
        ZoneId zone = settings.zone(checks);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        SpiContext context = resolved.context(clock, Sleeper.system(), ExecutionLog.disabled());
        new StoreChecks(resolved, findings).run(checks, context, today, extensions);
        new LlmChecks(resolved, findings).run(checks, context);
        checks.add(findings.redacted(settings.redaction()));
        checks.add(settings.executionLog());
        for (DoctorExtension extension : extensions) {
            try {
                extension.checks(context).forEach(c -> checks.add(findings.redacted(c)));
            } catch (RuntimeException e) {
                checks.add(Check.fail(extension.getClass().getSimpleName(), findings.message(e),
                        "See the message; run with --verbose for details"));
            }
        }
        return new DoctorReport(checks);
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

        /** The modules' extra checks; by default those found with ServiceLoader. */
        public Builder extensions(List<DoctorExtension> value) {
            this.extensions = List.copyOf(Objects.requireNonNull(value, "extensions"));
            return this;
        }

        /** The doctor. */
        public Doctor build() {
            return new Doctor(this);
        }
    }
}
