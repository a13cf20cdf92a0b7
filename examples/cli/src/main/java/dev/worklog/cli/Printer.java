package dev.worklog.cli;

import dev.worklog.MonthlyResult;
import dev.worklog.PromptPreview;
import dev.worklog.RollupStatus;
import dev.worklog.WeeklyResult;
import dev.worklog.config.RedactionMode;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns SDK results into the text the commands print on stdout. Only formatting; no decisions. */
final class Printer {
    private static final String INDENT = "    ";
    private final PrintWriter out;

    Printer(PrintWriter out) {
        this.out = out;
    }

    /** A daily log's fields; with its context when {@code withContext}. */
    void entry(String heading, DailyLog log, boolean withContext) {
        out.println(heading + ": " + log.title());
        field("date", log.loggedDate().toString());
        field("category", log.category());
        field("impact", log.impactLevel().label());
        field("tech", String.join(", ", log.techStack()));
        field("status", log.status());
        log.metricsText().ifPresent(m -> field("metrics", m));
        log.ticket().ifPresent(u -> field("ticket", u));
        if (log.id() != null) {
            field("id", log.id());
        }
        if (log.url() != null) {
            field("url", log.url());
        }
        if (withContext) {
            out.println("  context:");
            indented(log.context(), INDENT);
        }
        out.flush();
    }

    /** Where a daily log was stored. */
    void stored(String heading, DailyLog log) {
        out.println(heading + ": " + log.title() + " (" + log.loggedDate() + ")");
        field("id", log.id());
        field("url", log.url());
        out.flush();
    }

    /** A weekly run: the roll-up (if any), then how it was made and what happened to it. */
    void weekly(WeeklyResult result) {
        WeeklyRollup r = result.rollup();
        if (r == null) {
            out.println("No daily logs in " + result.period().describe() + ": nothing to summarise.");
            out.println("Status: " + RollupStatus.NO_SOURCES + " (nothing generated or stored)");
            out.flush();
            return;
        }
        out.println("=== " + r.title() + " ===");
        notice(r.generation());
        if (result.logsRead().isEmpty() && result.status() == RollupStatus.UNCHANGED) {
            int n = r.sourceLogIds().size();
            out.println("Period: " + r.period().describe() + ", " + n + " daily log"
                    + (n == 1 ? "" : "s") + ", none edited since the roll-up read " + (n == 1 ? "it" : "them")
                    + " (not read again)");
        } else {
            out.println("Period: " + r.period().describe() + ", " + result.logsRead().size()
                    + " daily log" + (result.logsRead().size() == 1 ? "" : "s") + " read");
        }
        out.println();
        if (!r.keyHighlights().isEmpty()) {
            out.println("Key highlights:");
            bullets(r.keyHighlights());
            out.println();
        }
        body(r.achievements(), r.freeText());
        footer(result.warnings(), r.generation(), result.usage(), result.status(), r.id(), r.url());
    }

    /** A monthly run: career brief, achievements, statistics, then how it was made. */
    void monthly(MonthlyResult result) {
        MonthlyRollup r = result.rollup();
        if (r == null) {
            out.println("No weekly roll-ups for " + result.month() + " (none stored, none made from its daily logs): "
                    + "nothing to summarise.");
            result.warnings().forEach(w -> out.println("warning: " + w));
            out.println("Status: " + RollupStatus.NO_SOURCES + " (nothing generated or stored)");
            out.flush();
            return;
        }
        out.println("=== " + r.title() + " ===");
        notice(r.generation());
        out.println("Month: " + r.month() + ", " + result.weeksRead().size() + " weekly roll-up"
                + (result.weeksRead().size() == 1 ? "" : "s") + " and " + result.logsRead() + " daily log"
                + (result.logsRead() == 1 ? "" : "s") + " read");
        out.println("Weeks: " + String.join(", ", result.weeksRead().stream().map(w -> w.period().label()).toList()));
        for (WeeklyResult w : result.weeksRolledUp()) {
            out.println("Rolled up first: weekly " + w.period().describe() + " (" + w.status() + ", "
                    + w.logsRead().size() + " daily log" + (w.logsRead().size() == 1 ? "" : "s") + ")");
        }
        out.println();
        if (!r.careerBrief().isEmpty()) {
            out.println("Career brief:");
            bullets(r.careerBrief());
            out.println();
        }
        body(r.achievements(), r.freeText());
        stats(r.stats());
        footer(result.warnings(), r.generation(), result.usage(), result.status(), r.id(), r.url());
        monthTokens(result);
    }

