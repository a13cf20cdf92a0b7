package dev.worklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.LlmOutputException;
import dev.worklog.error.ServerException;
import dev.worklog.error.ValidationException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import dev.worklog.testing.InMemoryWorkLogRepository;
import dev.worklog.testing.ScriptedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkLoggerTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    // 2026-11-22T23:30Z is Monday 2026-11-23 08:30 in Seoul, but still Sunday in UTC
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final InMemoryWorkLogRepository repo = new InMemoryWorkLogRepository();

    private WorkLogger logger(ScriptedProvider... providers) {
        return WorkLogger.builder().repository(repo).llmProvider(providers[0])
                .fallbackProviders(List.of(providers).subList(1, providers.length)).clock(CLOCK).zone(SEOUL)
                .executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), CLOCK, SEOUL, List.of())).build();
    }

    private static DailyLogDraft draft(String title, String date, String impact, String result) {
        return DailyLogDraft.builder().title(title)
                .context("### Situation\n검색 API가 느렸다\n### Task\n지연 줄이기\n### Action\n- 캐시 도입\n- 쿼리 튜닝\n### Result\n"
                        + result)
                .category("성능개선").impactLevel(impact).techStack(List.of("Java", "Redis")).loggedDate(date)
                .metrics("p99 800ms -> 120ms").build();
    }

    /** A valid weekly reply citing every log of the request; {@code result} is the first achievement's result. */
    static String weeklyReply(LlmRequest request, String result) {
        SummaryInput.Weekly in = (SummaryInput.Weekly) request.input();
        String ids = in.logs().stream().map(l -> "\"" + l.id() + "\"").collect(Collectors.joining(","));
        int highlights = Math.min(3, in.logs().size());
        String hl = java.util.stream.IntStream.range(0, highlights).mapToObj(i -> "\"highlight " + (char) ('A' + i) + "\"")
                .collect(Collectors.joining(","));
        return "{\"achievements\":[{\"title\":\"검색 지연 개선\",\"situation\":\"검색 API가 느렸다\",\"task\":\"지연 줄이기\","
                + "\"action\":\"캐시 도입과 쿼리 튜닝\",\"result\":\"" + result + "\",\"tech_stack\":[\"Java\",\"Redis\"],"
                + "\"metrics\":[\"p99 800ms -> 120ms\"],\"source_ids\":[" + ids + "]}],\"key_highlights\":[" + hl + "]}";
    }

    @Test
    void today_is_computed_in_the_configured_zone_and_a_log_dated_today_is_in_todays_week() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "p99 120ms"));
        WorkLogger logger = logger(llm);
        assertThat(logger.today()).isEqualTo(LocalDate.of(2026, 11, 23));

        LogResult logged = logger.log(draft("오늘 작업", null, "High", "p99 120ms"));
        assertThat(logged.log().loggedDate()).isEqualTo(LocalDate.of(2026, 11, 23));

        WeeklyResult week = logger.summarizeWeek(Period.isoWeekOf(logger.today()), SummarizeOptions.defaults());
        assertThat(week.logsRead()).extracting(DailyLog::id).containsExactly(logged.log().id());
        assertThat(Period.sevenDaysEnding(logger.today()).contains(logger.today())).isTrue();
    }

    @Test
    void check_validates_without_storing_and_log_rejects_all_errors_at_once() {
        WorkLogger logger = logger(new ScriptedProvider("scripted"));
        LogResult checked = logger.check(draft("t", "2026-11-20", "Low", "없음"));
        assertThat(checked.stored()).isFalse();
        assertThat(checked.warnings()).anyMatch(w -> w.contains("Result section has no number"));
        assertThat(repo.writes()).isEmpty();

        DailyLogDraft bad = DailyLogDraft.builder().title(" ").context("x").category("성능개선").impactLevel("Huge")
                .techStack(List.of("Java")).loggedDate("2026-13-01").ticketUrl("javascript:alert(1)").build();
        assertThatThrownBy(() -> logger.log(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("title", "impact_level", "logged_date", "ticket_url"));
        assertThat(repo.writes()).isEmpty();
    }

    @Test
    void weekly_roll_up_is_stored_with_every_log_of_the_period_and_token_usage() throws Exception {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "p99 800ms에서 120ms로"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        logger.log(draft("b", "2026-11-22", "Low", "3건"));
        logger.log(draft("outside", "2026-11-23", "Low", "1건"));

        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

        assertThat(result.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(result.rollup().sourceLogIds()).containsExactly("mem-1", "mem-2");
        assertThat(result.rollup().keyHighlights()).hasSize(2);
        assertThat(result.rollup().generation().provider()).isEqualTo("scripted");
        assertThat(result.rollup().generation().model()).isEqualTo("scripted-model-v1");
        assertThat(result.usage().inputTokens()).isEqualTo(10);
        assertThat(result.warnings()).isEmpty();
        assertThat(repo.weeklyCount()).isEqualTo(1);
        // the prompt carries every field of every log, list items included
        String prompt = llm.requests.get(0).prompt();
        assertThat(prompt).contains("- 캐시 도입", "- 쿼리 튜닝", "p99 800ms -> 120ms", "성능개선", "High", "Java, Redis",
                "(id: mem-1)", "2026-11-22");
        assertThat(Files.readString(dir.resolve("execution.log")))
                .contains("[SUCCESS] weekly_processor - weekly roll-up 2026-W47");
    }

    @Test
    void an_invalid_reply_gets_one_repair_request_listing_every_problem() {
        ScriptedProvider llm = new ScriptedProvider("scripted")
                .reply("```json\n{\"achievements\": [{\"title\": \"x\"}], \"key_highlights\": []}\n```", 100, 50)
                .reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));

        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

        assertThat(llm.requests).hasSize(2);
        assertThat(llm.requests.get(1).prompt())
                .contains("achievements[0].situation must be a non-empty string")
                .contains("\"key_highlights\" must have 1 to 3 non-empty items, got 0");
        assertThat(result.usage().inputTokens()).isEqualTo(110);
        assertThat(result.warnings()).anyMatch(w -> w.contains("asked once for a repair"));
        assertThat(result.status()).isEqualTo(RollupStatus.WRITTEN);
    }

    @Test
    void a_reply_still_invalid_after_repair_is_a_clear_error_and_nothing_is_stored() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply("not json at all", 1, 1)
                .reply("{\"achievements\":[],\"key_highlights\":[\"a\"]}", 1, 1);
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));

        assertThatThrownBy(() -> logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults()))
                .isInstanceOf(LlmOutputException.class)
                .hasMessageContaining("even after one repair attempt")
                .hasMessageContaining("\"achievements\" must have 1 to 5 items, got 0");
        assertThat(repo.weeklyCount()).isZero();
    }

    @Test
    void citing_an_unknown_source_is_a_problem_not_a_silent_link() {
        ScriptedProvider llm = new ScriptedProvider("scripted")
                .reply(r -> weeklyReply(r, "120ms").replace("\"mem-1\"", "\"mem-999\""))
                .reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());
        assertThat(llm.requests.get(1).prompt()).contains("cites 'mem-999', which is not one of the given sources");
    }

    @Test
    void a_fabricated_number_is_flagged_in_the_result_and_recorded_on_the_stored_roll_up() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "비용을 37% 절감하고 120ms 달성"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 800ms에서 120ms"));

        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

        assertThat(result.warnings()).singleElement().asString().contains("states 37,").doesNotContain("120");
        WeeklyRollup stored = repo.findWeekly(Period.parseIsoWeek("2026-W47")).orElseThrow();
        assertThat(stored.warnings()).isEqualTo(result.warnings());
    }

    @Test
    void a_fabricated_number_in_a_key_highlight_is_flagged_like_one_in_an_achievement() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms")
                .replace("\"highlight A\"", "\"p99 120ms, 비용 45% 절감\""));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 800ms에서 120ms"));

        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

        assertThat(result.warnings()).singleElement().asString()
                .startsWith("key highlight 1 ('p99 120ms, 비용 45% 절감') states 45, which does not appear")
                .doesNotContain("120,").doesNotContain("99,");
        assertThat(repo.findWeekly(Period.parseIsoWeek("2026-W47")).orElseThrow().warnings())
                .isEqualTo(result.warnings());
    }

    @Test
    void an_unchanged_rerun_makes_no_llm_call_and_force_regenerates() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"))
                .reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        Period week = Period.parseIsoWeek("2026-W47");

        logger.summarizeWeek(week, SummarizeOptions.defaults());
        WeeklyResult again = logger.summarizeWeek(week, SummarizeOptions.defaults());

        assertThat(again.status()).isEqualTo(RollupStatus.UNCHANGED);
        assertThat(llm.requests).hasSize(1);
        assertThat(again.usage().total()).isZero();

        WeeklyResult forced = logger.summarizeWeek(week, SummarizeOptions.defaults().withForce(true));
        assertThat(forced.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(llm.requests).hasSize(2);
        assertThat(repo.weeklyCount()).isEqualTo(1);

        // a changed input is a new question
        logger.log(draft("b", "2026-11-17", "Low", "2건"));
        ScriptedProvider next = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"));
        WeeklyResult changed = logger(next).summarizeWeek(week, SummarizeOptions.defaults());
        assertThat(changed.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(next.requests).hasSize(1);
    }

    @Test
    void dry_run_stores_nothing_and_an_empty_period_calls_no_model() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(llm);
        WeeklyResult empty = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());
        assertThat(empty.status()).isEqualTo(RollupStatus.NO_SOURCES);
        assertThat(llm.requests).isEmpty();

        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        WeeklyResult dry = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults().withDryRun(true));
        assertThat(dry.status()).isEqualTo(RollupStatus.DRY_RUN);
        assertThat(dry.rollup().achievements()).hasSize(1);
        assertThat(repo.weeklyCount()).isZero();
    }

    @Test
    void status_filter_limits_the_logs_read() {
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        logger.log(DailyLogDraft.builder().title("published").context("### Result\n1").category("기타").impactLevel("Low")
                .techStack(List.of("Go")).loggedDate("2026-11-17").status("Published").build());
        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"),
                SummarizeOptions.defaults().withStatuses(Set.of("Published")));
        assertThat(result.logsRead()).extracting(DailyLog::title).containsExactly("published");
    }

    @Test
    void a_failing_provider_falls_back_to_the_next_one() {
        ScriptedProvider first = new ScriptedProvider("first").fail(new ServerException("first HTTP 503; gave up"));
        ScriptedProvider second = new ScriptedProvider("second").reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(first, second);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));

        WeeklyResult result = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

        assertThat(result.rollup().generation().provider()).isEqualTo("second");
        assertThat(result.warnings()).anyMatch(w -> w.contains("first failed") && w.contains("falling back to second"));
    }

    @Test
    void monthly_roll_up_uses_weeks_overlapping_the_month_and_counts_the_logs() {
        ScriptedProvider llm = new ScriptedProvider("scripted")
                .reply(r -> weeklyReply(r, "120ms")).reply(r -> weeklyReply(r, "120ms"))
                .reply(r -> {
                    SummaryInput.Monthly in = (SummaryInput.Monthly) r.input();
                    String id = in.weeks().get(0).id();
                    return "{\"achievements\":[{\"title\":\"t\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\","
                            + "\"result\":\"120ms\",\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + id + "\"]},"
                            + "{\"title\":\"t2\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\",\"result\":\"r\","
                            + "\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + id + "\"]}],"
                            + "\"career_brief\":[\"a\",\"b\",\"c\"]}";
                });
        WorkLogger logger = logger(llm);
        logger.log(draft("october", "2026-10-30", "High", "p99 120ms"));
        logger.log(draft("november", "2026-11-02", "Low", "p99 120ms"));
        logger.log(draft("november 2", "2026-11-03", "Medium", "p99 120ms"));
        // 2026-W44 runs from Oct 26 to Nov 1: it straddles both months
        logger.summarizeWeek(Period.parseIsoWeek("2026-W44"), SummarizeOptions.defaults());
        logger.summarizeWeek(Period.parseIsoWeek("2026-W45"), SummarizeOptions.defaults());

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11), SummarizeOptions.defaults());

        assertThat(month.weeksRead()).hasSize(2);
        assertThat(month.rollup().stats().totalLogs()).isEqualTo(2);
        assertThat(month.rollup().stats().byImpact()).containsEntry("Low", 1).containsEntry("Medium", 1)
                .containsEntry("High", 0);
        assertThat(month.rollup().careerBrief()).containsExactly("a", "b", "c");
        assertThat(month.rollup().sourceWeekIds()).hasSize(2);
        assertThat(month.status()).isEqualTo(RollupStatus.WRITTEN);
    }

    /** The in-memory store, plus edit stamps as a store like Notion lists them without reading bodies. */
    private static final class StampingRepository implements dev.worklog.spi.WorkLogRepository {
        final InMemoryWorkLogRepository inner;
        final java.util.Map<String, Instant> editedBefore = new java.util.HashMap<>();
        int bodyReads;

        StampingRepository(InMemoryWorkLogRepository inner) {
            this.inner = inner;
        }

        @Override
        public java.util.Optional<List<dev.worklog.model.EditStamp>> findDailyLogStamps(Period period,
                Set<String> statuses) {
            return java.util.Optional.of(inner.findDailyLogs(period, statuses).stream()
                    .map(l -> new dev.worklog.model.EditStamp(l.id(), editedBefore.getOrDefault(l.id(),
                            Instant.parse("2026-11-20T00:00:00Z")))).toList());
        }

        @Override
        public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
            bodyReads++;
            return inner.findDailyLogs(period, statuses);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public dev.worklog.model.StoredRef saveDailyLog(DailyLog log) {
            return inner.saveDailyLog(log);
        }

        @Override
        public java.util.Optional<WeeklyRollup> findWeekly(Period period) {
            return inner.findWeekly(period);
        }

        @Override
        public List<WeeklyRollup> findWeeklies(Period overlapping) {
            return inner.findWeeklies(overlapping);
        }

        @Override
        public dev.worklog.model.StoredRef upsertWeekly(WeeklyRollup rollup) {
            return inner.upsertWeekly(rollup);
        }

        @Override
        public java.util.Optional<dev.worklog.model.MonthlyRollup> findMonthly(YearMonth month) {
            return inner.findMonthly(month);
        }

        @Override
        public List<dev.worklog.model.MonthlyRollup> findMonthlies(Period overlapping) {
            return inner.findMonthlies(overlapping);
        }

        @Override
        public dev.worklog.model.StoredRef upsertMonthly(dev.worklog.model.MonthlyRollup rollup) {
            return inner.upsertMonthly(rollup);
        }
    }

    private WorkLogger logger(dev.worklog.spi.WorkLogRepository store, ScriptedProvider llm) {
        return WorkLogger.builder().repository(store).llmProvider(llm).clock(CLOCK).zone(SEOUL)
                .executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), CLOCK, SEOUL, List.of())).build();
    }

    @Test
    void a_rerun_whose_logs_were_not_edited_since_they_were_read_keeps_the_roll_up_without_reading_them() throws Exception {
        StampingRepository store = new StampingRepository(repo);
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(store, llm);
        logger.log(draft("a", "2026-11-16", "High", "p99 120ms"));
        logger.log(draft("b", "2026-11-17", "Low", "p99 120ms"));
        Period week = Period.parseIsoWeek("2026-W47");

        WeeklyResult first = logger.summarizeWeek(week, SummarizeOptions.defaults());
        assertThat(first.rollup().generation().sourcesReadAt()).isEqualTo(CLOCK.instant());
        assertThat(first.rollup().generation().usage()).isEqualTo(first.usage());
        assertThat(store.bodyReads).isEqualTo(1);

        WeeklyResult again = logger.summarizeWeek(week, SummarizeOptions.defaults());

        assertThat(again.status()).isEqualTo(RollupStatus.UNCHANGED);
        assertThat(again.logsRead()).isEmpty();
        assertThat(again.rollup().sourceLogIds()).hasSize(2);
        assertThat(store.bodyReads).as("no log read again").isEqualTo(1);
        assertThat(llm.requests).hasSize(1);
        assertThat(Files.readString(dir.resolve("execution.log"))).contains("none edited since they were read at "
                + CLOCK.instant() + "; kept the stored roll-up without reading them again or calling the LLM");
    }

    @Test
    void a_log_edited_after_the_roll_up_read_it_is_read_again() throws Exception {
        StampingRepository store = new StampingRepository(repo);
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> weeklyReply(r, "120ms"))
                .reply(r -> weeklyReply(r, "120ms"));
        WorkLogger logger = logger(store, llm);
        String id = logger.log(draft("a", "2026-11-16", "High", "p99 120ms")).log().id();
        Period week = Period.parseIsoWeek("2026-W47");
        logger.summarizeWeek(week, SummarizeOptions.defaults());

        // stamped after the read, but the content is the same: read again, the fingerprint still matches
        store.editedBefore.put(id, CLOCK.instant().plusSeconds(60));
        WeeklyResult touched = logger.summarizeWeek(week, SummarizeOptions.defaults());
        assertThat(touched.status()).isEqualTo(RollupStatus.UNCHANGED);
        assertThat(store.bodyReads).isEqualTo(2);
        assertThat(llm.requests).hasSize(1);

        // a new log of the period: the set of sources differs, so they are read and the model is asked
        store.editedBefore.clear();
        logger.log(draft("c", "2026-11-18", "Low", "2건"));
        WeeklyResult grown = logger.summarizeWeek(week, SummarizeOptions.defaults());
        assertThat(grown.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(store.bodyReads).isEqualTo(3);
        assertThat(llm.requests).hasSize(2);

        // another model asks another question even when nothing was edited
        ScriptedProvider other = new ScriptedProvider("other").reply(r -> weeklyReply(r, "120ms"));
        assertThat(logger(store, other).summarizeWeek(week, SummarizeOptions.defaults()).status())
                .isEqualTo(RollupStatus.WRITTEN);
        assertThat(other.requests).hasSize(1);
    }

    @Test
    void a_week_not_in_worklogs_layout_reaches_the_monthly_prompt_as_its_text_and_is_named_in_the_warnings()
            throws Exception {
        Period w46 = Period.parseIsoWeek("2026-W46");
        WeeklyRollup original = new WeeklyRollup(null, "https://www.notion.so/original46", w46, "2026년 11월 46주차",
                List.of(), List.of("주요 성과 요약 참고"), List.of(),
                new dev.worklog.model.Generation("unknown", "unknown", "unknown", "", Instant.parse("2026-11-16T00:00:00Z")),
                List.of("the page is not in worklog's roll-up layout (a week has 1 to 5 achievements, got 0); its text "
                        + "is used as it is"),
                "이번 주에는 결제 API 오류율을 2%에서 0.1%로 낮췄다.\n\n배포 파이프라인을 정리했다.");
        repo.upsertWeekly(original);
        ScriptedProvider llm = new ScriptedProvider("scripted").reply(r -> {
            String id = ((SummaryInput.Monthly) r.input()).weeks().get(0).id();
            return "{\"achievements\":[{\"title\":\"결제 안정화\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\","
                    + "\"result\":\"오류율 0.1%\",\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + id + "\"]}],"
                    + "\"career_brief\":[\"a\",\"b\",\"c\"]}";
        });
        WorkLogger logger = logger(llm);
        logger.log(draft("a", "2026-11-11", "High", "p99 120ms"));

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11),
                SummarizeOptions.defaults().withDryRun(true));

        assertThat(month.status()).isEqualTo(RollupStatus.DRY_RUN);
        String prompt = llm.requests.get(0).prompt();
        assertThat(prompt).contains("2026년 11월 46주차", "주요 성과 요약 참고",
                "이번 주에는 결제 API 오류율을 2%에서 0.1%로 낮췄다.\n\n배포 파이프라인을 정리했다.");
        assertThat(prompt).doesNotContain("not recorded").doesNotContain("not readable").doesNotContain("Situation:");
        String url = repo.findWeekly(w46).orElseThrow().url();
        assertThat(month.warnings()).first().asString().isEqualTo("weekly roll-up '2026년 11월 46주차' (" + url + "): "
                + "the page is not in worklog's roll-up layout (a week has 1 to 5 achievements, got 0); its text is "
                + "used as it is");
        assertThat(Files.readString(dir.resolve("execution.log"))).contains("monthly_processor - monthly roll-up "
                + "2026-11: weekly roll-up '2026년 11월 46주차' (" + url + "): the page is not in worklog's roll-up "
                + "layout");
    }
}
