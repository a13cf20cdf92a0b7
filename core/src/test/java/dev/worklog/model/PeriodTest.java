package dev.worklog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void iso_weeks_follow_iso_8601_including_year_boundaries_and_week_53() {
        assertThat(Period.parseIsoWeek("2026-W47")).isEqualTo(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)));
        assertThat(Period.parseIsoWeek("2026-W01").start()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(Period.parseIsoWeek("2020-W53").end()).isEqualTo(LocalDate.of(2021, 1, 3));
        assertThatThrownBy(() -> Period.parseIsoWeek("2021-W53")).hasMessageContaining("ISO weeks 1 to 52");
        assertThatThrownBy(() -> Period.parseIsoWeek("2026-47")).hasMessageContaining("2026-W47");
        assertThat(new Period(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)).label()).isEqualTo("2026-W53");
        assertThat(Period.isoWeekOf(LocalDate.of(2027, 1, 1)).label()).isEqualTo("2026-W53");
    }

    @Test
    void both_ends_are_inside_and_overlap_is_inclusive() {
        Period week = Period.parseIsoWeek("2026-W44");
        assertThat(week.contains(week.start())).isTrue();
        assertThat(week.contains(week.end())).isTrue();
        assertThat(week.contains(week.end().plusDays(1))).isFalse();
        assertThat(week.overlaps(Period.of(YearMonth.of(2026, 10)))).isTrue();
        assertThat(week.overlaps(Period.of(YearMonth.of(2026, 11)))).isTrue();
        assertThat(week.overlaps(Period.of(YearMonth.of(2026, 12)))).isFalse();
    }

    @Test
    void seven_days_ending_today_include_today() {
        LocalDate today = LocalDate.of(2026, 11, 26);
        Period p = Period.sevenDaysEnding(today);
        assertThat(p.days()).isEqualTo(7);
        assertThat(p.contains(today)).isTrue();
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void an_end_before_the_start_or_a_bad_date_is_rejected() {
        assertThatThrownBy(() -> Period.parse("2026-11-22", "2026-11-16")).hasMessageContaining("before its start");
        assertThatThrownBy(() -> Period.parse("2026-11-31", "2026-12-01")).hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void only_a_monday_to_sunday_period_is_named_by_its_iso_week() {
        Period week = Period.parseIsoWeek("2026-W48");
        assertThat(week.isIsoWeek()).isTrue();
        assertThat(week.describe()).isEqualTo("2026-W48 (2026-11-23 ~ 2026-11-29)");
        Period saturday = Period.sevenDaysEnding(LocalDate.of(2026, 11, 28));
        assertThat(saturday.isIsoWeek()).isFalse();
        assertThat(saturday.isoWeek()).isEmpty();
        assertThat(saturday.label()).isEqualTo("2026-11-22 ~ 2026-11-28");
        assertThat(saturday.describe()).isEqualTo(saturday.label());
        assertThat(Period.of(YearMonth.of(2026, 2)).label()).isEqualTo("2026-02-01 ~ 2026-02-28");
    }

    @Test
    void labels_of_different_periods_differ_and_an_iso_week_label_parses_back_on_generated_periods() {
        java.util.Random random = new java.util.Random(20261130L);
        java.util.Map<String, Period> seen = new java.util.HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            LocalDate start = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(3 * 366));
            Period p = new Period(start, start.plusDays(random.nextInt(10)));
            Period before = seen.putIfAbsent(p.label(), p);
            assertThat(before == null || before.equals(p)).as("%s and %s share the label %s", before, p, p.label())
                    .isTrue();
            p.isoWeek().ifPresent(w -> assertThat(Period.parseIsoWeek(w)).isEqualTo(p));
            assertThat(p.isIsoWeek()).isEqualTo(p.equals(Period.isoWeekOf(p.start())));
        }
    }

    @Test
    void the_schedule_periods_are_the_last_complete_week_and_the_latest_month_whose_weeks_are_over() {
        LocalDate monday = LocalDate.of(2026, 12, 7);
        assertThat(Period.previousIsoWeek(monday)).isEqualTo(Period.parseIsoWeek("2026-W49"));
        assertThat(Period.previousIsoWeek(monday.plusDays(6))).isEqualTo(Period.parseIsoWeek("2026-W49"));
        assertThat(Period.isoWeekOf(monday)).isEqualTo(Period.parseIsoWeek("2026-W50"));
        // November's last week ends on Sunday 6 December: November is "previous" from Monday 7 December on
        assertThat(Period.previousMonth(LocalDate.of(2026, 12, 6))).isEqualTo(YearMonth.of(2026, 10));
        assertThat(Period.previousMonth(monday)).isEqualTo(YearMonth.of(2026, 11));
        assertThat(Period.monthlyRunDate(YearMonth.of(2026, 11))).isEqualTo(monday);
        // a month ending on a Sunday: its weeks are over on the 1st
        assertThat(Period.monthlyRunDate(YearMonth.of(2026, 5))).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(Period.monthlyRunDate(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(Period.of(YearMonth.of(2026, 11)).isoWeeks()).extracting(Period::label)
                .containsExactly("2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49");
    }
}
