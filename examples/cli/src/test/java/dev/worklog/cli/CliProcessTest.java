package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.worklog.spi.NamedServices;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end, as a separate process: real arguments, stdin, stdout, stderr, exit code, files and execution
 * log. Each test gets its own working folder, store and log, and an environment holding only what it sets (no
 * keys, no network, no {@code .env}).
 */
class CliProcessTest {
    // a zone that is not the build machine's, so that "today" must come from WORKLOG_TIMEZONE
    private static final String ZONE = "Asia/Seoul";

    private static final String STAR = "### Situation\\n검색 API가 느렸다 (p99 800ms).\\n### Task\\np99를 200ms 이하로.\\n"
            + "### Action\\n1. 병목 분석\\n2. Redis 캐시 도입\\n   - TTL 5분\\n- 부하 테스트\\n### Result\\np99 800ms → 120ms";

    @TempDir
    Path work;

    private Path data;
    private Path logFile;

    @BeforeEach
    void paths() {
        data = work.resolve("data");
        logFile = work.resolve("logs").resolve("execution.log");
    }

    @Test
    void dailyFromJsonFileWritesAFileAPersonCanRead() throws IOException {
        Path entry = write("entry.json", json("캐시 도입으로 검색 API p99 85% 단축", "2026-11-24"));

        CliRunner.Run run = cli("", Map.of(), "daily", "--json", entry.toString());

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("Logged: 캐시 도입으로 검색 API p99 85% 단축", "id:", "file:");
        List<Path> files = files("daily");
        assertThat(files).hasSize(1);
        String text = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(text).contains("캐시 도입으로 검색 API p99 85% 단축", "2026-11-24", "성능개선", "High", "Redis",
                "### Situation", "2. Redis 캐시 도입", "   - TTL 5분", "p99 800ms → 120ms",
                "https://jira.example.com/browse/SRCH-1");
        assertThat(log()).contains("[SUCCESS] daily_logger - logged '캐시 도입으로 검색 API p99 85% 단축'");
        assertThat(run.err).contains("note: LLM_PROVIDER is not set");
    }

    @Test
    void dailyFromJsonOnStdinUnderAPosixLocale() throws IOException {
        // LANG=C: Java 17 would print Korean as '?' through System.out; the CLI writes UTF-8 when piped
        CliRunner.Run run = cli(json("stdin 으로 받은 로그", "2026-11-25"), Map.of("LANG", "C"), "daily", "--json", "-");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("Logged: stdin 으로 받은 로그");
        assertThat(files("daily")).singleElement()
                .satisfies(f -> assertThat(Files.readString(f, StandardCharsets.UTF_8)).contains("stdin 으로 받은 로그"));

        // arguments, though, are decoded by the JVM in the locale's charset: a clear error, not '?' stored
        CliRunner.Run mangled = cli("", Map.of("LANG", "C"), "daily", "--title", "제목", "--category", "기타", "--impact", "Low",
                "--tech", "Java", "--context", "x");
        if (mangled.code == 0) {
            assertThat(mangled.out).contains("제목"); // a platform that decodes arguments as UTF-8 anyway (macOS)
        } else {
            assertThat(mangled.code).as(mangled.toString()).isEqualTo(1);
            assertThat(mangled.err).contains("could not be decoded", "LANG=C.UTF-8");
            assertThat(files("daily")).hasSize(1);
        }
    }

    @Test
    void dailyWithFourBadFieldsExitsOneNamesEveryErrorAndWritesNothing() throws IOException {
        CliRunner.Run run = cli("", Map.of(), "daily", "--title", " ", "--date", "2026-13-45", "--impact", "Huge",
                "--ticket-url", "javascript:alert(1)", "--category", "성능개선", "--tech", "Java", "--context", "x");

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("4 errors", "title:", "logged_date:", "impact_level:", "ticket_url:")
                .doesNotContain("\tat ", "Exception");
        assertThat(allFiles()).isEmpty();
        assertThat(log()).contains("[ERROR] daily_logger - rejected daily log");
    }

