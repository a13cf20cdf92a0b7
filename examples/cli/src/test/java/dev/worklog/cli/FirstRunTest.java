package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.notion.fake.FakeNotionServer.Recorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Notion quick start as a new user runs it, each command a process against the fake Notion: with only
 * an integration key and the link of a page shared with it, {@code worklog init}, {@code worklog setup notion
 * --parent <link> --write-env} and {@code worklog daily} get a first daily log into Notion, and {@code doctor} then
 * exits 0. Then what a returning user meets: setup again creates nothing, init never overwrites {@code .env}
 * silently, and {@code doctor} points to {@code setup notion --repair}, which asks before changing anything.
 */
class FirstRunTest {
    private static final String TOKEN = "ntn_first_run_secret_0123456789abcdef";

    @TempDir
    Path work;

    private FakeNotionServer notion;
    private CliRunner cli;
    private Map<String, String> env;
    private String pageLink;
    private String page;

    @BeforeEach
    void start() {
        notion = FakeNotionServer.startEmpty(0, TOKEN, Clock.systemUTC());
        page = notion.addPage("Work log");
        pageLink = notion.pageUrl(page);
        cli = new CliRunner(work, work.resolve("data"), work.resolve("logs/execution.log"), "Asia/Seoul");
        env = new LinkedHashMap<>();
        // the one thing a real user would not set: where "Notion" is
        env.put("NOTION_BASE_URL", notion.baseUrl().toString());
    }

    @AfterEach
    void stop() {
        notion.close();
    }

    /** The answers to init's questions, one a line: store, Notion key, provider, zone, language. */
    private static String answers(String key) {
        return "notion\n" + key + "\noffline\nAsia/Seoul\nko\n";
    }

    private Path dotEnv() {
        return work.resolve(".env");
    }

