package dev.worklog.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.SummarizeOptions;
import dev.worklog.WorkLogger;
import dev.worklog.error.LlmOutputException;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmRequest;
import dev.worklog.testing.ScriptedProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code WorkLogger.review} over a local store: periods, catch-up, the offline path, the model path, reuse. */
class ReviewTest {
    private static final Pattern REF = Pattern.compile("\\[(W\\d+)\\]");

    @TempDir
    Path dir;

    @Test
    void an_offline_quarter_rolls_up_what_is_missing_and_traces_every_achievement_to_its_daily_logs() throws IOException {
        List<DailyLog> logs;
        ReviewResult result;
        try (WorkLogger logger = ReviewFixtures.offline(dir)) {
            logs = ReviewFixtures.seedQuarter(logger);
            result = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults());
        }

        assertThat(result.status()).isEqualTo(ReviewStatus.GENERATED);
        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        // the 10 ISO weeks with logs, then the three months, were rolled up first
        assertThat(result.rolledUp()).filteredOn(s -> s.startsWith("weekly ")).hasSize(10);
        assertThat(result.rolledUp()).filteredOn(s -> s.startsWith("monthly ")).extracting(s -> s.substring(8, 15))
                .containsExactly("2026-10", "2026-11", "2026-12");
        assertThat(Files.list(dir.resolve("data/monthly")).count()).isEqualTo(3);
        ReviewPacket p = result.packet();
        assertThat(p.title()).isEqualTo("Review 2026-Q4 (2026-10-01 ~ 2026-12-31)");
        assertThat(p.achievements()).hasSizeBetween(1, 10);
        assertThat(p.sourceMonthIds()).containsExactly("monthly-2026-10", "monthly-2026-11", "monthly-2026-12");
        Map<String, DailyLog> byId = logs.stream().collect(Collectors.toMap(DailyLog::id, l -> l));
        ImpactLevel previous = ImpactLevel.HIGH;
        for (ReviewAchievement a : p.achievements()) {
            assertThat(a.rank()).isEqualTo(p.achievements().indexOf(a) + 1);
            assertThat(a.impact()).isGreaterThanOrEqualTo(previous);
            previous = a.impact();
            assertThat(a.logs()).isNotEmpty();
            for (ReviewSource s : a.logs()) {
                DailyLog log = byId.get(s.id());
                assertThat(log).as("every evidence log is a stored daily log").isNotNull();
                assertThat(s.url()).isEqualTo(log.url()).startsWith("file:");
                assertThat(Path.of(java.net.URI.create(s.url()))).exists();
                assertThat(s.start()).isEqualTo(log.loggedDate()).isBetween(a.firstDay(), a.lastDay());
                assertThat(s.impact()).isEqualTo(log.impactLevel());
                assertThat(log.impactLevel()).isGreaterThanOrEqualTo(a.impact());
            }
            assertThat(a.rollups()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(ReviewSource.Kind.WEEKLY));
            assertThat(a.theme()).isEqualTo(a.logs().get(0).category());
        }
        assertThat(p.achievements().get(0).impact()).isEqualTo(ImpactLevel.HIGH);
        assertThat(p.achievements().stream().flatMap(a -> a.tickets().stream()))
                .allMatch(t -> t.startsWith("https://jira.example.com/browse/SRV-"));
        // statistics: 19 logs in 10 of 12 weeks so far; 3 in Q3
        assertThat(p.stats().logs()).isEqualTo(19);
        assertThat(p.stats().activeWeeks()).isEqualTo(10);
        assertThat(p.stats().weeks()).isEqualTo(12);
        assertThat(p.stats().byCategory().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(19);
        assertThat(p.previousPeriod().label()).isEqualTo("2026-Q3");
        assertThat(p.previousStats().logs()).isEqualTo(3);
        assertThat(p.gaps()).extracting(ReviewPeriod::isoWeekLabel).containsExactly("2026-W44", "2026-W48");
        // the offline packet is the user's own text: no number it states is missing from its sources
        assertThat(p.warnings()).noneMatch(w -> w.contains("does not appear"));
        assertThat(p.narrative()).contains("19 work logs", "10 of 12 weeks", "2026-Q3: 3 logs");
        assertThat(p.generation().provider()).isEqualTo("offline");
        assertThat(Files.readString(dir.resolve("execution.log"))).contains("[SUCCESS] review_processor - review 2026-Q4");
    }

