package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.doctor.Check.Status;
import dev.worklog.doctor.Check;
import dev.worklog.doctor.Doctor;
import dev.worklog.doctor.DoctorExtension;
import dev.worklog.doctor.DoctorReport;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.TransportException;
import dev.worklog.llm.claude.ClaudeProviderFactory;
import dev.worklog.notion.NotionRepositoryFactory;
import dev.worklog.server.ServerDoctorExtension;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.store.LocalRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizerFactory;
import dev.worklog.testing.DoctorFakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog doctor}'s checklist with every module the CLI ships: core runs the checks, and the Notion store,
 * the Claude provider and the REST server word their own (their real factories' advice and extensions), while the
 * store and the model themselves are fakes that fail where a test says.
 */
class DoctorTest {
    private static final String NOTION_KEY = "secret_notion_0123456789abcdef";
    private static final String CLAUDE_KEY = "sk-ant-claude-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A store that reads from memory unless told to fail on one of its three collections. */
    private final DoctorFakes.Store store = new DoctorFakes.Store();
    private final DoctorFakes.Llm llm = new DoctorFakes.Llm();
    private final List<String> extensionCalls = new ArrayList<>();

    private Map<String, String> healthyVariables() {
        Map<String, String> v = new HashMap<>();
        v.put("NOTION_API_KEY", NOTION_KEY);
        v.put("NOTION_DB1_ID", "db1");
        v.put("NOTION_DB2_ID", "db2");
        v.put("NOTION_DB3_ID", "db3");
        v.put("LLM_PROVIDER", "claude");
        v.put("CLAUDE_API_KEY", CLAUDE_KEY);
        v.put("API_AUTH_TOKEN", "0123456789abcdef0123456789abcdef");
        v.put("LOG_FILE", dir.resolve("logs/execution.log").toString());
        v.put("WORKLOG_TIMEZONE", "Asia/Seoul");
        return v;
    }

    private DoctorReport run(Map<String, String> variables, DoctorExtension... extensions) {
        WorkLogConfig config = WorkLogConfig.of(variables);
        return Doctor.builder().config(config).clock(CLOCK)
                .repositoryFactories(NamedServices.of(WorkLogRepositoryFactory::name, "store", "WORKLOG_STORE",
                        store.factory(new NotionRepositoryFactory()), store.factory(new LocalRepositoryFactory())))
                .providerFactories(NamedServices.of(LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER",
                        llm.factory(new ClaudeProviderFactory()), new OfflineSummarizerFactory()))
                .extensions(withServer(extensions))
                .build().run();
    }

    /** The test's store checks, then the REST server's own (the API token), as ServiceLoader finds them in the CLI. */
    private static List<DoctorExtension> withServer(DoctorExtension... extensions) {
        List<DoctorExtension> all = new ArrayList<>(List.of(extensions));
        all.add(new ServerDoctorExtension());
        return all;
    }

    private static Check check(DoctorReport report, String prefix) {
        return report.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + report.lines()));
    }

    @Test
    void aHealthyConfigurationPassesEveryCheck() {
        DoctorReport report = run(healthyVariables(), (repo, ctx) -> {
            extensionCalls.add(repo.describe());
            return List.of(Check.ok("Notion schema", "The Notion databases match the expected schema."));
        });

        assertThat(report.healthy()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactly("variables", "time zone", "store",
                "daily logs (NOTION_DB1_ID)", "weekly roll-ups (NOTION_DB2_ID)", "monthly roll-ups (NOTION_DB3_ID)",
                "Notion schema", "LLM provider", "LLM reachable", "redaction", "execution log", "API token", "outbox");
        assertThat(report.checks()).allMatch(c -> c.status() == Status.OK);
        // the three collections were read: today, this ISO week, this month (in Asia/Seoul: 2026-11-26)
        assertThat(store.reads).containsExactly("daily 2026-11-26 ~ 2026-11-26", "weekly 2026-11-23 ~ 2026-11-29",
                "monthly 2026-11");
        assertThat(extensionCalls).containsExactly("fake notion");
        assertThat(llm.healthChecks).isEqualTo(1);
        assertThat(report.lines().get(report.lines().size() - 1)).isEqualTo("healthy: 13 checks passed");
    }

    @Test
    void doctorSaysWhetherTheOutboxIsDurableHere() {
        Map<String, String> local = healthyVariables();
        local.put("WORKLOG_DATA_DIR", dir.resolve("data").toString());
        local.put("WORKLOG_OUTBOX_DURABLE", "true"); // the build's /tmp may be a container layer, which auto refuses
        Check durable = check(run(local), "outbox");
        assertThat(durable.status()).isEqualTo(Check.Status.OK);
        assertThat(durable.detail()).contains("outbox " + dir.resolve("data").resolve("outbox") + " is durable "
                + "(WORKLOG_OUTBOX_DURABLE=true)").contains("answered 202");

        Map<String, String> lambda = healthyVariables();
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "work-logging-api-dev");
        Check notDurable = check(run(lambda), "outbox");
        assertThat(notDurable.detail()).contains("is not durable (on AWS Lambda").contains("503 with Retry-After")
                .contains("WORKLOG_OUTBOX_DURABLE=true only if");

        Map<String, String> bad = healthyVariables();
        bad.put("WORKLOG_OUTBOX_DURABLE", "sometimes");
        assertThat(check(run(bad), "outbox").status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void variablesAreListedByNameAndNoValueIsEverPrinted() {
        DoctorReport report = run(healthyVariables());

        Check vars = check(report, "variables");
        assertThat(vars.detail()).contains("NOTION_API_KEY", "CLAUDE_API_KEY", "API_AUTH_TOKEN")
                .contains("not set: LLM_FALLBACK");
        String all = String.join("\n", report.lines());
        assertThat(all).doesNotContain(NOTION_KEY, CLAUDE_KEY, "0123456789abcdef0123456789abcdef");
    }

    @Test
    void aMissingDatabaseIdIsReportedWithTheVariableToSet() {
        Map<String, String> v = healthyVariables();
        v.remove("NOTION_DB2_ID");
        store.weekly = () -> {
            throw new ConfigurationException("NOTION_DB2_ID is not set: the id of the Weekly Achievements database. "
                    + "Set it in the environment or in .env");
        };

        DoctorReport report = run(v);

        Check weekly = check(report, "weekly roll-ups");
        assertThat(weekly.status()).isEqualTo(Status.FAIL);
        assertThat(weekly.detail()).startsWith("NOTION_DB2_ID is not set");
        assertThat(weekly.fix()).isEqualTo("Set NOTION_DB2_ID in the environment or in .env (the id in the Weekly "
                + "Achievements database's URL; or let `worklog setup notion --parent <page link> --write-env` "
                + "create the databases and set their ids)");
        assertThat(report.healthy()).isFalse();
        // the other checks still ran
        assertThat(check(report, "daily logs").status()).isEqualTo(Status.OK);
        assertThat(check(report, "LLM reachable").status()).isEqualTo(Status.OK);
    }

    @Test
    void aStoreThatCannotBeCreatedFailsTheStoreCheckAndSkipsItsReads() {
        Map<String, String> v = healthyVariables();
        v.remove("NOTION_DB1_ID");
        store.createFailure = new ConfigurationException("NOTION_DB1_ID is not set: the id of the Daily Work Logs "
                + "database. Set it in the environment or in .env");

        DoctorReport report = run(v);

        Check s = check(report, "store");
        assertThat(s.status()).isEqualTo(Status.FAIL);
        assertThat(s.detail()).isEqualTo("notion: NOTION_DB1_ID is not set: the id of the Daily Work Logs database. "
                + "Set it in the environment or in .env");
        assertThat(s.fix()).contains("Set NOTION_DB1_ID", "Daily Work Logs");
        assertThat(report.checks()).extracting(Check::name).doesNotContain("daily logs (NOTION_DB1_ID)");
        assertThat(store.reads).isEmpty();
    }

    @Test
    void aRejectedNotionKeyPointsAtTheIntegrationsPage() {
        store.daily = () -> {
            throw new AuthenticationException("notion answered 401 unauthorized: API token is invalid.");
        };

        Check daily = check(run(healthyVariables()), "daily logs");

        assertThat(daily.status()).isEqualTo(Status.FAIL);
        assertThat(daily.detail()).contains("401");
        assertThat(daily.fix()).contains("NOTION_API_KEY is wrong", "https://www.notion.so/my-integrations");
    }

    @Test
    void aDatabaseNotSharedWithTheIntegrationSaysHowToShareIt() {
        store.monthly = () -> {
            throw new NotFoundException("notion answered 404 object_not_found: Could not find database with ID: db3.");
        };
        store.weekly = () -> {
            throw new PermissionDeniedException("notion answered 403 restricted_resource");
        };

        DoctorReport report = run(healthyVariables());

        assertThat(check(report, "monthly roll-ups").fix()).contains("Check NOTION_DB3_ID", "share that database");
        assertThat(check(report, "weekly roll-ups").fix()).contains("Connections", "NOTION_DB2_ID");
        assertThat(report.failures()).hasSize(2);
    }

    @Test
    void rateLimitsAndNetworkFailuresHaveTheirOwnFixes() {
        store.daily = () -> {
            throw new RateLimitException("notion answered 429 rate_limited");
        };
        store.weekly = () -> {
            throw new TransportException("notion: connection refused");
        };

        DoctorReport report = run(healthyVariables());

        assertThat(check(report, "daily logs").fix()).contains("rate limiting", "rate_limit_exceeded");
        assertThat(check(report, "weekly roll-ups").fix()).contains("No connection to Notion", "NOTION_BASE_URL");
    }

    @Test
    void aMissingLlmKeyIsNamedAndNoRequestIsMade() {
        Map<String, String> v = healthyVariables();
        v.remove("CLAUDE_API_KEY");

        DoctorReport report = run(v);

        Check c = check(report, "LLM provider");
        assertThat(c.status()).isEqualTo(Status.FAIL);
        assertThat(c.detail()).isEqualTo("claude: CLAUDE_API_KEY not set");
        assertThat(c.fix()).startsWith("Set CLAUDE_API_KEY");
        assertThat(llm.healthChecks).isZero();
        assertThat(report.checks()).extracting(Check::name).doesNotContain("LLM reachable");
    }

    @Test
    void anUnknownProviderListsTheAvailableOnes() {
        Map<String, String> v = healthyVariables();
        v.put("LLM_PROVIDER", "mistral");

        Check c = check(run(v), "LLM provider");

        assertThat(c.status()).isEqualTo(Status.FAIL);
        assertThat(c.detail()).contains("LLM_PROVIDER=mistral is not available", "claude", "offline");
        assertThat(c.fix()).startsWith("Use one of the names the message lists");
    }

    @Test
    void aRejectedLlmKeyOrExhaustedQuotaFailsTheReachabilityCheck() {
        llm.health = () -> {
            throw new AuthenticationException("claude answered 401 authentication_error: invalid x-api-key "
                    + "(CLAUDE_API_KEY)");
        };
        Check auth = check(run(healthyVariables()), "LLM reachable");
        assertThat(auth.status()).isEqualTo(Status.FAIL);
        assertThat(auth.fix()).contains("CLAUDE_API_KEY is wrong", "console.anthropic.com");

        llm.health = () -> {
            throw new QuotaExceededException("claude answered 429: credit balance is too low");
        };
        Check quota = check(run(healthyVariables()), "LLM reachable");
        assertThat(quota.fix()).contains("quota or credit", "LLM_PROVIDER");

        llm.health = () -> {
            throw new NotFoundException("claude answered 404 not_found_error: model: claude-old");
        };
        assertThat(check(run(healthyVariables()), "LLM reachable").fix()).contains("CLAUDE_MODEL");
    }

    @Test
    void aProviderWithoutAFreeCheckIsAWarningNotAFailure() {
        llm.health = HealthCheck::notSupported;

        DoctorReport report = run(healthyVariables());

        Check c = check(report, "LLM reachable");
        assertThat(c.status()).isEqualTo(Status.WARN);
        assertThat(c.fix()).contains("worklog weekly --dry-run");
        assertThat(report.healthy()).isTrue();
    }

    @Test
    void withoutNotionOrKeysTheLocalStoreAndOfflineSummarizerAreHealthy() {
        Map<String, String> v = Map.of("LOG_FILE", dir.resolve("execution.log").toString());

        DoctorReport report = run(v);

        assertThat(check(report, "store").detail()).startsWith("local: ");
        assertThat(check(report, "daily logs").name()).isEqualTo("daily logs");
        assertThat(check(report, "LLM provider").detail()).startsWith("offline").contains("LLM_PROVIDER not set");
        assertThat(check(report, "LLM reachable").status()).isEqualTo(Status.OK);
        assertThat(check(report, "API token").status()).isEqualTo(Status.WARN);
        assertThat(report.healthy()).isTrue();
    }

    @Test
    void anUnwritableExecutionLogFailsWithTheFolderToFix() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Map<String, String> v = healthyVariables();
        v.put("LOG_FILE", notAFolder.resolve("execution.log").toString());

        Check c = check(run(v), "execution log");

        assertThat(c.status()).isEqualTo(Status.FAIL);
        assertThat(c.detail()).contains("is not writable");
        assertThat(c.fix()).contains("writable", "LOG_FILE");
    }

    @Test
    void theExecutionLogCheckWritesNoLine() throws Exception {
        Path log = dir.resolve("logs/execution.log");

        assertThat(check(run(healthyVariables()), "execution log").status()).isEqualTo(Status.OK);

        assertThat(Files.size(log)).isZero();
    }

    @Test
    void aBadTimeZoneFails() {
        Map<String, String> v = healthyVariables();
        v.put("WORKLOG_TIMEZONE", "Seoul");

        Check c = check(run(v), "time zone");

        assertThat(c.status()).isEqualTo(Status.FAIL);
        assertThat(c.fix()).contains("Asia/Seoul");
    }

    @Test
    void aShortApiTokenIsAWarning() {
        Map<String, String> v = healthyVariables();
        v.put("API_AUTH_TOKEN", "abc123");

        Check c = check(run(v), "API token");

        assertThat(c.status()).isEqualTo(Status.WARN);
        assertThat(c.detail()).contains("short").doesNotContain("abc123");
    }

    @Test
    void schemaProblemsFromTheStoreModuleAreListedEachWithItsFix() {
        DoctorReport report = run(healthyVariables(), (repo, ctx) -> List.of(
                Check.fail("Notion schema (NOTION_DB1_ID)", "'Logged Date' is missing",
                        "Add a Date property 'Logged Date' to the Daily Work Logs database"),
                Check.fail("Notion schema (NOTION_DB2_ID)", "'Source Logs' is a rich_text property",
                        "Change 'Source Logs' to a Relation to the Daily Work Logs database")));

        assertThat(report.failures()).extracting(Check::fix).containsExactly(
                "Add a Date property 'Logged Date' to the Daily Work Logs database",
                "Change 'Source Logs' to a Relation to the Daily Work Logs database");
        assertThat(report.lines()).contains("2 of 14 checks failed");
    }

    @Test
    void anExtensionThatThrowsBecomesAFailedCheck() {
        DoctorReport report = run(healthyVariables(), (repo, ctx) -> {
            throw new AuthenticationException("notion answered 401 unauthorized");
        });

        assertThat(report.healthy()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(c -> assertThat(c.fix()).contains("NOTION_API_KEY"));
    }

    @Test
    void secretsEchoedInUpstreamMessagesAreMasked() {
        store.daily = () -> {
            throw new AuthenticationException("rejected token " + NOTION_KEY);
        };

        DoctorReport report = run(healthyVariables());

        assertThat(String.join("\n", report.lines())).doesNotContain(NOTION_KEY);
    }

    @Test
    void theChecklistPrintsAFixUnderEveryFailure() {
        store.daily = () -> {
            throw new NotFoundException("notion answered 404");
        };

        List<String> lines = run(healthyVariables()).lines();

        int failed = indexOf(lines, "[FAIL] daily logs (NOTION_DB1_ID)");
        assertThat(lines.get(failed + 1).strip()).startsWith("fix: Check NOTION_DB1_ID");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("[ok]   variables"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 of 12 checks failed");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(prefix + " not in " + lines);
    }
}
