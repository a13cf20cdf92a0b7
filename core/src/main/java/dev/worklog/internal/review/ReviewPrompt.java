package dev.worklog.internal.review;

import dev.worklog.internal.summarize.PromptBuilder;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The review packet's prompt and reply schema, once for every provider. The model gets the period's statistics
 * (and the previous period's), its weeks without logs, each month's career brief and achievements, and every weekly
 * achievement with its impact, dates and category from the logs it cites, each under a short id to cite.
 */
final class ReviewPrompt {
    /** Bumped whenever the prompt or the schema changes, so packets made by older prompts are regenerated. */
    static final String PROMPT_VERSION = "2026-12-01.1";
    static final String SCHEMA_NAME = "review_packet";

    static final String SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"narrative\",\"achievements\"],\"properties\":{"
            + "\"narrative\":{\"type\":\"string\",\"description\":\"3 to 5 sentences on the period\"},"
            + "\"achievements\":{\"type\":\"array\",\"description\":\"at most 10, most important first\",\"items\":"
            + "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"title\",\"theme\",\"situation\",\"task\",\"action\",\"result\",\"tech_stack\",\"metrics\","
            + "\"source_ids\"],\"properties\":{"
            + "\"title\":{\"type\":\"string\",\"description\":\"one-line resume headline\"},"
            + "\"theme\":{\"type\":\"string\",\"description\":\"a short theme to group by, e.g. a category or a technology\"},"
            + "\"situation\":{\"type\":\"string\"},\"task\":{\"type\":\"string\"},\"action\":{\"type\":\"string\"},"
            + "\"result\":{\"type\":\"string\",\"description\":\"measurable outcome, numbers only from the sources\"},"
            + "\"tech_stack\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"metrics\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"source_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
            + "\"description\":\"ids (W1, M2, ...) of the achievements this one is drawn from\"}}}}}}";

    private ReviewPrompt() {
    }

    static LlmRequest request(SummaryInput.Review input, Citables citables, int maxOutputTokens) {
        boolean ko = !"en".equals(input.language());
        ReviewPeriod period = input.period();
        StringBuilder p = new StringBuilder();
        p.append(ko ? "리뷰 기간: " : "Review period: ").append(period.label()).append(" (").append(period.days())
                .append(")\n");
        p.append(ko ? "통계: " : "Statistics: ").append(input.stats().describe()).append('\n');
        p.append(ko ? "직전 기간 " : "Previous period ").append(period.previous().label()).append(": ")
                .append(input.previousStats().describe()).append('\n');
        if (!input.gaps().isEmpty()) {
            p.append(ko ? "로그가 없는 주: " : "Weeks without any log: ")
                    .append(input.gaps().stream().map(ReviewPeriod::isoWeekLabel).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        p.append('\n');
        for (MonthlyRollup month : input.months()) {
            p.append(ko ? "## 월간 요약 " : "## Month ").append(month.month()).append('\n');
            if (!month.careerBrief().isEmpty()) {
                p.append(ko ? "커리어 요약:\n" : "Career brief:\n");
                month.careerBrief().forEach(b -> p.append("- ").append(oneLine(b)).append('\n'));
            }
            month.freeTextIfAny().ifPresent(t -> p.append(ko ? "본문:\n" : "Text:\n").append(t.strip()).append('\n'));
            p.append('\n');
        }
        p.append(ko ? "## 인용할 수 있는 성과\n\n" : "## Achievements you may cite\n\n");
        for (Citables.Citable c : citables.all()) {
            p.append("### [").append(c.ref()).append("] ").append(oneLine(c.title())).append('\n');
            p.append(ko ? "출처: " : "From: ").append(c.rollup().title()).append('\n');
            List<DailyLog> logs = citables.logsOf(c);
            if (!logs.isEmpty()) {
                ImpactLevel impact = logs.stream().map(DailyLog::impactLevel).min(Enum::compareTo).orElseThrow();
                p.append(ko ? "근거: 일일 로그 " : "Evidence: ").append(logs.size()).append(ko ? "건, " : " daily logs, ")
                        .append(new Period(logs.get(0).loggedDate(), logs.get(logs.size() - 1).loggedDate()))
                        .append(ko ? ", 최고 영향도 " : ", highest impact ").append(impact.label())
                        .append(ko ? ", 카테고리 " : ", categories ")
                        .append(logs.stream().map(DailyLog::category).distinct().collect(Collectors.joining(", ")))
                        .append('\n');
            }
            if (c.achievement() != null) {
                PromptBuilder.star(p, c.achievement());
            } else {
                p.append(c.freeText().strip()).append('\n');
            }
            p.append('\n');
        }
        int max = Math.min(ReviewPacket.MAX_ACHIEVEMENTS, citables.all().size());
        p.append(ko
                ? "위 자료만 근거로 " + period.label() + " 기간의 성과 리뷰를 쓰세요. narrative에는 기간 전체를 3~5문장으로 "
                        + "요약하세요. achievements에는 영향도와 근거(로그 수)가 큰 순서로 최대 " + max + "개의 대표 성과를 "
                        + "STAR 형식으로 쓰고, 비슷한 작업은 하나로 합치세요. theme에는 묶을 주제(카테고리나 기술 등)를 짧게 "
                        + "쓰세요. source_ids에는 근거가 된 성과의 id(W1, M2 등)를 위에 적힌 그대로 넣고, 가능하면 주간 성과(W)를 "
                        + "인용하세요.\n"
                : "Using only the material above, write the review of " + period.label() + ". In narrative, sum the "
                        + "period up in 3 to 5 sentences. In achievements, give at most " + max + " top achievements in "
                        + "STAR form, most impact and evidence (daily logs) first; merge related work. In theme, give a "
                        + "short theme to group them by (a category, a technology, ...). In source_ids, put the ids "
                        + "(W1, M2, ...) of the achievements each is drawn from, exactly as written above, preferring "
                        + "weekly ones (W).\n");
        p.append(ko
                ? "규칙: situation/task/action/result는 각각 한두 문장. 자료에 있는 수치만 쓰세요. tech_stack과 metrics는 "
                        + "자료에서 가져오세요. 모든 문장은 한국어로 쓰세요.\n"
                : "Rules: situation, task, action and result are one or two sentences each. Use only figures that "
                        + "appear in the material. Take tech_stack and metrics from the material. Write in English.\n");
        String system = ko
                ? "당신은 개발자의 업무 기록으로 성과 평가 자료를 만드는 커리어 코치입니다. 주어진 자료에 있는 사실만 쓰고, "
                        + "자료에 없는 숫자나 사실을 만들지 마세요. 답은 요청한 JSON 스키마에 맞는 JSON 객체 하나로만 하세요."
                : "You are a career coach who turns a developer's work records into a performance review packet. State "
                        + "only facts found in the material given; never invent numbers or facts. Reply with one JSON "
                        + "object matching the requested schema, nothing else.";
        return new LlmRequest(system, p.toString(), SCHEMA_NAME, SCHEMA, maxOutputTokens, input);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