    @Test
    void every_period_kind_covers_its_months_and_compares_with_the_period_before() {
        ReviewPeriod half = ReviewPeriod.parse("2026-H2");
        ReviewPeriod year = ReviewPeriod.parse("2026");
        ReviewPeriod months = ReviewPeriod.parse("2026-10~2026-11");
        assertThat(half.days()).isEqualTo(new Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)));
        assertThat(half.previous().label()).isEqualTo("2026-H1");
        assertThat(year.previous().label()).isEqualTo("2025");
        assertThat(months.previous().label()).isEqualTo("2026-08~2026-09");
        assertThat(ReviewPeriod.parse("2026-Q1").previous().label()).isEqualTo("2025-Q4");
        assertThat(ReviewPeriod.parse("2026-H1").previous().label()).isEqualTo("2025-H2");
        assertThat(ReviewPeriod.parse("2026-03").months()).containsExactly(YearMonth.of(2026, 3));
        assertThatThrownBy(() -> ReviewPeriod.parse("2026-Q5")).hasMessageContaining("Q1 to Q4");
        assertThatThrownBy(() -> ReviewPeriod.parse("2026-12~2026-01")).hasMessageContaining("before");
        assertThatThrownBy(() -> ReviewPeriod.parse("2024-01~2026-12")).hasMessageContaining("at most 24 months");
        assertThatThrownBy(() -> ReviewPeriod.parse("Q4")).hasMessageContaining("2026-Q4, 2026-H2, 2026");

        try (WorkLogger logger = ReviewFixtures.offline(dir)) {
            ReviewFixtures.seedQuarter(logger);
            for (ReviewPeriod period : List.of(half, year, months)) {
                ReviewPacket p = logger.review(period, ReviewOptions.defaults()).packet();
                assertThat(p.period()).isEqualTo(period);
                assertThat(p.previousPeriod()).isEqualTo(period.previous());
                // October and November hold 13 of Q4's 19 logs; August and September 3 more
                assertThat(p.stats().logs()).as(period.label()).isEqualTo(period == months ? 13 : 22);
                assertThat(p.previousStats().logs()).as(period.label()).isEqualTo(period == months ? 3 : 0);
                assertThat(p.sourceMonthIds()).as(period.label()).hasSize(period == months ? 2 : 5);
            }
            assertThatThrownBy(() -> logger.review(ReviewPeriod.parse("2027-Q2"), ReviewOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has not started");
            assertThat(logger.review(ReviewPeriod.parse("2025-Q1"), ReviewOptions.defaults()).status())
                    .isEqualTo(ReviewStatus.NO_SOURCES);
        }
    }

    @Test
    void a_model_packet_is_checked_number_by_number_and_an_unchanged_rerun_does_not_call_the_model() throws IOException {
        try (WorkLogger offline = ReviewFixtures.offline(dir)) {
            ReviewFixtures.seedQuarter(offline);
            // the roll-ups exist first (every week, then the months), so that the model below is asked for the
            // packet only
            for (LocalDate d = LocalDate.of(2026, 9, 28); d.isBefore(LocalDate.of(2026, 12, 21)); d = d.plusWeeks(1)) {
                offline.summarizeWeek(Period.isoWeekOf(d), SummarizeOptions.defaults());
            }
            for (YearMonth m : ReviewFixtures.Q4.months()) {
                offline.summarizeMonth(m, SummarizeOptions.defaults());
            }
        }
        ScriptedProvider model = new ScriptedProvider("claude")
                .reply(r -> reply(r, "Cut p99 by 73% across the fleet", "Over 2026-Q4 I shipped 19 changes in 4321 hours."));
        ReviewResult first;
        try (WorkLogger logger = ReviewFixtures.logger(dir, model)) {
            first = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults().withSave(true));
            assertThat(first.status()).isEqualTo(ReviewStatus.SAVED);
            assertThat(first.rolledUp()).isEmpty();
            assertThat(model.requests).hasSize(1);
            LlmRequest sent = model.requests.get(0);
            assertThat(sent.schemaName()).isEqualTo("review_packet");
            assertThat(sent.prompt()).contains("Review period: 2026-Q4 (2026-10-01 ~ 2026-12-31)",
                    "Statistics: Logs: 19 | Active weeks: 10 of 12", "Previous period 2026-Q3: Logs: 3",
                    "Weeks without any log: 2026-W44, 2026-W48", "## Month 2026-11", "[W1] ", "[M1] ",
                    "Evidence: 1 daily logs");
            assertThat(first.usage()).isEqualTo(new TokenUsage(10, 5));
            assertThat(first.packet().warnings())
                    .anySatisfy(w -> assertThat(w).startsWith("achievement 1 ('Cut p99 by 73% across the fleet') states 73")
                            .contains("which does not appear in its cited sources"))
                    .anySatisfy(w -> assertThat(w).startsWith("narrative 1 (").contains("states 4321"));
            assertThat(first.packet().warnings()).noneMatch(w -> w.contains("states 19") || w.contains("states 2026"));
            assertThat(dir.resolve("data/reviews/2026-Q4.json")).exists();
            assertThat(Files.readString(dir.resolve("data/reviews/2026-Q4.md"))).contains("# Review 2026-Q4");

            // unchanged: the stored packet is reused, the model is not called again
            ReviewResult again = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults());
            assertThat(again.status()).isEqualTo(ReviewStatus.UNCHANGED);
            assertThat(again.usage()).isEqualTo(TokenUsage.NONE);
            assertThat(model.requests).hasSize(1);
            assertThat(ReviewExport.json(again.packet())).isEqualTo(ReviewExport.json(first.packet()));
        }
        assertThat(Files.readString(dir.resolve("execution.log"))).contains("kept the stored packet without calling the LLM");

        // a new daily log changes the question: the model is asked again
        ScriptedProvider second = new ScriptedProvider("claude").reply(r -> reply(r, "Cut latency", "A quarter."));
        try (WorkLogger logger = ReviewFixtures.logger(dir, second)) {
            logger.log(ReviewFixtures.draft(90, LocalDate.of(2026, 12, 18)));
            ReviewResult changed = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults().withRollUpMissing(false));
            assertThat(changed.status()).isEqualTo(ReviewStatus.GENERATED);
            assertThat(changed.missingMonths()).containsExactly(YearMonth.of(2026, 12));
            assertThat(changed.warnings()).anySatisfy(w -> assertThat(w).contains("2026-W51")
                    .contains("worklog weekly --week 2026-W51"));
            assertThat(second.requests).hasSize(1);
        }
    }

    @Test
    void an_unusable_reply_is_repaired_once_and_a_second_unusable_one_fails() {
        try (WorkLogger offline = ReviewFixtures.offline(dir)) {
            ReviewFixtures.seedQuarter(offline);
            offline.review(ReviewFixtures.Q4, ReviewOptions.defaults()); // rolls everything up
        }
        ScriptedProvider model = new ScriptedProvider("openai")
                .reply("{\"narrative\":\"x\",\"achievements\":[{\"title\":\"t\",\"theme\":\"\",\"situation\":\"s\","
                        + "\"task\":\"t\",\"action\":\"a\",\"result\":\"r\",\"tech_stack\":[],\"metrics\":[],"
                        + "\"source_ids\":[\"W999\"]}]}", 7, 3)
                .reply(r -> reply(r, "Made search fast", "A quarter of steady work."))
                .reply("not json", 1, 1).reply("{}", 1, 1);
        try (WorkLogger logger = ReviewFixtures.logger(dir, model)) {
            ReviewResult repaired = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults());
            assertThat(repaired.status()).isEqualTo(ReviewStatus.GENERATED);
            assertThat(model.requests).hasSize(2);
            assertThat(model.requests.get(1).prompt()).contains("Your previous reply could not be used",
                    "achievements[0].theme must be a non-empty string", "cites 'W999'");
            assertThat(repaired.warnings()).anySatisfy(w -> assertThat(w).contains("asked once for a repair"));
            assertThat(repaired.usage()).isEqualTo(new TokenUsage(17, 8));

            assertThatThrownBy(() -> logger.review(ReviewFixtures.Q4, ReviewOptions.defaults().withForce(true)))
                    .isInstanceOf(LlmOutputException.class).hasMessageContaining("even after one repair attempt");
        }
    }

    @Test
    void a_dry_run_shows_the_prompt_and_neither_calls_the_model_nor_rolls_anything_up() throws IOException {
        ScriptedProvider model = new ScriptedProvider("claude");
        try (WorkLogger offline = ReviewFixtures.offline(dir)) {
            ReviewFixtures.seedQuarter(offline);
            offline.summarizeWeek(Period.isoWeekOf(LocalDate.of(2026, 11, 3)), SummarizeOptions.defaults());
        }
        try (WorkLogger logger = ReviewFixtures.logger(dir, model)) {
            ReviewResult dry = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults().withDryRun(true).withLanguage("ko"));
            assertThat(dry.status()).isEqualTo(ReviewStatus.DRY_RUN);
            assertThat(dry.packet()).isNull();
            assertThat(dry.prompt()).contains("성과 평가", "리뷰 기간: 2026-Q4", "[W1] ", "로그가 없는 주: 2026-W44, 2026-W48");
            assertThat(dry.rolledUp()).isEmpty();
            assertThat(dry.missingMonths()).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11),
                    YearMonth.of(2026, 12));
            assertThat(dry.warnings()).anySatisfy(w -> assertThat(w).contains("a run that is not a dry run rolls it up first"));
            assertThat(model.requests).isEmpty();
        }
        assertThat(Files.list(dir.resolve("data/weekly")).count()).isEqualTo(1);
        assertThat(Files.list(dir.resolve("data/monthly")).count()).isZero();
        assertThat(Files.list(dir.resolve("data/reviews")).count()).isZero();
    }

    /** A valid reply citing the first two weekly achievements of the prompt. */
    private static String reply(LlmRequest r, String title, String narrative) {
        Matcher m = REF.matcher(r.prompt());
        List<String> refs = new java.util.ArrayList<>();
        while (m.find() && refs.size() < 2) {
            refs.add(m.group(1));
        }
        Function<List<String>, String> ids = l -> l.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        return "{\"narrative\":\"" + narrative + "\",\"achievements\":["
                + "{\"title\":\"" + title + "\",\"theme\":\"Performance\",\"situation\":\"Services were slow.\","
                + "\"task\":\"Make them fast.\",\"action\":\"Profiled and cached.\",\"result\":\"p99 300 ms -> 100 ms\","
                + "\"tech_stack\":[\"Java\"],\"metrics\":[\"p99 300 ms -> 100 ms\"],\"source_ids\":[" + ids.apply(refs)
                + "]},{\"title\":\"Second\",\"theme\":\"Reliability\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\","
                + "\"result\":\"r\",\"tech_stack\":[],\"metrics\":[],\"source_ids\":[\"" + refs.get(1) + "\"]}]}";
    }
}