    /** What a run would send to the model, exactly: the redacted system text and prompt, and what was replaced. */
    void preview(PromptPreview p) {
        out.println("=== Prompt preview: " + p.what() + " ===");
        if (p.sources() > 0) {
            out.println("Model: " + p.provider() + " (" + p.model() + "), " + p.sources() + " sources in the prompt; "
                    + "nothing was sent and nothing stored");
            if (!p.leavesMachine()) {
                out.println("Redaction: not needed (" + p.provider() + " runs in this process; nothing leaves the "
                        + "machine)");
            } else if (p.redaction() == RedactionMode.OFF) {
                out.println("Redaction: off (WORKLOG_REDACT=off): the notes would be sent as written");
            } else {
                out.println("Redaction: " + p.redaction().label() + ", " + p.placeholders() + " places replaced"
                        + (p.redacted().isEmpty() ? " (nothing found)" : " (" + p.redacted().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")) + " distinct values)"));
            }
        }
        p.notes().forEach(n -> out.println("Note: " + n));
        if (p.sources() > 0) {
            out.println("----- system -----");
            out.println(p.system());
            out.println("----- prompt -----");
            out.println(p.prompt().stripTrailing());
            out.println("----- end (the provider adds the output schema " + p.schemaName() + ") -----");
        }
        out.flush();
    }

    private void notice(Generation generation) {
        if (RollupMarkdown.isOffline(generation.provider())) {
            out.println("Note: " + OfflineSummarizer.NOTICE);
        }
    }

    /** The achievements, or the page's own text when it is not in worklog's layout. */
    private void body(List<Achievement> achievements, String freeText) {
        if (freeText == null) {
            achievements(achievements);
            return;
        }
        out.println("Text (the page is not in worklog's layout; shown as it is):");
        indented(freeText, INDENT);
        out.println();
    }

    /**
     * The tokens stored with the month's roll-ups: each week's and the month's own, as recorded when they were
     * made (reused roll-ups cost nothing again).
     */
    private void monthTokens(MonthlyResult result) {
        TokenUsage total = result.rollup().generation().usage();
        for (WeeklyRollup w : result.weeksRead()) {
            total = total.plus(w.generation().usage());
        }
        out.println("Tokens recorded with " + result.month() + "'s roll-ups (" + result.weeksRead().size() + " week"
                + (result.weeksRead().size() == 1 ? "" : "s") + " and the month): " + total.inputTokens() + " in, "
                + total.outputTokens() + " out, " + total.total() + " total");
        out.flush();
    }

    private void achievements(List<Achievement> achievements) {
        out.println("Achievements:");
        int n = 1;
        for (Achievement a : achievements) {
            out.println();
            out.println("  " + n++ + ". " + a.title());
            star("Situation", a.situation());
            star("Task", a.task());
            star("Action", a.action());
            star("Result", a.result());
            if (!a.techStack().isEmpty()) {
                out.println(INDENT + "Tech: " + String.join(", ", a.techStack()));
            }
            if (!a.metrics().isEmpty()) {
                out.println(INDENT + "Metrics: " + String.join(" | ", a.metrics()));
            }
            if (!a.sourceIds().isEmpty()) {
                out.println(INDENT + "Sources: " + String.join(", ", a.sourceIds()));
            }
        }
        out.println();
    }

    private void stats(MonthlyStats s) {
        out.println("Statistics:");
        field("logs", String.valueOf(s.totalLogs()));
        field("weeks", String.valueOf(s.weeks()));
        field("by category", counts(s.byCategory()));
        field("by impact", counts(s.byImpact()));
        field("by tech", counts(s.byTechStack()));
        out.println();
    }

    private void footer(List<String> warnings, Generation g, TokenUsage usage, RollupStatus status, String id,
            String url) {
        if (!warnings.isEmpty()) {
            out.println("Warnings:");
            bullets(warnings);
            out.println();
        }
        out.println("Provider: " + g.provider() + " (model " + g.model() + ", prompt " + g.promptVersion()
                + ", generated " + g.generatedAt() + ")");
        TokenUsage stored = g.usage();
        if (status == RollupStatus.UNCHANGED) {
            out.println("Tokens: none this run (no LLM call); recorded with the stored roll-up: "
                    + (stored.total() == 0 ? "none" : stored.inputTokens() + " in, " + stored.outputTokens() + " out, "
                            + stored.total() + " total"));
        } else {
            out.println("Tokens: " + (usage.total() == 0 ? "none (no LLM call)"
                    : usage.inputTokens() + " in, " + usage.outputTokens() + " out, " + usage.total() + " total"));
        }
        switch (status) {
            case WRITTEN:
                out.println("Status: WRITTEN (stored)");
                break;
            case DRY_RUN:
                out.println("Status: DRY_RUN (dry run: nothing stored)");
                break;
            case UNCHANGED:
                out.println("Status: UNCHANGED (inputs unchanged, LLM not called; --force regenerates)");
                break;
            default:
                out.println("Status: " + status);
        }
        if (id != null) {
            field("id", id);
        }
        if (url != null) {
            field("url", url);
        }
        out.flush();
    }

    private void star(String label, String text) {
        out.println(INDENT + label + ":");
        indented(text, INDENT + "  ");
    }

    private void bullets(List<String> items) {
        for (String item : items) {
            out.println("  - " + item);
        }
    }

    private void field(String name, String value) {
        out.println(String.format("  %-12s %s", name + ":", value));
    }

    private void indented(String text, String indent) {
        for (String line : text.strip().split("\\R", -1)) {
            out.println(line.isBlank() ? "" : indent + line);
        }
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
