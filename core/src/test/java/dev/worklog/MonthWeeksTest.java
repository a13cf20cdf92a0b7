package dev.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SummaryInput;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which weeks a month is made from: overlapping weekly roll-ups are used once, and the week holding the month's last
 * day, which ends in the next month, is rolled up first when it has no roll-up.
 */
class MonthWeeksTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Tuesday 2026-12-08: every week of November 2026 is over. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final InMemoryWorkLogRepository repo = new InMemoryWorkLogRepository();
    private final Recording llm = new Recording();

    /** The offline summarizer, recording what each request fed it. */
    private static final class Recording implements LlmProvider {
        final List<SummaryInput> inputs = Collections.synchronizedList(new ArrayList<>());
        private final OfflineSummarizer offline = new OfflineSummarizer();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String model() {
            return "offline";
        }

        @Override
        public LlmResponse complete(LlmRequest request) {
            inputs.add(request.input());
            return offline.complete(request);
        }

        List<SummaryInput.Monthly> monthlies() {
            return inputs.stream().filter(SummaryInput.Monthly.class::isInstance).map(SummaryInput.Monthly.class::cast)
                    .toList();
        }
    }

    private WorkLogger logger(Clock clock) {
        return WorkLogger.builder().repository(repo).llmProvider(llm).fallbackProviders(List.of()).clock(clock)
                .zone(UTC).executionLog(ExecutionLog.toFile(dir.resolve("execution.log"), clock, UTC, List.of()))
                .build();
    }

    private static DailyLogDraft draft(String title, String date) {
        return DailyLogDraft.builder().title(title)
                .context("### Situation\n느린 배포\n### Task\n배포 단축\n### Action\n- 캐시\n### Result\n배포 12분 -> 4분")
                .category("성능개선").impactLevel("High").techStack(List.of("Java")).loggedDate(date).build();
    }

    @Test
    void twoWeekliesEndingOnConsecutiveDaysAreNotOneWeekTwiceAndTheMonthUsesTheIsoWeekOnce() throws Exception {
        WorkLogger logger = logger(CLOCK);
        for (String day : List.of("2026-11-23", "2026-11-25", "2026-11-27", "2026-11-28")) {
            logger.log(draft("작업 " + day, day));
        }
        // worklog weekly --end-date 2026-11-28; worklog weekly --end-date 2026-11-29
        WeeklyResult saturday = logger.summarizeWeek(Period.sevenDaysEnding(LocalDate.of(2026, 11, 28)),
                SummarizeOptions.defaults());
        WeeklyResult sunday = logger.summarizeWeek(Period.sevenDaysEnding(LocalDate.of(2026, 11, 29)),
                SummarizeOptions.defaults());

        assertThat(saturday.period().label()).isEqualTo("2026-11-22 ~ 2026-11-28");
        assertThat(saturday.rollup().title()).isEqualTo("Weekly Achievements 2026-11-22 ~ 2026-11-28")
                .doesNotContain("W48");
        assertThat(sunday.period().label()).isEqualTo("2026-W48");
        assertThat(sunday.rollup().title()).isEqualTo("Weekly Achievements 2026-W48 (2026-11-23 ~ 2026-11-29)");
        List<WeeklyRollup> stored = repo.findWeeklies(Period.of(YearMonth.of(2026, 11)));
        assertThat(stored).extracting(w -> w.period().label()).containsExactlyInAnyOrder("2026-11-22 ~ 2026-11-28",
                "2026-W48");
        assertThat(stored.stream().filter(w -> w.title().contains("2026-W48"))).as("one roll-up per ISO week")
                .hasSize(1);

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11), SummarizeOptions.defaults());

        assertThat(month.weeksRead()).extracting(w -> w.period().label()).containsExactly("2026-W48");
        assertThat(month.rollup().stats().weeks()).as("weeks: 1").isEqualTo(1);
        assertThat(month.rollup().stats().totalLogs()).isEqualTo(4);
        assertThat(month.weeksRolledUp()).isEmpty();
        assertThat(llm.monthlies()).singleElement().satisfies(in -> assertThat(in.weeks())
                .as("the month is fed each week once").extracting(w -> w.period().label()).containsExactly("2026-W48"));
        assertThat(month.warnings()).anyMatch(w -> w.contains("weekly roll-up 2026-11-22 ~ 2026-11-28")
                && w.contains("was left out") && w.contains("ISO weeks, Monday to Sunday, come first"));
        assertThat(Files.readString(dir.resolve("execution.log")))
                .contains("monthly_processor - monthly roll-up 2026-11: weekly roll-up 2026-11-22 ~ 2026-11-28");
    }

    @Test
    void aPeriodThatOverlapsAStoredIsoWeekIsStoredWithAWarningNamingIt() {
        WorkLogger logger = logger(CLOCK);
        logger.log(draft("월요일", "2026-11-23"));
        logger.summarizeWeek(Period.parseIsoWeek("2026-W48"), SummarizeOptions.defaults());

        WeeklyResult other = logger.summarizeWeek(Period.sevenDaysEnding(LocalDate.of(2026, 11, 26)),
                SummarizeOptions.defaults());

        assertThat(other.status()).isEqualTo(RollupStatus.WRITTEN);
        assertThat(other.warnings()).anyMatch(w -> w.contains("not an ISO week")
                && w.contains("2026-W48 (2026-11-23 ~ 2026-11-29)") && w.contains("leave this one out"));
    }

    @Test
    void theWeekHoldingTheMonthsLastDayIsRolledUpFirstAndItsAchievementsReachTheMonth() {
        WorkLogger logger = logger(CLOCK);
        logger.log(draft("11월 둘째 주", "2026-11-10"));
        logger.log(draft("월말 장애 대응", "2026-11-30")); // Monday of 2026-W49, which ends on Sunday 6 December
        logger.log(draft("12월 첫 작업", "2026-12-02"));
        logger.summarizeWeek(Period.parseIsoWeek("2026-W46"), SummarizeOptions.defaults());
        List<ProgressListener.Step> steps = Collections.synchronizedList(new ArrayList<>());

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11),
                SummarizeOptions.defaults().withProgress(steps::add));

        assertThat(month.weeksRolledUp()).singleElement().satisfies(w -> {
            assertThat(w.period()).isEqualTo(Period.parseIsoWeek("2026-W49"));
            assertThat(w.status()).isEqualTo(RollupStatus.WRITTEN);
            assertThat(w.logsRead()).extracting(l -> l.title()).containsExactly("월말 장애 대응", "12월 첫 작업");
        });
        assertThat(repo.findWeekly(Period.parseIsoWeek("2026-W49"))).as("stored, for the next month too").isPresent();
        assertThat(month.weeksRead()).extracting(w -> w.period().label()).containsExactly("2026-W46", "2026-W49");
        assertThat(month.rollup().stats().totalLogs()).as("the statistics count the month's days only").isEqualTo(2);
        assertThat(month.rollup().stats().weeks()).isEqualTo(2);
        SummaryInput.Monthly fed = llm.monthlies().get(0);
        assertThat(fed.weeks()).extracting(w -> w.period().label()).containsExactly("2026-W46", "2026-W49");
        assertThat(fed.weeks().get(1).achievements()).anyMatch(a -> a.title().contains("월말 장애 대응")
                || a.result().contains("4분"));
        assertThat(steps).anyMatch(s -> s.task().equals("rolling up missing weeks") && s.finished() && s.total() == 1);
        assertThat(steps).anyMatch(s -> s.task().equals("reading daily logs"));
    }

    @Test
    void withoutRollingUpMissingWeeksTheWarningsNameTheWeekAndHowToAddIt() {
        WorkLogger logger = logger(CLOCK);
        logger.log(draft("11월 둘째 주", "2026-11-10"));
        logger.log(draft("월말 장애 대응", "2026-11-30"));
        logger.summarizeWeek(Period.parseIsoWeek("2026-W46"), SummarizeOptions.defaults());

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11),
                SummarizeOptions.defaults().withRollUpMissingWeeks(false));

        assertThat(month.weeksRolledUp()).isEmpty();
        assertThat(month.weeksRead()).extracting(w -> w.period().label()).containsExactly("2026-W46");
        assertThat(repo.findWeekly(Period.parseIsoWeek("2026-W49"))).isEmpty();
        assertThat(month.warnings()).anyMatch(w -> w.contains("2026-W49") && w.contains("is missing")
                && w.contains("worklog weekly --week 2026-W49"));
    }

    @Test
    void aMonthRunBeforeItsLastWeekIsOverSaysWhenTheScheduleRunsIt() {
        // Thursday 2026-12-03: November is over, its last ISO week (to 6 December) is not
        WorkLogger logger = logger(Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC));
        logger.log(draft("월말", "2026-11-30"));

        MonthlyResult month = logger.summarizeMonth(YearMonth.of(2026, 11), SummarizeOptions.defaults().withDryRun(true));

        assertThat(month.status()).isEqualTo(RollupStatus.DRY_RUN);
        assertThat(repo.weeklyCount()).as("a dry run stores no week either").isZero();
        assertThat(month.warnings()).anyMatch(w -> w.contains("is not over yet") && w.contains("2026-12-07"));
    }
}
