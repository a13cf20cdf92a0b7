package dev.worklog.internal.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
    private final DailyLog log = new DailyLog("id-1", null, "결제 장애 대응",
            "### Action\n1. 롤백\n2. 원인 분석\n   - 커넥션 풀 고갈\n### Result\n15분 만에 복구", "장애대응",
            ImpactLevel.HIGH, List.of("Kotlin", "PostgreSQL"), LocalDate.of(2026, 11, 18), "Logged", "MTTR 15m",
            "https://jira.example.com/PAY-1");

    @Test
    void korean_by_default_with_every_field_of_the_log() {
        LlmRequest r = new PromptBuilder("ko", 2048).weekly(new SummaryInput.Weekly(Period.parseIsoWeek("2026-W47"),
                List.of(log), "ko"));
        assertThat(r.prompt()).contains("결제 장애 대응", "2026-11-18", "장애대응", "High", "Kotlin, PostgreSQL",
                "MTTR 15m", "https://jira.example.com/PAY-1", "1. 롤백", "   - 커넥션 풀 고갈", "(id: id-1)",
                "2026-W47", "정확히 1개");
        assertThat(r.system()).contains("JSON");
        assertThat(r.schemaName()).isEqualTo("weekly_rollup");
        assertThat(r.responseSchema()).contains("\"source_ids\"", "\"key_highlights\"");
        assertThat(r.maxOutputTokens()).isEqualTo(2048);
    }

    @Test
    void english_when_asked() {
        LlmRequest r = new PromptBuilder("en", 2048).weekly(new SummaryInput.Weekly(Period.parseIsoWeek("2026-W47"),
                List.of(log), "en"));
        assertThat(r.prompt()).contains("Daily work logs: 1", "Title: 결제 장애 대응", "Write in English");
        assertThat(r.system()).startsWith("You are a career coach");
    }

    @Test
    void the_repair_prompt_lists_every_problem_and_the_previous_reply() {
        PromptBuilder prompts = new PromptBuilder("en", 100);
        LlmRequest r = prompts.weekly(new SummaryInput.Weekly(Period.parseIsoWeek("2026-W47"), List.of(log), "en"));
        String repair = prompts.repair(r, "{bad", List.of("problem one", "problem two"));
        assertThat(repair).startsWith(r.prompt()).contains("- problem one\n- problem two", "{bad");
    }
}
