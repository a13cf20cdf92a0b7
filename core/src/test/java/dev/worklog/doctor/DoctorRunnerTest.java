package dev.worklog.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizerFactory;
import dev.worklog.testing.DoctorFakes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor as a runner: core's checks in order, and every store, provider and extension speaking for itself through
 * the SPIs (a made-up "Acme" store here; the real modules' words are tested with them).
 */
class DoctorRunnerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final DoctorFakes.Store store = new DoctorFakes.Store();
    private final DoctorFakes.Llm llm = new DoctorFakes.Llm();

    /** How a store module would describe itself: its variables, its default selection and its advice. */
    private static final WorkLogRepositoryFactory ACME = new WorkLogRepositoryFactory() {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public WorkLogRepository create(SpiContext context) {
            throw new AssertionError("the fake store stands in for this one");
        }

        @Override
        public boolean selectedByDefault(WorkLogConfig config) {
            return config.isSet("ACME_TOKEN");
        }

        @Override
        public List<String> variables() {
            return List.of("ACME_TOKEN", "ACME_DAILY");
        }

        @Override
        public DoctorAdvice advice() {
            return DoctorAdvice.builder("Acme").keyVariable("ACME_TOKEN").baseUrlVariable("ACME_URL")
                    .collectionVariable(DoctorAdvice.Collection.DAILY, "ACME_DAILY")
                    .fix(PermissionDeniedException.class, v -> "Grant the token access to " + v.orElse("?"))
                    .build();
        }
    };

    /** How a module adds a settings check and its variables. */
    private static final DoctorExtension SETTINGS = new DoctorExtension() {
        @Override
        public List<Check> checks(WorkLogRepository repository, SpiContext context) {
            return List.of();
        }

        @Override
        public List<Check> checks(SpiContext context) {
            return List.of(Check.warn("acme settings", "ACME_MODE is " + context.config().get("ACME_MODE", "unset"),
                    "Set ACME_MODE"));
        }

        @Override
        public List<String> variables() {
            return List.of("ACME_MODE");
        }
    };

    private DoctorReport run(Map<String, String> variables, DoctorExtension... extensions) {
        Map<String, String> v = new HashMap<>(variables);
        v.putIfAbsent("LOG_FILE", dir.resolve("execution.log").toString());
        return Doctor.builder().config(WorkLogConfig.of(v)).clock(CLOCK)
                .repositoryFactories(NamedServices.of(WorkLogRepositoryFactory::name, "store", "WORKLOG_STORE",
                        store.factory("local"), store.factory(ACME)))
                .providerFactories(NamedServices.of(LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER",
                        llm.factory("acmellm", "ACMELLM_API_KEY"), new OfflineSummarizerFactory()))
                .extensions(List.of(extensions))
                .build().run();
    }

    private static Check check(DoctorReport report, String prefix) {
        return report.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + report.lines()));
    }

    @Test
    void theStoreTheConfigurationSelectsIsCheckedWithItsOwnWordsAndModulesChecksComeLast() {
        DoctorReport report = run(Map.of("ACME_TOKEN", "acme-secret-0123456789", "ACME_MODE", "fast"), SETTINGS);

        assertThat(report.checks()).extracting(Check::name).containsExactly("variables", "time zone", "store",
                "daily logs (ACME_DAILY)", "weekly roll-ups", "monthly roll-ups", "LLM provider", "LLM reachable",
                "redaction", "execution log", "acme settings");
        assertThat(check(report, "store").detail()).isEqualTo("acme: fake acme");
        assertThat(check(report, "variables").detail()).startsWith("set: LOG_FILE, ACME_TOKEN, ACME_MODE; not set: "
                + "LLM_PROVIDER, LLM_FALLBACK").contains("ACMELLM_API_KEY", "ACME_DAILY")
                .doesNotContain("acme-secret-0123456789");
        assertThat(check(report, "acme settings").detail()).isEqualTo("ACME_MODE is fast");
        assertThat(store.reads).hasSize(3);
    }

    @Test
    void aServicesOwnFixComesFirstAndTheGenericOnesUseItsVariables() {
        store.daily = () -> {
            throw new PermissionDeniedException("acme answered 403");
        };
        store.weekly = () -> {
            throw new TransportException("acme: connection refused");
        };
        store.monthly = () -> {
            throw new ServerException("acme answered 503");
        };

        DoctorReport report = run(Map.of("ACME_TOKEN", "acme-secret-0123456789"));

        assertThat(check(report, "daily logs").fix()).isEqualTo("Grant the token access to ACME_DAILY");
        assertThat(check(report, "weekly roll-ups").fix())
                .isEqualTo("No connection to Acme: check the network, proxy settings and ACME_URL");
        assertThat(check(report, "monthly roll-ups").fix()).startsWith("Acme is failing on its side (5xx)");
    }

    @Test
    void withoutASelectingConfigurationTheLocalStoreAndTheOfflineSummarizerAreChosen() {
        DoctorReport report = run(Map.of());

        assertThat(check(report, "store").detail()).isEqualTo("local: fake local");
        assertThat(check(report, "daily logs").name()).isEqualTo("daily logs");
        assertThat(check(report, "LLM provider").detail())
                .isEqualTo("offline, model offline-extractive-1 (LLM_PROVIDER not set and no provider configured: "
                        + "roll-ups are made without a model)");
    }

    @Test
    void aMissingProviderKeyListsTheProvidersToChooseFrom() {
        Check c = check(run(Map.of("LLM_PROVIDER", "acmellm")), "LLM provider");

        assertThat(c.detail()).isEqualTo("acmellm: ACMELLM_API_KEY not set");
        assertThat(c.fix()).isEqualTo("Set ACMELLM_API_KEY (the acmellm API key) in the environment or in .env, or "
                + "choose another provider with LLM_PROVIDER=acmellm|offline");
        assertThat(llm.healthChecks).isZero();
    }

    @Test
    void aSettingsCheckThatThrowsBecomesAFailedCheckWithoutStoppingTheOthers() {
        DoctorExtension broken = new DoctorExtension() {
            @Override
            public List<Check> checks(WorkLogRepository repository, SpiContext context) {
                return List.of();
            }

            @Override
            public List<Check> checks(SpiContext context) {
                throw new IllegalStateException("settings unreadable");
            }
        };

        DoctorReport report = run(Map.of(), broken, SETTINGS);

        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.detail()).isEqualTo("settings unreadable");
            assertThat(c.fix()).contains("--verbose");
        });
        assertThat(check(report, "acme settings").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void redactionShowsTheModeForAProviderThatSendsAndWarnsWhenItIsOff() throws Exception {
        Path terms = dir.resolve("terms.txt");
        java.nio.file.Files.writeString(terms, "[customer]\nGlobex\n/Initech( Bank)?/\n");

        Check standard = check(run(Map.of("LLM_PROVIDER", "acmellm", "ACMELLM_API_KEY", "k-0123456789",
                "WORKLOG_REDACT_TERMS_FILE", terms.toString(), "WORKLOG_REDACT_DOMAINS", "acme.com")), "redaction");
        assertThat(standard.status()).isEqualTo(Check.Status.OK);
        assertThat(standard.detail()).startsWith("before every request to acmellm: standard: e-mail addresses")
                .contains("URLs on internal hosts", ".internal", "acme.com", "ticket keys", "2 listed terms from "
                        + terms, "numbers are never replaced", "(the default; WORKLOG_REDACT=off|standard|strict)");

        Check strict = check(run(Map.of("LLM_PROVIDER", "acmellm", "ACMELLM_API_KEY", "k-0123456789",
                "WORKLOG_REDACT", "STRICT", "WORKLOG_REDACT_TICKET_PATTERN", "none")), "redaction");
        assertThat(strict.detail()).contains("strict: ", "every URL").doesNotContain("ticket keys", "the default");

        Check off = check(run(Map.of("LLM_PROVIDER", "acmellm", "ACMELLM_API_KEY", "k-0123456789",
                "WORKLOG_REDACT", "off")), "redaction");
        assertThat(off.status()).isEqualTo(Check.Status.WARN);
        assertThat(off.detail()).contains("prompts go to acmellm as written");
        assertThat(off.fix()).contains("Unset WORKLOG_REDACT");
    }

    @Test
    void redactionIsNotNeededForTheOfflineSummarizerAndABadSettingFailsNamingTheVariable() {
        Check offline = check(run(Map.of("LLM_PROVIDER", "offline", "WORKLOG_REDACT", "strict")), "redaction");
        assertThat(offline.status()).isEqualTo(Check.Status.OK);
        assertThat(offline.detail()).startsWith("not needed: the offline summarizer").contains("WORKLOG_REDACT=strict");

        Check bad = check(run(Map.of("LLM_PROVIDER", "offline", "WORKLOG_REDACT", "paranoid")), "redaction");
        assertThat(bad.status()).isEqualTo(Check.Status.FAIL);
        assertThat(bad.detail()).contains("WORKLOG_REDACT must be off, standard or strict, got 'paranoid'");

        Check missing = check(run(Map.of("LLM_PROVIDER", "offline", "WORKLOG_REDACT_TERMS_FILE",
                dir.resolve("nope.txt").toString())), "redaction");
        assertThat(missing.status()).isEqualTo(Check.Status.FAIL);
        assertThat(missing.detail()).contains("WORKLOG_REDACT_TERMS_FILE names", "which does not exist");
    }
}
