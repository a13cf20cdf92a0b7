package dev.worklog.notion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.doctor.Check;
import dev.worklog.doctor.Doctor;
import dev.worklog.doctor.DoctorReport;
import dev.worklog.notion.fake.FakeNotionServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code worklog doctor} against the fake Notion: healthy, and broken in the ways users break it. */
class NotionDoctorTest {
    @TempDir
    Path dir;

    private TestTime time;
    private FakeNotionServer fake;

    @BeforeEach
    void start() {
        time = TestTime.at("2026-11-26T09:00:00Z");
        fake = FakeNotionServer.start(0, Fixtures.TOKEN, time);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Map<String, String> variables() {
        Map<String, String> v = new HashMap<>();
        v.put("NOTION_API_KEY", Fixtures.TOKEN);
        v.put("NOTION_DB1_ID", FakeNotionServer.DB1);
        v.put("NOTION_DB2_ID", FakeNotionServer.DB2);
        v.put("NOTION_DB3_ID", FakeNotionServer.DB3);
        v.put("NOTION_BASE_URL", fake.baseUrl().toString());
        v.put("NOTION_MAX_RETRIES", "0");
        v.put("LLM_PROVIDER", "offline");
        v.put("API_AUTH_TOKEN", "0123456789abcdef0123456789abcdef");
        v.put("LOG_FILE", dir.resolve("execution.log").toString());
        v.put("WORKLOG_TIMEZONE", "UTC");
        return v;
    }

    private DoctorReport run(Map<String, String> v) {
        // extensions come from ServiceLoader, as in the CLI: this also proves the registration
        return Doctor.builder().config(WorkLogConfig.of(v)).clock(time).build().run();
    }

    private static Check check(DoctorReport r, String prefix) {
        return r.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " not in " + r.lines()));
    }

    @Test
    void aCorrectWorkspaceIsHealthyAndOnlyReadsAreSent() {
        DoctorReport report = run(variables());

        assertThat(report.healthy()).as(String.join("\n", report.lines())).isTrue();
        assertThat(check(report, "Notion schema").detail()).contains("match the expected schema");
        assertThat(check(report, "daily logs (NOTION_DB1_ID)").status()).isEqualTo(Check.Status.OK);
        assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.method()).isIn("GET", "POST"))
                .filteredOn(r -> r.method().equals("POST"))
                .allSatisfy(r -> assertThat(r.path()).contains("/query"));
        assertThat(String.join("\n", report.lines())).doesNotContain(Fixtures.TOKEN);
    }

    @Test
    void aMissingPropertyIsReportedWithWhatToAdd() {
        fake.removeProperty(FakeNotionServer.DB1, "Ticket URL");

        DoctorReport report = run(variables());

        Check schema = check(report, "Notion schema");
        assertThat(schema.status()).isEqualTo(Check.Status.FAIL);
        assertThat(schema.detail()).startsWith("Daily Work Logs");
        assertThat(schema.fix()).contains("add the property 'Ticket URL'", "NOTION_PROPERTY_");
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void aWrongKeyFailsEveryDatabaseWithTheKeysFix() {
        Map<String, String> v = variables();
        v.put("NOTION_API_KEY", "ntn_wrong_secret_0123456789");

        DoctorReport report = run(v);

        Check daily = check(report, "daily logs");
        assertThat(daily.status()).isEqualTo(Check.Status.FAIL);
        assertThat(daily.fix()).contains("NOTION_API_KEY is wrong", "my-integrations");
        assertThat(check(report, "weekly roll-ups").status()).isEqualTo(Check.Status.FAIL);
        assertThat(String.join("\n", report.lines())).doesNotContain("ntn_wrong_secret_0123456789");
    }

    @Test
    void aDatabaseThatIsNotSharedSaysHowToShareIt() {
        Map<String, String> v = variables();
        v.put("NOTION_DB3_ID", "44444444-4444-4444-8444-444444444444");

        DoctorReport report = run(v);

        Check monthly = check(report, "monthly roll-ups");
        assertThat(monthly.status()).isEqualTo(Check.Status.FAIL);
        assertThat(monthly.fix()).contains("NOTION_DB3_ID");
        assertThat(check(report, "daily logs").status()).isEqualTo(Check.Status.OK);
    }

    @Test
    void anUnsetRollupDatabaseIsOneFailureNotTwo() {
        Map<String, String> v = variables();
        v.remove("NOTION_DB2_ID");

        DoctorReport report = run(v);

        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("weekly roll-ups (NOTION_DB2_ID)");
            assertThat(c.fix()).startsWith("Set NOTION_DB2_ID");
        });
        // the other two databases' schemas are still checked
        assertThat(check(report, "Notion schema").status()).isEqualTo(Check.Status.OK);
        assertThat(fake.requests()).anySatisfy(r -> assertThat(r.path()).contains(FakeNotionServer.DB3));
    }

    @Test
    void theBreakerIsReportedClosedWhenNotionAnswersAndOpenDuringAnOutageWithTheServersRecordedState()
            throws Exception {
        Map<String, String> v = variables();
        v.put("WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString());
        Check healthy = check(run(v), "store circuit breaker");
        assertThat(healthy.status()).isEqualTo(Check.Status.OK);
        assertThat(healthy.detail()).startsWith("this run: notion: closed (");

        // a server using the same outbox folder recorded its breaker open
        java.nio.file.Files.createDirectories(dir.resolve("outbox"));
        java.nio.file.Files.writeString(dir.resolve("outbox").resolve("breaker.json"), "{\"state\":\"open\","
                + "\"description\":\"notion: open until 2026-11-26T09:00:05Z after 3 consecutive failures\","
                + "\"recorded_at\":\"2026-11-26T09:00:00Z\"}");
        fake.startOutage(503);
        DoctorReport down = run(v);
        Check breaker = check(down, "store circuit breaker");
        assertThat(breaker.status()).isEqualTo(Check.Status.WARN);
        assertThat(breaker.detail()).contains("this run: notion: open until", "last failure: HTTP 503",
                "the server (" + dir.resolve("outbox") + "): notion: open until 2026-11-26T09:00:05Z");
        assertThat(breaker.fix()).contains("queues new entries in its outbox (202)");
    }

    @Test
    void aDatabaseWithoutEntryIdIsAWarningNotAFailure() {
        fake.removeProperty(FakeNotionServer.DB1, "Entry ID");
        DoctorReport report = run(variables());
        assertThat(report.healthy()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("Notion schema") && c.status() == Check.Status.WARN)
                .singleElement().satisfies(c -> {
                    assertThat(c.detail()).contains("no property 'Entry ID'", "add the property (type Text)");
                    assertThat(c.fix()).contains("worklog setup notion --repair", "asks before changing anything");
                });
    }

    @Test
    void aOneWayRelationIsAWarningThatPointsToRepair() {
        fake.makeOneWay(FakeNotionServer.DB2, "Source Logs");
        DoctorReport report = run(variables());
        assertThat(report.healthy()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("Notion schema") && c.status() == Check.Status.WARN)
                .singleElement().satisfies(c -> {
                    assertThat(c.detail()).contains("Weekly Achievements: relation 'Source Logs' is one-way",
                            "at most 100", "Show on Daily Work Logs");
                    assertThat(c.fix()).contains("worklog setup notion --repair");
                });
    }

    @Test
    void aMissingSelectOptionIsAFailureWhoseFixNamesRepair() {
        fake.removeOption(FakeNotionServer.DB1, "Category", "기타");
        fake.changeType(FakeNotionServer.DB1, "Metrics", "number");
        DoctorReport report = run(variables());
        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("Notion schema") && c.status() == Check.Status.FAIL)
                .extracting(Check::fix)
                .anySatisfy(fix -> assertThat(fix).contains("add the option 기타", "worklog setup notion --repair"))
                .anySatisfy(fix -> assertThat(fix).contains("'Metrics' is of type number")
                        .doesNotContain("--repair"));
    }
}
