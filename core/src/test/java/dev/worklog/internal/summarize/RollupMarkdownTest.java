package dev.worklog.internal.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.model.Achievement;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.store.Fixtures;
import dev.worklog.summarize.OfflineSummarizer;
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

        List<Achievement> back = RollupSections.parseAchievements(RollupSections.achievements(List.of(tricky)));

        assertThat(back).containsExactly(tricky);
    }

    @Test
    void multiLineBulletsKeepTheirLines() {
        List<String> items = List.of("first line\nsecond line\n## not a heading", "two", "- dash start");

        assertThat(RollupSections.parseBullets(RollupSections.bullets(items))).isEqualTo(items);
    }

    @Test
    void renderedStarTextStillReadsAsMarkdown() {
        String md = RollupSections.achievements(List.of(Fixtures.achievement("제목", "id-1")));

        assertThat(md).contains("### 1. 제목\n\n**Situation**\n\n트래픽 급증으로 검색이 느려졌다.\n")
                .contains("**Metrics**: p99 -85% | errors \\\\| timeouts down 40%")
                .contains("\u200B## not a section");
    }

    @Test
    void tokenUsageAndTheTimeTheSourcesWereReadAreStoredWithTheGeneration() {
        WeeklyRollup plain = Fixtures.weekly(WEEK, "검색");
        dev.worklog.model.Generation g = new dev.worklog.model.Generation("claude", "claude-sonnet-4-6", "v3",
                "abc-def", java.time.Instant.parse("2026-11-23T10:15:30Z"), new dev.worklog.model.TokenUsage(1234, 567),
                java.time.Instant.parse("2026-11-23T10:15:02Z"));
        WeeklyRollup weekly = new WeeklyRollup(null, null, WEEK, plain.title(), plain.achievements(),
                plain.keyHighlights(), plain.sourceLogIds(), g, List.of());

        String md = RollupMarkdown.weeklyBody(weekly);

        assertThat(md).contains("- tokens: 1234 in, 567 out\n", "- sources read at: 2026-11-23T10:15:02Z\n");
        assertThat(RollupMarkdown.parseBody(md).generation()).isEqualTo(g);
        // bodies written before usage was recorded read as no usage, not as a failure
        assertThat(RollupMarkdown.parseBody(md.replace("- tokens: 1234 in, 567 out\n", "")).generation().usage())
                .isEqualTo(dev.worklog.model.TokenUsage.NONE);
    }

    @Test
    void aBodyInTheOriginalSystemsLayoutReadsAsFreeTextWithAWarningNeverAsPlaceholders() {
        String original = "## 🎯 주간 성과 요약\n\n이번 주에는 검색 API 지연을 800ms에서 120ms로 줄였고, 배포 자동화를 마쳤다.";

        WeeklyRollup week = RollupMarkdown.readWeekly("page-1", "https://www.notion.so/page1", WEEK,
                "2026년 11월 47주차", original, List.of("log-1"), List.of("핵심 성과 정리"),
                java.time.Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(week.freeText()).isEqualTo(original);
        assertThat(week.achievements()).isEmpty();
        assertThat(week.keyHighlights()).containsExactly("핵심 성과 정리");
        assertThat(week.warnings()).singleElement().asString().contains("not in worklog's roll-up layout");
        assertThat(week.toString()).doesNotContain("not recorded").doesNotContain("not readable");
    }

    @Test
    void aHandEditedBodyThatLostAPartReadsAsItsTextAndKeepsItsGeneration() {
        WeeklyRollup weekly = Fixtures.weekly(WEEK, "검색");
        String edited = RollupMarkdown.weeklyBody(weekly).replaceFirst("\\*\\*Result\\*\\*\\n\\n[^\\n]*\\n", "");

        WeeklyRollup read = RollupMarkdown.readWeekly("w", null, WEEK, weekly.title(), edited, weekly.sourceLogIds(),
                List.of(), null);

        assertThat(read.freeText()).contains("### 1. 검색", "트래픽 급증으로 검색이 느려졌다.")
                .doesNotContain("## Generation");
        assertThat(read.warnings()).singleElement().asString().contains("result must not be blank");
        assertThat(read.generation()).isEqualTo(weekly.generation());
        // written back (a backup of it), it reads as the same free text
        assertThat(RollupMarkdown.readWeekly("w", null, WEEK, read.title(), RollupMarkdown.weeklyBody(read),
                read.sourceLogIds(), List.of(), null)).isEqualTo(read);
    }

    @Test
    void aMonthlyBodyEditedBeyondReadingIsFreeTextToo() {
        MonthlyRollup monthly = Fixtures.monthly(YearMonth.of(2026, 11), "검색");
        String edited = RollupMarkdown.monthlyBody(monthly).replace("## Achievements", "## 이번 달");

        MonthlyRollup read = RollupMarkdown.readMonthly("m", null, monthly.month(), monthly.title(), edited,
                monthly.stats(), monthly.sourceWeekIds(), null);

        assertThat(read.freeText()).contains("## 이번 달", "월간 성과").doesNotContain(OfflineSummarizer.NOTICE);
        assertThat(read.achievements()).isEmpty();
        assertThat(RollupMarkdown.readMonthly("m", null, read.month(), read.title(), RollupMarkdown.monthlyBody(read),
                read.stats(), read.sourceWeekIds(), null)).isEqualTo(read);
    }

    @Test
    void linesThatWouldReadAsTheLayoutGetAZeroWidthSpaceAndBodiesWithTheOldBackslashStillRead() {
        Achievement tricky = new Achievement("t", "**Situation**\n---\n===\n__Task__ again", "\u200Bstarts with it",
                "a", "b", List.of(), List.of(), List.of("id"));
        String md = RollupSections.achievements(List.of(tricky));
        assertThat(md).contains("\u200B**Situation**\n\u200B---\n\u200B===\n\u200B__Task__ again",
                "\u200B\u200Bstarts with it");
        assertThat(RollupSections.parseAchievements(md)).containsExactly(tricky);

        String old = "### 1. t\n\n**Situation**\n\\## old escape\n\n**Task**\nx\n\n**Action**\ny\n\n**Result**\nz";
        assertThat(RollupSections.parseAchievements(old).get(0).situation()).isEqualTo("## old escape");
    }

    @Test
    void listValuesSurviveAStoreThatReSpellsMarkdownEscapes() {
        Achievement a = new Achievement("t", "s", "t", "a", "r", List.of("C#", "a_b"),
                List.of("x | y", "back\\slash", "*star*"), List.of("id-1", "id,2"));
        String md = RollupSections.achievements(List.of(a));
        // what a store that escapes every punctuation character would give back
        String respelled = md.replace("a_b", "a\\_b").replace("*star*", "\\*star\\*").replace("C#", "C\\#");

        assertThat(RollupSections.parseAchievements(respelled)).containsExactly(a);
    }
}
