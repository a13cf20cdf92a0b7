package dev.worklog;

import dev.worklog.internal.redact.RedactingProvider;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.internal.summarize.WeekChoice;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.WorkLogRepository;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link WorkLogger#previewWeek} and {@link WorkLogger#previewMonth}: read the sources as a run would, build the
 * request the pipeline would send, and pass it through the main provider's redaction, without calling the model.
 */
record Previews(WorkLogRepository repository, RollupGenerator generator, ExecutionLog executionLog) {

    PromptPreview week(Period period, SummarizeOptions options) {
        String what = "weekly roll-up " + period.describe();
        List<DailyLog> logs = repository.findDailyLogs(period, options.statuses());
        if (logs.isEmpty()) {
            return empty(what, "no daily logs in the period: a run would send nothing", List.of());
        }
        List<String> notes = new ArrayList<>();
        if (!options.force() && generator.unchanged(period, logs, repository.findWeekly(period))) {
            notes.add("the stored roll-up's inputs are unchanged: a run would keep it without calling the model "
                    + "unless forced");
        }
        return preview(what, logs.size(), generator.weeklyRequest(period, logs), notes, ExecutionLog.WEEKLY_PROCESSOR);
    }

    PromptPreview month(YearMonth month, SummarizeOptions options) {
        String what = "monthly roll-up " + month;
        Period days = Period.of(month);
        List<WeeklyRollup> stored = repository.findWeeklies(days);
        List<String> notes = new ArrayList<>();
        List<Period> missing = MonthlyRun.missingWeeks(days, stored);
        if (!missing.isEmpty()) {
            notes.add("no weekly roll-up for " + missing.stream().map(Period::label).toList() + (options.rollUpMissingWeeks()
                    ? ": a run would roll up those with daily logs first and send their achievements too"
                    : ": a run would leave them out of the achievements"));
        }
        if (stored.isEmpty()) {
            return empty(what, "no weekly roll-ups overlap the month yet", notes);
        }
        WeekChoice choice = WeekChoice.of(stored);
        notes.addAll(choice.warnings());
        MonthlyStats stats = MonthlyStats.of(repository.findDailyLogs(days, options.statuses()), choice.weeks().size());
        if (!options.force() && generator.unchanged(choice.weeks(), stats, repository.findMonthly(month))) {
            notes.add("the stored roll-up's inputs are unchanged: a run would keep it without calling the model "
                    + "unless forced");
        }
        return preview(what, choice.weeks().size(), generator.monthlyRequest(month, choice.weeks(), stats), notes,
                ExecutionLog.MONTHLY_PROCESSOR);
    }

    private PromptPreview preview(String what, int sources, LlmRequest request, List<String> notes, String component) {
        LlmProvider main = generator.primary();
        RedactingProvider.Outgoing out = RedactingProvider.outgoing(main, request);
        if (!out.leavesMachine()) {
            notes.add(main.name() + " runs in this process: nothing leaves the machine, so nothing is redacted");
        }
        executionLog.info(component, what + ": prompt preview for " + main.name() + " (" + main.model() + "), "
                + sources + " sources, redaction " + out.mode().label() + " (" + out.counts().size() + " kinds, "
                + out.places() + " places); nothing sent");
        LlmRequest sent = out.request();
        return new PromptPreview(what, sources, main.name(), main.model(), out.leavesMachine(), out.mode(),
                out.counts(), out.places(), sent.system(), sent.prompt(), sent.schemaName(), notes);
    }

    private PromptPreview empty(String what, String note, List<String> more) {
        LlmProvider main = generator.primary();
        List<String> notes = new ArrayList<>(more);
        notes.add(0, note);
        return new PromptPreview(what, 0, main.name(), main.model(), !main.inProcess(), RedactingProvider.mode(main),
                Map.of(), 0, "", "", "", notes);
    }
}
