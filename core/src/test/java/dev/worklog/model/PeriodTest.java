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
        assertThat(new Period(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)).isoWeekLabel()).isEqualTo("2026-W53");
        assertThat(Period.isoWeekOf(LocalDate.of(2027, 1, 1)).isoWeekLabel()).isEqualTo("2026-W53");
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
}