    @Test
    void unknownJsonFieldIsRejectedByNameAndWrongTypesAreReported() throws IOException {
        Path entry = write("entry.json", "{\"title\":\"t\",\"context\":\"c\",\"category\":\"기타\",\"impact_level\":\"Low\","
                + "\"tech_stack\":\"Java\",\"ticketUrl\":\"https://x.example\"}");

        CliRunner.Run run = cli("", Map.of(), "daily", "--json", entry.toString());

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("ticketUrl: is not a known field", "tech_stack: must be an array of strings");
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void dryRunDailyValidatesAndShowsWithoutStoring() throws IOException {
        CliRunner.Run run = cli("", Map.of(), "daily", "--dry-run", "--title", "미리보기", "--category", "기타", "--impact", "low",
                "--tech", "Java,Go", "--context", "### Situation\n그냥 메모");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("Dry run", "미리보기", "Low", "Java, Go");
        assertThat(run.err).contains("warning: STAR: the '### Result' section is missing");
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void aLogDatedTodayIsInTodaysDefaultWeekAndWeeklyTwiceLeavesOneRecord() throws IOException {
        // no logged_date: today in WORKLOG_TIMEZONE
        CliRunner.Run logged = cli(json("오늘 한 일", null), Map.of(), "daily", "--json", "-");
        assertThat(logged.code).as(logged.toString()).isZero();
        assertThat(logged.out).contains("date:", LocalDate.now(ZoneId.of(ZONE)).toString());

        CliRunner.Run first = cli("", Map.of(), "weekly");
        assertThat(first.code).as(first.toString()).isZero();
        assertThat(first.out).contains("1 daily log read", "오늘 한 일", "Situation:", "Task:", "Action:", "Result:",
                "Key highlights:", "Status: WRITTEN", OfflineSummarizer.NOTICE, "Provider: offline",
                "weekly-", "file:");
        assertThat(files("weekly")).hasSize(1);

        CliRunner.Run second = cli("", Map.of(), "weekly");
        assertThat(second.code).as(second.toString()).isZero();
        assertThat(second.out).contains("Status: UNCHANGED", "LLM not called", "--force regenerates");
        assertThat(files("weekly")).hasSize(1);

        CliRunner.Run forced = cli("", Map.of(), "weekly", "--force");
        assertThat(forced.out).contains("Status: WRITTEN");
        assertThat(files("weekly")).hasSize(1);
        assertThat(log()).contains("[SUCCESS] weekly_processor", "[INFO] weekly_processor");
    }

    @Test
    void weeklyDryRunWritesNothingAndAnEmptyWeekSaysSo() throws IOException {
        cli(json("지난주 작업", "2026-11-18"), Map.of(), "daily", "--json", "-");

        CliRunner.Run dry = cli("", Map.of(), "weekly", "--week", "2026-W47", "--dry-run");
        assertThat(dry.code).as(dry.toString()).isZero();
        assertThat(dry.out).contains("2026-11-16 ~ 2026-11-22", "Status: DRY_RUN", "지난주 작업");
        assertThat(files("weekly")).isEmpty();

        CliRunner.Run empty = cli("", Map.of(), "weekly", "--start-date", "2026-01-01", "--end-date", "2026-01-07");
        assertThat(empty.code).as(empty.toString()).isZero();
        assertThat(empty.out).contains("NO_SOURCES");
        assertThat(files("weekly")).isEmpty();
    }

    @Test
    void monthlyRollsUpTheWeeks() throws IOException {
        cli(json("11월 작업", "2026-11-18"), Map.of(), "daily", "--json", "-");
        cli("", Map.of(), "weekly", "--week", "2026-W47");

        CliRunner.Run dry = cli("", Map.of(), "monthly", "--year", "2026", "--month", "11", "--dry-run");
        assertThat(dry.code).as(dry.toString()).isZero();
        assertThat(dry.out).contains("Monthly Highlights 2026-11", "Status: DRY_RUN");
        assertThat(files("monthly")).isEmpty();

        CliRunner.Run run = cli("", Map.of(), "monthly", "--month", "2026-11");
        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("=== Monthly Highlights 2026-11 ===", "Career brief:", "Achievements:",
                "Statistics:", "11월 작업", "Status: WRITTEN", "monthly-2026-11");
        assertThat(files("monthly")).hasSize(1);
        assertThat(log()).contains("[SUCCESS] monthly_processor");
    }

    @Test
    void demoRecordsASampleWeekInAFreshFolderAndPrintsBothRollUps() throws IOException {
        CliRunner.Run run = cli("", Map.of(), "demo");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("=== Weekly Achievements", "Key highlights:", "Situation:", "Task:", "Action:",
                "Result:", "=== Monthly Highlights", "Career brief:", "Statistics:", OfflineSummarizer.NOTICE,
                work.resolve("worklog-demo-data").toString());
        Path demo = work.resolve("worklog-demo-data");
        try (Stream<Path> daily = Files.list(demo.resolve("daily"))) {
            assertThat(daily.count()).isBetween(5L, 7L);
        }
        assertThat(Files.list(demo.resolve("weekly")).count()).isEqualTo(1);
        assertThat(Files.list(demo.resolve("monthly")).count()).isEqualTo(1);
        // it ends with the payoff: the month as a review packet, on screen, in reviews/ and as one HTML file
        String month = java.time.YearMonth.now(ZoneId.of(ZONE)).toString();
        assertThat(run.out.substring(run.out.indexOf("4) Review packet of the month"))).contains("=== 성과 리뷰 " + month,
                "  1. [", "evidence: ", "file:", "Logs: ", "Weeks without any log", "reviews/" + month + ".md",
                "review-" + month + ".html");
        assertThat(Files.list(demo.resolve("reviews")).count()).isEqualTo(2);
        assertThat(Files.readString(demo.resolve("review-" + month + ".html"))).startsWith("<!DOCTYPE html>");
        // the configured store and log are not touched
        assertThat(data).doesNotExist();
        assertThat(logFile).doesNotExist();

        CliRunner.Run again = cli("", Map.of(), "demo");
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(again.out).contains(work.resolve("worklog-demo-data-2").toString());

        CliRunner.Run occupied = cli("", Map.of(), "demo", "--data-dir", demo.toString());
        assertThat(occupied.code).as(occupied.toString()).isEqualTo(1);
        assertThat(occupied.err).contains("is not empty");
    }

    @Test
    void interactiveFlowDrivenThroughStdin() throws IOException {
        String answers = String.join("\n",
                "배포 파이프라인 자동화",  // title
                "9", "4",                 // category: out of range, asked again, then 리팩토링
                "1",                      // impact: High
                "1, 15 ,ArgoCD",          // tech: Java, Docker and a free entry
                "",                       // date: today
                "",                       // status: Logged
                "배포 30분 → 5분",          // metrics
                "javascript:alert(1)",    // ticket: asked again
                "https://jira.example.com/browse/OPS-7",
                "### Situation", "수동 배포에 30분", "### Task", "자동화", "### Action", "- GitHub Actions 파이프라인",
                "- 롤백 스크립트", "### Result", "배포 시간 30분 → 5분", ".",
                "y") + "\n";

        CliRunner.Run run = cli(answers, Map.of(), "daily", "--interactive");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("Category:", "1) 신규기능", "Enter a number from 1 to 7",
                "is not an http(s) URL", "Summary: 배포 파이프라인 자동화",
                "Save this daily log?", "Logged: 배포 파이프라인 자동화");
        String text = Files.readString(files("daily").get(0), StandardCharsets.UTF_8);
        assertThat(text).contains("리팩토링", "High", "\"Java\",\"Docker\",\"ArgoCD\"", "배포 30분 → 5분",
                "- 롤백 스크립트", LocalDate.now(ZoneId.of(ZONE)).toString());
    }

    @Test
    void endOfInputAtTheConfirmationCancelsWithExitCode130() throws IOException {
        String answers = String.join("\n", "취소할 로그", "1", "", "Java", "", "", "", "", "### Result", "1건") + "\n";

        CliRunner.Run run = cli(answers, Map.of(), "daily", "--interactive");

        assertThat(run.code).as(run.toString()).isEqualTo(130);
        assertThat(run.out).contains("Save this daily log?");
        assertThat(run.err).contains("cancelled");
        assertThat(allFiles()).isEmpty();
        assertThat(log()).contains("[CANCELLED] daily_logger");
    }

    @Test
    void aSignalDuringThePromptsIsLoggedAsCancelled() throws Exception {
        // Ctrl+C cannot be sent portably from Java; SIGTERM (Process.destroy) runs the same shutdown hook
        ProcessBuilder pb = builder(Map.of(), "daily", "--interactive");
        Path out = Files.createTempFile(work, "stdout", ".txt");
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(out.toFile());
        Process process = pb.start(); // stdin stays open: the CLI waits at the first prompt
        try (var reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (int c; !seen.toString().contains("Title") && (c = reader.read()) >= 0; ) {
                seen.append((char) c);
            }
            assertThat(seen.toString()).contains("Title");
            // ProcessHandle.destroy only signals; Process.destroy would also close stdin, and the CLI would see the
            // end of input (a different, also cancelled, path) instead of the signal
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isNotZero();
        assertThat(log()).contains("[CANCELLED] daily_logger - interactive daily log: interrupted");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("cancelled");
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void nothingToRecordWithoutATerminalIsAClearError() throws IOException {
        CliRunner.Run run = cli("", Map.of(), "daily");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("error: nothing to record", "--interactive");
    }

    @Test
    void missingKeyIsNamedAtStartUp() throws IOException {
        CliRunner.Run run = cli("", Map.of("LLM_PROVIDER", "claude"), "weekly");

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).startsWith("error: ").doesNotContain("\tat ");
        assertThat(NamedServices.llmProviders().names()).as("llm-claude is a dependency of the CLI").contains("claude");
        assertThat(run.err).contains("CLAUDE_API_KEY is not set");
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void unknownProviderListsTheAvailableOnesAndNeverPrintsSecrets() throws IOException {
        String secret = "sk-test-do-not-print-1234567890";
        CliRunner.Run run = cli("", Map.of("LLM_PROVIDER", "nope", "CLAUDE_API_KEY", secret, "NOTION_API_KEY", secret + "x",
                "WORKLOG_STORE", "local"), "--verbose", "monthly");

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("LLM_PROVIDER=nope is not available", "offline", "claude", "openai", "gemini");
        assertThat(run.out + run.err).doesNotContain(secret);
    }

    @Test
    void optionErrorsExitOneAndUnknownOptionsTwo() throws IOException {
        CliRunner.Run badWeek = cli("", Map.of(), "weekly", "--week", "2026-W99");
        assertThat(badWeek.code).isEqualTo(1);
        assertThat(badWeek.err).contains("error: --week").doesNotContain("\tat ");

        CliRunner.Run badMonth = cli("", Map.of(), "monthly", "--month", "2026-13");
        assertThat(badMonth.code).isEqualTo(1);
        assertThat(badMonth.err).contains("--month");

        CliRunner.Run unknown = cli("", Map.of(), "weekly", "--bogus");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown option: '--bogus'", "worklog weekly --help");

        CliRunner.Run version = cli("", Map.of(), "--version");
        assertThat(version.code).isZero();
        assertThat(version.out).startsWith("worklog ");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String json(String title, String date) {
        return "{\"title\":\"" + title + "\",\"context\":\"" + STAR + "\",\"category\":\"성능개선\","
                + "\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],"
                + (date == null ? "" : "\"logged_date\":\"" + date + "\",")
                + "\"metrics\":\"p99 85% 단축\",\"ticket_url\":\"https://jira.example.com/browse/SRCH-1\"}";
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
    }

    private List<Path> files(String kind) throws IOException {
        Path dir = data.resolve(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
    }

    /** Every regular file the store holds, its own bookkeeping (lock, sequence) aside. */
    private List<Path> allFiles() throws IOException {
        if (!Files.exists(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList());
        }
    }

    private String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    }

    private CliRunner.Run cli(String stdin, Map<String, String> env, String... args) throws IOException {
        return new CliRunner(work, data, logFile, ZONE).run(stdin, env, args);
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        return new CliRunner(work, data, logFile, ZONE).builder(env, args);
    }

}
