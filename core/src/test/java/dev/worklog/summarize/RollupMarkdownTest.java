package dev.worklog.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.model.Achievement;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.store.Fixtures;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupMarkdownTest {
    private static final Period WEEK = new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    @Test
    void weeklyBodyRoundTrips() {
        WeeklyRollup weekly = Fixtures.weekly(WEEK, "검색 지연 85% 감소");

        RollupMarkdown.Body body = RollupMarkdown.parseBody(RollupMarkdown.weeklyBody(weekly));

        assertThat(body.achievements()).isEqualTo(weekly.achievements());
        assertThat(body.highlights()).isEqualTo(weekly.keyHighlights());
        assertThat(body.warnings()).isEqualTo(weekly.warnings());
        assertThat(body.generation()).isEqualTo(weekly.generation());
        assertThat(body.careerBrief()).isEmpty();
    }

    @Test
    void monthlyBodyRoundTripsIncludingTheOfflineNotice() {
        MonthlyRollup monthly = Fixtures.monthly(YearMonth.of(2026, 11), "검색 지연을 85% 줄였다");

        String md = RollupMarkdown.monthlyBody(monthly);
        RollupMarkdown.Body body = RollupMarkdown.parseBody(md);

        assertThat(md).startsWith("> " + OfflineSummarizer.NOTICE).contains("## Statistics\n\n" + monthly.stats().describe());
        assertThat(body.achievements()).isEqualTo(monthly.achievements());
        assertThat(body.careerBrief()).isEqualTo(monthly.careerBrief());
        assertThat(body.warnings()).isEmpty();
        assertThat(body.generation()).isEqualTo(monthly.generation());
        assertThat(body.highlights()).isEmpty();
    }

    @Test
    void starTextThatLooksLikeStructureIsEscapedAndRestored() {
        Achievement tricky = new Achievement("3. starts with a number", "## Heading-like line\n### 2. another",
                "**Result**\n**Metrics**: fake", "\\ a backslash line\n\\\\ two\n  **indented label**",
                "done 100%", List.of("C#", "a\\,b"), List.of("x | y", "back\\slash"), List.of("id-1", "id,2"));

        List<Achievement> back = RollupMarkdown.parseAchievements(RollupMarkdown.achievements(List.of(tricky)));

        assertThat(back).containsExactly(tricky);
    }

    @Test
    void multiLineBulletsKeepTheirLines() {
        List<String> items = List.of("first line\nsecond line\n## not a heading", "two", "- dash start");

        assertThat(RollupMarkdown.parseBullets(RollupMarkdown.bullets(items))).isEqualTo(items);
    }

    @Test
    void renderedStarTextStillReadsAsMarkdown() {
        String md = RollupMarkdown.achievements(List.of(Fixtures.achievement("제목", "id-1")));

        assertThat(md).contains("### 1. 제목\n\n**Situation**\n트래픽 급증으로 검색이 느려졌다.\n")
                .contains("**Metrics**: p99 -85% | errors \\| timeouts down 40%")
                .contains("\\## not a section");
    }
}
