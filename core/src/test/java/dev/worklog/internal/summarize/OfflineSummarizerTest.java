package dev.worklog.internal.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.internal.summarize.PromptBuilder;
import dev.worklog.internal.summarize.RollupParser;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import dev.worklog.summarize.OfflineSummarizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OfflineSummarizerTest {
    private static final Period WEEK = Period.parseIsoWeek("2026-W47");

    private static DailyLog log(String id, String title, ImpactLevel impact, int day, String context) {
        return new DailyLog(id, null, title, context, "성능개선", impact, List.of("Java"),
                LocalDate.of(2026, 11, day), "Logged", "m" + day, null);
    }

    private static RollupParser.Parsed run(List<DailyLog> logs, String language) {
        LlmRequest request = new PromptBuilder(language, 1000).weekly(new SummaryInput.Weekly(WEEK, logs, language));
        String reply = new OfflineSummarizer().complete(request).text();
        return RollupParser.parse(reply, "key_highlights", 1, 5, Math.min(3, logs.size()), 3,
                logs.stream().map(DailyLog::id).collect(Collectors.toSet()));
    }

    @Test
    void ranks_by_impact_then_newest_and_keeps_at_most_five_achievements_and_three_highlights() {
        List<DailyLog> logs = new ArrayList<>();
        for (int d = 16; d <= 22; d++) {
            logs.add(log("low-" + d, "low " + d, ImpactLevel.LOW, d, "### Result\n" + d + "건"));
        }
        logs.add(log("high-old", "high old", ImpactLevel.HIGH, 16, "### Result\n1"));
        logs.add(log("high-new", "high new", ImpactLevel.HIGH, 20, "### Result\n2"));
        logs.add(log("medium", "medium", ImpactLevel.MEDIUM, 18, "### Result\n3"));

        RollupParser.Parsed parsed = run(logs, "ko");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.achievements()).extracting(a -> a.title())
                .containsExactly("high new", "high old", "medium", "low 22", "low 21");
        assertThat(parsed.bullets()).hasSize(3).first().asString().startsWith("high new (High, 성능개선): 2");
    }

    @Test
    void star_sections_come_from_the_logs_own_text_and_list_items_survive() {
        String context = "### Situation\n배포가 느렸다\n### Task\n10분 안에\n### Action\n- 캐시\n- 병렬화\n### Result\n25분에서 8분";
        RollupParser.Parsed parsed = run(List.of(log("a", "배포 단축", ImpactLevel.HIGH, 17, context)), "ko");
        assertThat(parsed.achievements()).singleElement().satisfies(a -> {
            assertThat(a.situation()).isEqualTo("배포가 느렸다");
            assertThat(a.task()).isEqualTo("10분 안에");
            assertThat(a.action()).isEqualTo("- 캐시\n- 병렬화");
            assertThat(a.result()).isEqualTo("25분에서 8분");
            assertThat(a.sourceIds()).containsExactly("a");
            assertThat(a.metrics()).containsExactly("m17");
        });
    }

    @Test
    void a_log_without_star_sections_still_yields_a_complete_achievement_from_its_own_text() {
        RollupParser.Parsed parsed = run(List.of(log("a", "README 정리", ImpactLevel.LOW, 17, "문서를 정리했다.")), "en");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.achievements().get(0).situation()).isEqualTo("문서를 정리했다.");
        assertThat(parsed.achievements().get(0).task()).isEqualTo("README 정리");
    }

    @Test
    void output_is_deterministic() {
        List<DailyLog> logs = List.of(log("a", "a", ImpactLevel.HIGH, 17, "x"), log("b", "b", ImpactLevel.LOW, 18, "y"));
        LlmRequest request = new PromptBuilder("ko", 1000).weekly(new SummaryInput.Weekly(WEEK, logs, "ko"));
        assertThat(new OfflineSummarizer().complete(request).text())
                .isEqualTo(new OfflineSummarizer().complete(request).text());
        assertThat(Set.of(new OfflineSummarizer().complete(request).model())).containsExactly(OfflineSummarizer.MODEL);
    }

    @Test
    void a_month_of_weeks_in_free_text_gets_achievements_arranged_from_their_own_text() {
        dev.worklog.model.WeeklyRollup original = new dev.worklog.model.WeeklyRollup("week-46", null,
                Period.parseIsoWeek("2026-W46"), "2026년 11월 46주차", List.of(), List.of("결제 안정화"), List.of(),
                new dev.worklog.model.Generation("unknown", "unknown", "unknown", "",
                        java.time.Instant.parse("2026-11-16T00:00:00Z")),
                List.of(), "결제 장애가 잦았다.\n\n오류율을 2%에서 0.1%로 낮췄다.\n\n배포를 자동화했다.");
        dev.worklog.model.MonthlyStats stats = new dev.worklog.model.MonthlyStats(3, 1, java.util.Map.of("성능개선", 3),
                java.util.Map.of("High", 3), java.util.Map.of("Java", 3));
        LlmRequest request = new PromptBuilder("ko", 1000).monthly(new SummaryInput.Monthly(
                java.time.YearMonth.of(2026, 11), List.of(original), stats, "ko"), 1);

        RollupParser.Parsed parsed = RollupParser.parse(new OfflineSummarizer().complete(request).text(),
                "career_brief", 1, 4, 3, 5, Set.of("week-46"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.achievements()).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("2026년 11월 46주차");
            assertThat(a.situation()).isEqualTo("결제 장애가 잦았다.");
            assertThat(a.task()).isEqualTo("결제 안정화");
            assertThat(a.result()).isEqualTo("오류율을 2%에서 0.1%로 낮췄다.");
            assertThat(a.sourceIds()).containsExactly("week-46");
        });
    }
}
