package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.worklog.model.Period;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periods and progress through the real CLI process: the default and previous weeks, overlapping weeks that the
 * monthly uses once, and progress drawn on a pseudo-terminal ({@code script}) but never into a pipe.
 */
class PeriodsAndProgressTest {
    private static final String ZONE = "Asia/Seoul";
    private static final String STAR = "### Situation\\n배포가 느렸다.\\n### Task\\n배포 단축\\n### Action\\n- 캐시\\n"
            + "### Result\\n배포 12분 -> 4분";

    @TempDir
    Path work;

    private Path data;

    @BeforeEach
    void paths() {
        data = work.resolve("data");
    }

    private CliRunner runner() {
        return new CliRunner(work, data, work.resolve("logs/execution.log"), ZONE);
    }

    private CliRunner.Run cli(String stdin, String... args) throws IOException {
        CliRunner.Run run = runner().run(stdin, Map.of("LLM_PROVIDER", "offline"), args);
        assertThat(run.code).as(run.toString()).isZero();
        return run;
    }

    private void log(String title, String date) throws IOException {
        cli("{\"title\":\"" + title + "\",\"context\":\"" + STAR + "\",\"category\":\"성능개선\",\"impact_level\":\"High\","
                + "\"tech_stack\":[\"Java\"],\"logged_date\":\"" + date + "\"}", "daily", "--json", "-");
    }

    private List<String> weeklyFiles() throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("weekly"))) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void weekliesEndingOnConsecutiveDaysShareNoWeekAndTheMonthlyCountsOneWeek() throws IOException {
        for (String day : List.of("2026-11-23", "2026-11-25", "2026-11-27", "2026-11-28")) {
            log("작업 " + day, day);
        }
        CliRunner.Run saturday = cli("", "weekly", "--end-date", "2026-11-28");
        assertThat(saturday.out).contains("=== Weekly Achievements 2026-11-22 ~ 2026-11-28 ===")
                .doesNotContain("W48");
        CliRunner.Run sunday = cli("", "weekly", "--end-date", "2026-11-29");
        assertThat(sunday.out).contains("=== Weekly Achievements 2026-W48 (2026-11-23 ~ 2026-11-29) ===");
        assertThat(weeklyFiles()).hasSize(2);

        CliRunner.Run month = cli("", "monthly", "--month", "2026-11");

        assertThat(month.out).contains("Month: 2026-11, 1 weekly roll-up and 4 daily logs read", "Weeks: 2026-W48\n",
                "weekly roll-up 2026-11-22 ~ 2026-11-28").containsPattern("\n  weeks: +1\n");
    }

    @Test
    void theDefaultWeekIsTheCurrentIsoWeekAndPreviousTheLastCompleteOne() throws IOException {
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        assertThat(cli("", "weekly", "--dry-run").out).contains("No daily logs in "
                + Period.isoWeekOf(today).describe());
        assertThat(cli("", "weekly", "--previous", "--dry-run").out).contains("No daily logs in "
                + Period.previousIsoWeek(today).describe());
        CliRunner.Run both = runner().run("", Map.of(), "weekly", "--previous", "--week", "2026-W47");
        assertThat(both.code).isEqualTo(1);
        assertThat(both.err).contains("give --previous, --week or --start-date/--end-date, not two of them");
    }

    @Test
    void progressIsDrawnOnAPseudoTerminalAndNeverIntoAPipe() throws Exception {
        for (String day : List.of("2026-11-16", "2026-11-17", "2026-11-18")) {
            log("작업 " + day, day);
        }
        // a pipe: stderr holds no progress
        CliRunner.Run piped = cli("", "weekly", "--week", "2026-W47", "--dry-run");
        assertThat(piped.err).doesNotContain("reading daily logs").doesNotContain("\r");
        assertThat(piped.out).doesNotContain("reading daily logs");

        String terminal = onTerminal("weekly", "--week", "2026-W47", "--dry-run");
        assertThat(terminal).contains("\rreading daily logs 3/3 · ")
                .contains("\rsummarizing 3 daily logs with offline")
                .contains("Status: DRY_RUN");
        String quiet = onTerminal("weekly", "--week", "2026-W47", "--dry-run", "--quiet");
        assertThat(quiet).contains("Status: DRY_RUN").doesNotContain("reading daily logs");

        String export = onTerminal("export", "--to", work.resolve("backup").toString());
        assertThat(export).contains("copying daily logs 3/3").contains("Exported to");
    }

    /** The CLI run under {@code script}, on a pseudo-terminal: everything it wrote to the terminal. */
    private String onTerminal(String... args) throws Exception {
        assumeThat(Stream.of("/usr/bin/script", "/bin/script").anyMatch(p -> Files.isExecutable(Path.of(p))))
                .as("util-linux script, for a pseudo-terminal").isTrue();
        ProcessBuilder cli = runner().builder(Map.of("LLM_PROVIDER", "offline"), args);
        String command = cli.command().stream().map(PeriodsAndProgressTest::quoted).collect(Collectors.joining(" "));
        Path typescript = work.resolve("terminal.txt");
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", command, typescript.toString())
                .directory(cli.directory()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(cli.environment());
        pb.environment().put("TERM", "dumb");
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start(); // stdin stays an open pipe until the run is over, so script does not end early
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI under script finished").isTrue();
        p.getOutputStream().close();
        String text = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
