package dev.worklog.internal.summarize;

import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import java.util.List;

/**
 * Renders the prompts, once for every provider. Each log reaches the model whole: title, date, category, impact,
 * tech stack, metrics, ticket and the full markdown context with every list item (the original dropped lists and
 * titles). A week not in worklog's layout reaches the monthly prompt as its title, highlights and text, as they
 * are; no prompt ever holds filler for what a page did not say. Korean by default as in the original; English with
 * {@code WORKLOG_LANGUAGE=en}.
 */
public final class PromptBuilder {
    /** Bumped whenever a prompt or schema changes, so stored roll-ups made by older prompts are regenerated. */
    static final String PROMPT_VERSION = "2026-11-26.1";

    private final boolean korean;
    private final int maxOutputTokens;

    PromptBuilder(String language, int maxOutputTokens) {
        this.korean = !"en".equals(language);
        this.maxOutputTokens = maxOutputTokens;
    }

    LlmRequest weekly(SummaryInput.Weekly input) {
        StringBuilder p = new StringBuilder();
        // an ISO week is named as before; any other period by its dates alone, never by a week it only touches
        p.append(korean ? "기간: " : "Period: ").append(input.period())
                .append(input.period().isoWeek().map(week -> " (" + week + ")").orElse("")).append('\n');
        p.append(korean ? "일일 업무 로그 " : "Daily work logs: ").append(input.logs().size())
                .append(korean ? "건\n\n" : "\n\n");
        int n = 1;
        for (DailyLog log : input.logs()) {
            p.append(renderLog(n++, log)).append('\n');
        }
        int highlights = Math.min(3, input.logs().size());
        p.append(korean
                ? "위 로그만 근거로 이력서에 쓸 수 있는 STAR 형식 성과를 최대 5개 만드세요. 비슷한 작업은 하나로 합치고, "
                        + "영향도가 높은 작업을 우선하세요. 각 성과의 source_ids에는 근거가 된 로그의 id를 위에 적힌 그대로 넣으세요. "
                        + "key_highlights에는 이번 주의 핵심을 한 줄씩 정확히 " + highlights + "개 쓰세요.\n"
                : "Using only the logs above, write at most 5 resume-ready achievements in STAR form. Merge related "
                        + "work and prefer high-impact items. In each achievement's source_ids put the ids of the logs "
                        + "it is drawn from, exactly as written above. In key_highlights write exactly " + highlights
                        + " one-line highlights of the week.\n");
        p.append(rules());
        return new LlmRequest(system(), p.toString(), RollupSchemas.WEEKLY_NAME, RollupSchemas.WEEKLY, maxOutputTokens,
                input);
    }

    LlmRequest monthly(SummaryInput.Monthly input, int minAchievements) {
        StringBuilder p = new StringBuilder();
        p.append(korean ? "월: " : "Month: ").append(input.month()).append('\n');
        p.append(korean ? "통계: " : "Statistics: ").append(input.stats().describe()).append("\n\n");
        for (WeeklyRollup week : input.weeks()) {
            p.append(korean ? "## 주간 성과 (id: " : "## Weekly roll-up (id: ").append(week.id()).append(")\n");
            p.append(korean ? "기간: " : "Period: ").append(week.period()).append('\n');
            if (week.freeText() != null) {
                // a page not in worklog's layout: its own title, highlights and text, as they are
                p.append(korean ? "제목: " : "Title: ").append(week.title()).append('\n');
            }
            if (!week.keyHighlights().isEmpty()) {
                p.append(korean ? "핵심 하이라이트:\n" : "Key highlights:\n");
                for (String h : week.keyHighlights()) {
                    p.append("- ").append(h.replace("\n", "\n  ")).append('\n');
                }
            }
            week.freeTextIfAny().ifPresent(text -> p.append(korean ? "본문:\n" : "Text:\n").append(text.strip())
                    .append('\n'));
            int n = 1;
            for (Achievement a : week.achievements()) {
                p.append("### ").append(n++).append(". ").append(a.title()).append('\n');
                star(p, a);
            }
            p.append('\n');
        }
        p.append(korean
                ? "위 주간 성과만 근거로 이번 달의 대표 성과를 STAR 형식으로 " + minAchievements + "~4개 만들고, "
                        + "각 성과의 source_ids에는 근거가 된 주간 성과의 id를 위에 적힌 그대로 넣으세요. "
                        + "career_brief에는 이번 달 커리어를 요약하는 한 문장짜리 항목을 3~5개 쓰세요.\n"
                : "Using only the weekly roll-ups above, write " + minAchievements + " to 4 STAR achievements that "
                        + "represent the month; in each achievement's source_ids put the ids of the weekly roll-ups it "
                        + "is drawn from, exactly as written above. In career_brief write 3 to 5 one-sentence bullets "
                        + "summarising the month for a career record.\n");
        p.append(rules());
        return new LlmRequest(system(), p.toString(), RollupSchemas.MONTHLY_NAME, RollupSchemas.MONTHLY,
                maxOutputTokens, input);
    }

