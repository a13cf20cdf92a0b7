package dev.worklog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.lambda.LambdaHandlerProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scheduled roll-up workflow's shell step as GitHub would, with {@code curl} replaced by a recorder and
 * {@code date} pinned to the moment the cron fires: what goes over the wire is the route, the token and a body
 * whose period is the week or month that just ended, with fields the server accepts.
 */
class SummariesWorkflowScriptTest {
    @TempDir
    Path dir;

    private String script() {
        Map<String, Object> wf = Repo.yaml(".github/workflows/summaries.yml");
        Map<String, Object> job = Repo.map(Repo.map(wf.get("jobs")).get("rollup"));
        return Repo.list(job.get("steps")).stream().map(Repo::map).filter(s -> "POST the roll-up".equals(s.get("name")))
                .map(s -> (String) s.get("run")).findFirst().orElseThrow();
    }

    /** Runs the step at {@code now} and returns curl's arguments, one per element. */
    private List<String> run(String now, String kind, String dryRun, String token) throws Exception {
        // the step runs on GitHub's ubuntu runners: GNU date; BSD date (macOS) has no -d, so there is nothing to test
        Process probe = new ProcessBuilder("date", "-d", "@0", "+%F").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "GNU date is needed to run the workflow step");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path curlLog = dir.resolve("curl.args");
        Files.deleteIfExists(curlLog);
        String realDate = Files.isExecutable(Path.of("/usr/bin/date")) ? "/usr/bin/date" : "/bin/date";
        long epoch = Instant.parse(now).getEpochSecond();
        write(bin.resolve("date"), "#!/bin/sh\n"
                + "# relative dates (-d) pass through; 'now' is pinned\n"
                + "for a in \"$@\"; do case \"$a\" in -d|--date*) exec " + realDate + " \"$@\";; esac; done\n"
                + "exec " + realDate + " -d @" + epoch + " \"$@\"\n");
        write(bin.resolve("curl"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + curlLog + "'; done\n"
                + "echo '{\"status\":\"stored\"}'\n");
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("TZ", "Asia/Seoul"); // the workflow's env
        env.put("KIND", kind);
        env.put("DRY_RUN", dryRun);
        env.put("WORKLOG_API_URL", "https://work-logging-api.example.com/");
        env.put("API_AUTH_TOKEN", token);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.readAllLines(curlLog);
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static JsonNode body(List<String> args) throws Exception {
        return Json.MAPPER.readTree(args.get(args.indexOf("-d") + 1));
    }

    @Test
    void theMondayRunPostsLastWeeksMondayToSunday() throws Exception {
        // the weekly cron '0 0 * * 1': Monday 2026-11-30 00:00 UTC = 09:00 KST
        List<String> args = run("2026-11-30T00:00:00Z", "weekly", "false", "tok-123");

        assertThat(args).containsSequence("-X", "POST", "https://work-logging-api.example.com/weekly-summaries");
        assertThat(args).containsSequence("-H", "Authorization: Bearer tok-123");
        assertThat(args).containsSequence("-H", "Content-Type: application/json");
        assertThat(args).contains("--fail-with-body");
        JsonNode body = body(args);
        assertThat(body.path("start_date").asText()).isEqualTo("2026-11-23");
        assertThat(body.path("end_date").asText()).isEqualTo("2026-11-29");
        assertThat(body.path("dry_run").isBoolean()).isTrue();
        assertThat(body.path("dry_run").asBoolean()).isFalse();
        assertThat(DeploymentFilesTest.requestFields(LambdaHandlerProbe.openApi(), "/weekly-summaries"))
                .containsAll(iterable(body));
    }

    @Test
    void aRunLaterInTheWeekStillTakesThePreviousCompleteWeek() throws Exception {
        // Thursday 2026-12-03 (KST), e.g. a manual run
        JsonNode body = body(run("2026-12-03T03:00:00Z", "weekly", "true", "tok"));

        assertThat(body.path("start_date").asText()).isEqualTo("2026-11-23");
        assertThat(body.path("end_date").asText()).isEqualTo("2026-11-29");
        assertThat(body.path("dry_run").asBoolean()).isTrue();
    }

    @Test
    void theFirstOfTheMonthPostsLastMonth() throws Exception {
        // the monthly cron '0 1 1 * *': 2026-12-01 01:00 UTC = 10:00 KST; January rolls back to December
        List<String> args = run("2026-12-01T01:00:00Z", "monthly", "false", "tok");
        assertThat(args).contains("https://work-logging-api.example.com/monthly-summaries");
        assertThat(body(args).path("month").asText()).isEqualTo("2026-11");
        assertThat(body(run("2027-01-01T01:00:00Z", "monthly", "false", "tok")).path("month").asText())
                .isEqualTo("2026-12");
        assertThat(DeploymentFilesTest.requestFields(LambdaHandlerProbe.openApi(), "/monthly-summaries"))
                .containsAll(iterable(body(args)));
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        List<String> args = run("2026-11-30T00:00:00Z", "weekly", "false", "");

        assertThat(args).noneMatch(a -> a.startsWith("Authorization"));
    }

    private static List<String> iterable(JsonNode body) {
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