    @Test
    void theReadmesNotionQuickStartIsTheseThreeCommands() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String quickStart = readme.substring(readme.indexOf("### Your own work log in Notion"),
                readme.indexOf("## What is in the box"));
        assertThat(quickStart.lines().filter(l -> l.startsWith("./worklog ")).map(l -> l.split(" ")[1]
                + (l.contains("--parent") && l.contains("--write-env") ? " --parent --write-env" : "")))
                .containsExactly("init", "setup --parent --write-env", "daily");
        assertThat(readme).contains("## Appendix: Notion by hand");
    }

    @Test
    void aNewUserGetsFromNothingToAFirstDailyLogWithTheReadmesThreeCommandsAndDoctorIsHappy() throws IOException {
        CliRunner.Run init = cli.run("notion\nntn_not_the_right_one_000000\n" + TOKEN + "\noffline\nAsia/Seoul\nko\n",
                env, "init");
        assertThat(init.code).as(init.toString()).isZero();
        assertThat(init.out).contains("rejected", "Notion: integration 'worklog (fake)' in workspace 'Fake "
                + "workspace' accepts it", "Wrote .env", "worklog setup notion --parent");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotEnv()))).isEqualTo("rw-------");
        assertThat(Files.readString(dotEnv())).contains("WORKLOG_STORE=notion", "NOTION_API_KEY=" + TOKEN,
                "LLM_PROVIDER=offline", "WORKLOG_TIMEZONE=Asia/Seoul", "WORKLOG_LANGUAGE=ko");
        // each key was tried once, against an endpoint that changes nothing
        assertThat(notion.requests()).extracting(r -> r.method() + " " + r.path() + " "
                + r.headers().get("authorization").equals("Bearer " + TOKEN))
                .startsWith("GET /v1/users/me false", "GET /v1/users/me true");

        CliRunner.Run setup = cli.run("", env, "setup", "notion", "--parent", pageLink, "--write-env");
        assertThat(setup.code).as(setup.toString()).isZero();
        assertThat(setup.out).contains("created  Daily Work Logs ", "created  Weekly Achievements ",
                "created  Monthly Highlights ", "created  Review Packets ", "Wrote .env");
        List<String> made = notion.databasesUnder(page);
        assertThat(made).hasSize(4);
        assertThat(Files.readString(dotEnv())).contains("NOTION_DB1_ID=" + made.get(0), "NOTION_DB2_ID="
                + made.get(1), "NOTION_DB3_ID=" + made.get(2), "NOTION_DB4_ID=" + made.get(3),
                "NOTION_API_KEY=" + TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotEnv()))).isEqualTo("rw-------");

        CliRunner.Run daily = cli.run("", env, "daily", "--title", "첫 업무 기록", "--category", "신규기능",
                "--impact", "High", "--tech", "Java", "--date", "2026-11-30", "--context",
                "### Situation\n처음\n### Result\n설정 2분");
        assertThat(daily.code).as(daily.toString()).isZero();
        assertThat(notion.pageIds(made.get(0))).singleElement().satisfies(id -> assertThat(notion.page(id)
                .path("properties").toString()).contains("첫 업무 기록", "2026-11-30"));

        CliRunner.Run doctor = cli.run("", env, "doctor");
        assertThat(doctor.code).as(doctor.toString()).isZero();
        assertThat(doctor.out).contains("The Notion databases match the expected schema.");

        String everything = init.out + init.err + setup.out + setup.err + daily.out + daily.err + doctor.out
                + doctor.err + Files.readString(work.resolve("logs/execution.log"));
        assertThat(everything).doesNotContain(TOKEN).doesNotContain("ntn_not_the_right_one_000000");
    }

    @Test
    void setupTwiceCreatesNothingAndInitNeverOverwritesDotEnvWithoutForce() throws IOException {
        assertThat(cli.run(answers(TOKEN), env, "init").code).isZero();
        assertThat(cli.run("", env, "setup", "notion", "--parent", pageLink, "--write-env").code).isZero();
        String written = Files.readString(dotEnv());
        long creates = notion.count("POST", "/v1/databases");

        CliRunner.Run again = cli.run("", env, "setup", "notion", "--parent", pageLink.replace("?pvs=4", ""));
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(again.out).contains("found    Daily Work Logs ", "found    Weekly Achievements ",
                "found    Monthly Highlights ", "found    Review Packets ", "NOTION_DB1_ID=");
        assertThat(notion.count("POST", "/v1/databases")).isEqualTo(creates);
        assertThat(notion.databasesUnder(page)).hasSize(4);

        CliRunner.Run reinit = cli.run("notion\n\noffline\nEurope/Berlin\nen\n", env, "init");
        assertThat(reinit.code).as(reinit.toString()).isEqualTo(1);
        assertThat(reinit.out).contains("~ WORKLOG_TIMEZONE (changed)", "~ WORKLOG_LANGUAGE (changed)",
                "= NOTION_API_KEY (unchanged)", "Nothing was written", "--force").doesNotContain(TOKEN);
        assertThat(Files.readString(dotEnv())).isEqualTo(written);

        // Enter at the key's prompt keeps the key .env has
        CliRunner.Run forced = cli.run("\n", env, "init", "--force", "--store", "notion", "--provider", "offline",
                "--zone", "Europe/Berlin", "--language", "en");
        assertThat(forced.code).as(forced.toString()).isZero();
        String updated = Files.readString(dotEnv());
        assertThat(updated).contains("WORKLOG_TIMEZONE=Europe/Berlin", "WORKLOG_LANGUAGE=en", "NOTION_DB1_ID=",
                "NOTION_API_KEY=" + TOKEN);
        assertThat(forced.out).contains("Ready: record your first day").doesNotContain(TOKEN);
    }

    @Test
    void doctorPointsToRepairWhichSaysWhatItWillChangeAndAsksFirst() throws IOException {
        assertThat(cli.run(answers(TOKEN), env, "init").code).isZero();
        assertThat(cli.run("", env, "setup", "notion", "--parent", pageLink, "--write-env").code).isZero();
        String daily = notion.databasesUnder(page).get(0);
        notion.removeProperty(daily, "Metrics");
        notion.removeOption(daily, "Category", "기타");

        CliRunner.Run doctor = cli.run("", env, "doctor");
        assertThat(doctor.code).as(doctor.toString()).isEqualTo(1);
        assertThat(doctor.out).contains("worklog setup notion --repair");

        long patches = notion.count("PATCH", "/v1/");
        CliRunner.Run no = cli.run("n\n", env, "setup", "notion", "--repair");
        assertThat(no.code).as(no.toString()).isEqualTo(Main.CANCELLED);
        assertThat(no.out).contains("add the property 'Metrics' (rich_text)", "add the option 기타 to 'Category'",
                "Apply these changes? [y/N]");
        assertThat(notion.count("PATCH", "/v1/")).isEqualTo(patches);

        CliRunner.Run yes = cli.run("", env, "setup", "notion", "--repair", "--yes");
        assertThat(yes.code).as(yes.toString()).isZero();
        assertThat(yes.out).contains("Repaired 2 of 2");
        Recorded patch = notion.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(patch.json().path("properties").has("Metrics")).isTrue();
        assertThat(cli.run("", env, "doctor").code).isZero();
    }

    @Test
    void aPageNotSharedWithTheIntegrationIsExplainedStepByStep() throws IOException {
        assertThat(cli.run(answers(TOKEN), env, "init").code).isZero();
        String unshared = "https://www.notion.so/Elsewhere-0123456789abcdef0123456789abcdef";

        CliRunner.Run run = cli.run("", env, "setup", "notion", "--parent", unshared);

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("cannot see the page 01234567-89ab-cdef-0123-456789abcdef", "\n  1. open the page",
                "\n  2. click ••• at the top right of the page, then Connections", "\n  4. run this command again");
        Matcher databases = Pattern.compile("NOTION_DB\\d_ID").matcher(Files.readString(dotEnv()));
        assertThat(databases.find()).isFalse();
    }
}
