package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.WorkLogger;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.store.LocalWorkLogRepository;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog review} as a separate process over a local store seeded with the last full quarter (relative to
 * today, since the process runs on the real clock): every period option, every format, --out, --save and the
 * unchanged rerun, the dry run, and the usage errors.
 */
class ReviewCliTest {
    private static final String ZONE = "Asia/Seoul";

    @TempDir
    Path work;

    private Path data;
    private Path logFile;
    private ReviewPeriod quarter;

    @BeforeEach
    void seed() {
        data = work.resolve("data");
        logFile = work.resolve("execution.log");
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        int q = (today.getMonthValue() - 1) / 3 + 1;
        quarter = q == 1 ? ReviewPeriod.quarter(today.getYear() - 1, 4) : ReviewPeriod.quarter(today.getYear(), q - 1);
        try (WorkLogger logger = WorkLogger.builder().repository(LocalWorkLogRepository.open(data, Clock.systemUTC()))
                .llmProvider(new OfflineSummarizer()).fallbackProviders(List.of()).zone(ZoneId.of(ZONE))
                .executionLog(ExecutionLog.disabled()).build()) {
            int n = 0;
            // one log a week, on Wednesdays, but none in the quarter's third week
            for (LocalDate day = quarter.days().start(); !day.isAfter(quarter.days().end()); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == java.time.DayOfWeek.WEDNESDAY && n++ != 2) {
                    logger.log(draft(n, day));
                }
            }
        }
    }

    private static DailyLogDraft draft(int n, LocalDate day) {
        return DailyLogDraft.builder().title("Cut latency of service " + n).category(n % 2 == 0 ? "성능개선" : "신규기능")
                .impactLevel(n % 4 == 0 ? "High" : "Medium").techStack(List.of("Java", n % 2 == 0 ? "Redis" : "Kafka"))
                .loggedDate(day.toString())
                .context("### Situation\nSlow (p99 " + (400 + n) + " ms).\n### Task\nFaster.\n### Action\n- Cached\n"
                        + "### Result\np99 " + (400 + n) + " ms -> " + (100 + n) + " ms")
                .ticketUrl("https://jira.example.com/browse/PERF-" + n).build();
    }

    @Test
    void a_quarter_in_markdown_on_stdout_with_what_happened_on_stderr() throws IOException {
        CliRunner.Run run = cli("review", "--quarter", quarter.label(), "--lang", "en");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).startsWith("# Review " + quarter.label() + " (" + quarter.days() + ")")
                .contains("## Top achievements", "## Statistics", "## Gaps: weeks without any log",
                        "https://jira.example.com/browse/PERF-", "](<file:");
        assertThat(run.out).doesNotContain("Status:", "rolled up first");
        assertThat(run.err).contains("rolled up first: weekly ", "rolled up first: monthly ",
                "Status: GENERATED (not stored; add --save to keep it)", "offline (offline-extractive-1)");
        assertThat(Files.list(data.resolve("monthly")).count()).isEqualTo(3);
        assertThat(Files.list(data.resolve("reviews")).count()).isZero();
        assertThat(Files.readString(logFile)).contains("[SUCCESS] review_processor - review " + quarter.label());
    }

    @Test
    void every_period_option_names_its_months() throws IOException {
        YearMonth first = quarter.first();
        int half = first.getMonthValue() <= 6 ? 1 : 2;
        Map<List<String>, String> titles = new LinkedHashMap<>();
        titles.put(List.of("--half", first.getYear() + "-H" + half), "# 성과 리뷰 " + first.getYear() + "-H" + half);
        titles.put(List.of("--year", String.valueOf(first.getYear())), "# 성과 리뷰 " + first.getYear() + " (");
        titles.put(List.of("--from", first.toString(), "--to", first.plusMonths(1).toString()),
                "# 성과 리뷰 " + first + "~" + first.plusMonths(1) + " (" + first.atDay(1) + " ~ "
                        + first.plusMonths(1).atEndOfMonth() + ")");
        for (Map.Entry<List<String>, String> e : titles.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("review", "--lang", "ko"));
            args.addAll(e.getKey());
            CliRunner.Run run = cli(args.toArray(String[]::new));
            assertThat(run.code).as(run.toString()).isZero();
            assertThat(run.out).as(e.getKey().toString()).startsWith(e.getValue()).contains("## 주요 성과", "## 통계");
        }
    }

    @Test
    void html_and_json_resume_go_to_files_and_a_saved_packet_is_reused_without_the_model() throws IOException {
        Path html = work.resolve("out/review.html");
        Files.createDirectories(html.getParent());
        CliRunner.Run saved = cli("review", "--quarter", quarter.label(), "--format", "html", "--out", html.toString(),
                "--save");
        assertThat(saved.code).as(saved.toString()).isZero();
        assertThat(saved.out).contains("wrote " + html + " (html)");
        assertThat(saved.err).contains("Status: SAVED", "stored: file:");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>", "href=\"https://jira.example.com/browse/PERF-")
                .doesNotContain("<script", "<link", "src=");
        assertThat(data.resolve("reviews/" + quarter.label() + ".json")).exists();
        assertThat(data.resolve("reviews/" + quarter.label() + ".md")).exists();

        Path base = work.resolve("resume.json");
        Files.writeString(base, "{\"basics\":{\"name\":\"Kim\"},\"work\":[{\"name\":\"Acme\",\"position\":\"Engineer\","
                + "\"startDate\":\"2020-01\"}]}");
        CliRunner.Run resume = cli("review", "--quarter", quarter.label(), "--format", "json-resume", "--resume",
                base.toString());
        assertThat(resume.code).as(resume.toString()).isZero();
        assertThat(resume.out).contains("\"$schema\"", "\"name\" : \"Acme\"", "\"highlights\" : [ \"Cut latency");
        assertThat(resume.err).contains("Status: UNCHANGED (inputs unchanged: the stored packet was reused without an "
                + "LLM call)");
        assertThat(Files.readString(logFile)).contains("kept the stored packet without calling the LLM");

        CliRunner.Run json = cli("review", "--quarter", quarter.label(), "--format", "json");
        assertThat(json.code).as(json.toString()).isZero();
        assertThat(json.out).contains("\"format\" : \"worklog-review/1\"", "\"period\"");
    }

    @Test
    void a_dry_run_prints_the_prompt_and_rolls_nothing_up() throws IOException {
        CliRunner.Run run = cli("review", "--quarter", quarter.label(), "--dry-run");
        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains(quarter.label(), quarter.days().toString());
        assertThat(run.err).contains("Status: DRY_RUN", "a run that is not a dry run rolls it up first");
        assertThat(Files.list(data.resolve("weekly")).count()).isZero();
    }

    @Test
    void usage_errors_say_what_is_wrong() throws IOException {
        CliRunner.Run two = cli("review", "--quarter", "2026-Q1", "--year", "2026");
        assertThat(two.code).isEqualTo(1);
        assertThat(two.err).contains("give one period");
        CliRunner.Run badQuarter = cli("review", "--quarter", "2026-H1");
        assertThat(badQuarter.err).contains("--quarter: '2026-H1' is not a quarter");
        CliRunner.Run format = cli("review", "--format", "pdf");
        assertThat(format.err).contains("--format: the format is markdown, html, json-resume or json, got 'pdf'");
        CliRunner.Run half = cli("review", "--from", "2026-03");
        assertThat(half.err).contains("give both --from and --to");
        CliRunner.Run lang = cli("review", "--lang", "fr");
        assertThat(lang.err).contains("--lang: the language of a review is ko or en");
        CliRunner.Run future = cli("review", "--year", String.valueOf(LocalDate.now().getYear() + 2));
        assertThat(future.code).isEqualTo(1);
        assertThat(future.err).contains("has not started yet");
    }

    private CliRunner.Run cli(String... args) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LLM_PROVIDER", "offline");
        return new CliRunner(work, data, logFile, ZONE).run("", env, args);
    }
}
