package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The option parsing the commands share; in-process, as it needs no store. */
class OptionsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void monthInEveryAcceptedSpelling() {
        assertThat(Options.month(null, null, TODAY)).isNull();
        assertThat(Options.month("2026-11", null, TODAY)).isEqualTo(YearMonth.of(2026, 11));
        assertThat(Options.month("2025-3", null, TODAY)).isEqualTo(YearMonth.of(2025, 3));
        assertThat(Options.month("11", "2025", TODAY)).isEqualTo(YearMonth.of(2025, 11));
        assertThat(Options.month("2", null, TODAY)).isEqualTo(YearMonth.of(2026, 2));
    }

    @Test
    void badMonthsNameTheOption() {
        assertThatThrownBy(() -> Options.month("2026-13", null, TODAY)).isInstanceOf(CliException.class)
                .hasMessageContaining("--month");
        assertThatThrownBy(() -> Options.month("November", null, TODAY)).hasMessageContaining("YYYY-MM");
        assertThatThrownBy(() -> Options.month(null, "2026", TODAY)).hasMessageContaining("--year needs --month");
        assertThatThrownBy(() -> Options.month("2026-11", "2026", TODAY)).hasMessageContaining("drop --year");
        assertThatThrownBy(() -> Options.month("11", "26", TODAY)).hasMessageContaining("--year");
    }

    @Test
    void datesNameTheOption() {
        assertThat(Options.date("--end-date", " 2026-11-22 ")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThatThrownBy(() -> Options.date("--start-date", "2026/11/22")).isInstanceOf(CliException.class)
                .hasMessage("--start-date must be a date as YYYY-MM-DD, got '2026/11/22'");
    }
}
