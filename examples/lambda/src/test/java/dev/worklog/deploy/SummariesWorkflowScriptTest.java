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
 * whose period is the ISO week that just ended, or on a first Monday also the month whose weeks are now all over,
 * with fields the server accepts.
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

    /** The URL and body of every POST, in order. */
    private static List<Map.Entry<String, JsonNode>> posts(List<String> args) throws Exception {
        List<Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("POST")) {
                String url = args.get(i + 1);
                int d = args.subList(i, args.size()).indexOf("-d") + i;
                out.add(Map.entry(url, Json.MAPPER.readTree(args.get(d + 1))));
            }
        }
        return out;
    }

    @Test
    void theMondayRunPostsTheIsoWeekThatJustEnded() throws Exception {
        // the weekly cron '0 0 * * 1': Monday 2026-11-30 00:00 UTC = 09:00 KST
        List<String> args = run("2026-11-30T00:00:00Z", "weekly", "false", "tok-123");

        assertThat(args).containsSequence("-X", "POST", "https://work-logging-api.example.com/weekly-summaries");
        assertThat(args).containsSequence("-H", "Authorization: Bearer tok-123");
        assertThat(args).containsSequence("-H", "Content-Type: application/json");
        assertThat(args).contains("--fail-with-body");
        JsonNode body = body(args);
        assertThat(body.path("week").asText()).isEqualTo("2026-W48");
        assertThat(body.path("dry_run").isBoolean()).isTrue();
        assertThat(body.path("dry_run").asBoolean()).isFalse();
        assertThat(DeploymentFilesTest.requestFields(LambdaHandlerProbe.openApi(), "/weekly-summaries"))
                .containsAll(iterable(body));
    }

    @Test
    void aRunLaterInTheWeekStillTakesThePreviousCompleteWeek() throws Exception {
        // Thursday 2026-12-03 (KST), e.g. a manual run
        JsonNode body = body(run("2026-12-03T03:00:00Z", "weekly", "true", "tok"));

        assertThat(body.path("week").asText()).isEqualTo("2026-W48");
        assertThat(body.path("dry_run").asBoolean()).isTrue();
    }

    @Test
    void theFirstMondayPostsTheWeekThenTheMonthWhoseWeeksAreNowAllOver() throws Exception {
        // Monday 2026-12-07 09:00 KST: November's last week (30 November to 6 December) has just ended
        List<Map.Entry<String, JsonNode>> posts = posts(run("2026-12-07T00:00:00Z", "scheduled", "false", "tok"));
        assertThat(posts).extracting(Map.Entry::getKey).containsExactly(
                "https://work-logging-api.example.com/weekly-summaries",
                "https://work-logging-api.example.com/monthly-summaries");
        assertThat(posts.get(0).getValue().path("week").asText()).isEqualTo("2026-W49");
        assertThat(posts.get(1).getValue().path("month").asText()).isEqualTo("2026-11");
        assertThat(DeploymentFilesTest.requestFields(LambdaHandlerProbe.openApi(), "/monthly-summaries"))
                .containsAll(iterable(posts.get(1).getValue()));
        // December to January: Monday 2027-01-04
        List<Map.Entry<String, JsonNode>> january = posts(run("2027-01-04T00:00:00Z", "scheduled", "false", "tok"));
        assertThat(january.get(0).getValue().path("week").asText()).isEqualTo("2026-W53"); // 28 December to 3 January: 2026 has 53 ISO weeks
        assertThat(january.get(1).getValue().path("month").asText()).isEqualTo("2026-12");
        // any other Monday: the weekly only
        assertThat(posts(run("2026-11-30T00:00:00Z", "scheduled", "false", "tok"))).singleElement()
                .satisfies(p -> assertThat(p.getKey()).endsWith("/weekly-summaries"));
        // by hand on the 1st, before November's last week is over, "monthly" still means October
        assertThat(body(run("2026-12-01T01:00:00Z", "monthly", "false", "tok")).path("month").asText())
                .isEqualTo("2026-10");
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