    /** The follow-up message when a reply could not be used: every problem, and the reply itself. */
    String repair(LlmRequest original, String reply, List<String> problems) {
        String shown = reply.length() > 20_000 ? reply.substring(0, 20_000) + "\n[...]" : reply;
        StringBuilder p = new StringBuilder(original.prompt()).append("\n\n");
        p.append(korean ? "이전 답변을 사용할 수 없었습니다. 문제:\n" : "Your previous reply could not be used. Problems:\n");
        for (String problem : problems) {
            p.append("- ").append(problem).append('\n');
        }
        p.append(korean ? "\n이전 답변:\n" : "\nPrevious reply:\n").append(shown).append("\n\n");
        p.append(korean ? "모든 문제를 고친 JSON 객체 하나만 답하세요." : "Reply with one corrected JSON object only.");
        return p.toString();
    }

    private String system() {
        return korean
                ? "당신은 개발자의 업무 기록을 이력서용 성과로 정리하는 커리어 코치입니다. 주어진 자료에 있는 사실만 쓰고, "
                        + "자료에 없는 숫자나 사실을 만들지 마세요. 답은 요청한 JSON 스키마에 맞는 JSON 객체 하나로만 하세요."
                : "You are a career coach who turns a developer's work notes into resume-ready achievements. State only "
                        + "facts found in the material given; never invent numbers or facts. Reply with one JSON object "
                        + "matching the requested schema, nothing else.";
    }

    private String rules() {
        return korean
                ? "규칙: situation/task/action/result는 각각 한두 문장. result에는 자료에 있는 수치만 쓰세요. "
                        + "tech_stack과 metrics는 자료에서 가져오세요. 모든 문장은 한국어로 쓰세요.\n"
                : "Rules: situation, task, action and result are one or two sentences each. Use only figures that "
                        + "appear in the material. Take tech_stack and metrics from the material. Write in English.\n";
    }

    private String renderLog(int n, DailyLog log) {
        StringBuilder s = new StringBuilder();
        s.append(korean ? "## 로그 " : "## Log ").append(n).append(" (id: ").append(log.id()).append(")\n");
        s.append(korean ? "- 제목: " : "- Title: ").append(log.title()).append('\n');
        s.append(korean ? "- 날짜: " : "- Date: ").append(log.loggedDate()).append('\n');
        s.append(korean ? "- 카테고리: " : "- Category: ").append(log.category()).append('\n');
        s.append(korean ? "- 영향도: " : "- Impact: ").append(log.impactLevel().label()).append('\n');
        s.append(korean ? "- 기술 스택: " : "- Tech stack: ").append(String.join(", ", log.techStack())).append('\n');
        log.metricsText().ifPresent(m -> s.append(korean ? "- 지표: " : "- Metrics: ").append(m).append('\n'));
        log.ticket().ifPresent(t -> s.append(korean ? "- 티켓: " : "- Ticket: ").append(t).append('\n'));
        s.append(korean ? "### 내용\n" : "### Context\n").append(log.context().strip()).append("\n");
        return s.toString();
    }

    /** An achievement's STAR sections, tech stack and metrics as prompt lines, the same in every prompt. */
    public static void star(StringBuilder p, Achievement a) {
        p.append("Situation: ").append(a.situation()).append('\n')
                .append("Task: ").append(a.task()).append('\n')
                .append("Action: ").append(a.action()).append('\n')
                .append("Result: ").append(a.result()).append('\n');
        if (!a.techStack().isEmpty()) {
            p.append("Tech stack: ").append(String.join(", ", a.techStack())).append('\n');
        }
        if (!a.metrics().isEmpty()) {
            p.append("Metrics: ").append(String.join("; ", a.metrics())).append('\n');
        }
    }
}
