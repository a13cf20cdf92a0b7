package dev.worklog.internal.review;

import dev.worklog.model.Achievement;
import dev.worklog.model.Period;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewSource;
import dev.worklog.review.ReviewStats;
import dev.worklog.summarize.OfflineSummarizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A packet as markdown to paste into a review tool: the narrative, the achievements by theme (STAR, metrics, dates,
 * links to the daily logs, tickets and roll-ups), the statistics against the previous period, the gaps and the
 * warnings.
 */
public final class MarkdownReview {
    /** How many technologies the statistics list; the rest are counted in the JSON. */
    static final int TOP_TECH = 10;

    private MarkdownReview() {
    }

    /** The markdown. */
    public static String render(ReviewPacket p) {
        Labels l = Labels.of(p.language());
        StringBuilder md = new StringBuilder();
        md.append("# ").append(p.title()).append("\n\n");
        if (OfflineSummarizer.NAME.equals(p.generation().provider())) {
            md.append("_").append(l.offline()).append("_\n\n");
        }
        md.append("## ").append(l.narrative()).append("\n\n").append(block(p.narrative())).append("\n\n");
        md.append("## ").append(l.achievements()).append("\n\n");
        for (Map.Entry<String, List<ReviewAchievement>> theme : p.themes().entrySet()) {
            md.append("### ").append(theme.getKey()).append("\n\n");
            for (ReviewAchievement a : theme.getValue()) {
                achievement(md, a, l);
            }
        }
        statistics(md, p, l);
        md.append("## ").append(l.gaps()).append("\n\n");
        if (p.gaps().isEmpty()) {
            md.append(l.noGaps()).append("\n\n");
        }
        for (Period week : p.gaps()) {
            md.append("- ").append(ReviewPeriod.isoWeekLabel(week)).append(" (").append(week).append(")\n");
        }
        if (!p.gaps().isEmpty()) {
            md.append('\n');
        }
        if (!p.warnings().isEmpty()) {
            md.append("## ").append(l.warnings()).append("\n\n");
            p.warnings().forEach(w -> md.append("- ").append(oneLine(w)).append('\n'));
            md.append('\n');
        }
        md.append("---\n\n_").append(l.generated()).append(' ').append(p.generation().provider()).append(" (")
                .append(p.generation().model()).append("), ").append(p.generation().generatedAt()).append("_\n");
        return md.toString();
    }

    private static void achievement(StringBuilder md, ReviewAchievement r, Labels l) {
        Achievement a = r.achievement();
        md.append("#### ").append(r.rank()).append(". ").append(oneLine(a.title())).append("\n\n");
        md.append('_').append(dates(r)).append(" · ").append(r.impact().label()).append(' ').append(l.impact())
                .append(" · ").append(l.logs(r.logs().size())).append("_\n\n");
        section(md, l.situation(), a.situation());
        section(md, l.task(), a.task());
        section(md, l.action(), a.action());
        section(md, l.result(), a.result());
        if (!a.metrics().isEmpty()) {
            md.append("**").append(l.metrics()).append("**: ").append(oneLine(String.join("; ", a.metrics())))
                    .append("\n\n");
        }
        if (!a.techStack().isEmpty()) {
            md.append("**").append(l.tech()).append("**: ").append(String.join(", ", a.techStack())).append("\n\n");
        }
        if (!r.logs().isEmpty()) {
            md.append("**").append(l.evidence()).append("**:\n\n");
            for (ReviewSource log : r.logs()) {
                md.append("- ").append(link(log.start() + " " + log.title(), log.url())).append('\n');
            }
            md.append('\n');
        }
        if (!r.tickets().isEmpty()) {
            md.append("**").append(l.tickets()).append("**: ");
            List<String> links = new ArrayList<>();
            r.tickets().forEach(t -> links.add(link(t, t)));
            md.append(String.join(", ", links)).append("\n\n");
        }
        if (!r.rollups().isEmpty()) {
            List<String> links = new ArrayList<>();
            r.rollups().forEach(s -> links.add(link(s.title(), s.url())));
            md.append("**").append(l.rollups()).append("**: ").append(String.join(", ", links)).append("\n\n");
        }
    }

    static String dates(ReviewAchievement r) {
        return r.firstDay().equals(r.lastDay()) ? r.firstDay().toString() : r.firstDay() + " ~ " + r.lastDay();
    }

    private static void section(StringBuilder md, String label, String text) {
        md.append("**").append(label).append("**\n\n").append(block(text)).append("\n\n");
    }

    /**
     * Model-written text as a markdown block: a code fence it opens and never closes is closed at its end, so that it
     * cannot turn the rest of the document into code.
     */
    static String block(String text) {
        String t = text.strip();
        String open = null;
        for (String line : t.split("\n", -1)) {
            String trimmed = line.strip();
            String run = fence(trimmed);
            if (open == null) {
                open = run;
            } else if (run != null && run.charAt(0) == open.charAt(0) && run.length() >= open.length()
                    && trimmed.length() == run.length()) {
                open = null;
            }
        }
        return open == null ? t : t + "\n" + open;
    }

    /** The run of three or more backticks or tildes a line starts with, or null. */
    private static String fence(String line) {
        if (line.isEmpty() || (line.charAt(0) != '`' && line.charAt(0) != '~')) {
            return null;
        }
        int n = 0;
        while (n < line.length() && line.charAt(n) == line.charAt(0)) {
            n++;
        }
        return n >= 3 ? line.substring(0, n) : null;
    }

    private static void statistics(StringBuilder md, ReviewPacket p, Labels l) {
        ReviewStats now = p.stats();
        ReviewStats before = p.previousStats();
        md.append("## ").append(l.statistics()).append("\n\n");
        md.append("| | ").append(p.period().label()).append(" | ").append(p.previousPeriod().label()).append(" | ")
                .append(l.change()).append(" |\n| --- | ---: | ---: | ---: |\n");
        row(md, l.logsRow(), now.logs(), before.logs());
        md.append("| ").append(l.activeWeeksRow()).append(" | ").append(now.activeWeeks()).append(l.of())
                .append(now.weeks()).append(" | ").append(before.activeWeeks()).append(l.of()).append(before.weeks())
                .append(" | ").append(delta(now.activeWeeks(), before.activeWeeks())).append(" |\n");
        for (String level : union(now.byImpact(), before.byImpact(), Integer.MAX_VALUE)) {
            row(md, l.impactRow() + " " + level, now.byImpact().getOrDefault(level, 0),
                    before.byImpact().getOrDefault(level, 0));
        }
        for (String c : union(now.byCategory(), before.byCategory(), Integer.MAX_VALUE)) {
            row(md, l.categories() + " " + cell(c), now.byCategory().getOrDefault(c, 0),
                    before.byCategory().getOrDefault(c, 0));
        }
        for (String t : union(now.byTechStack(), before.byTechStack(), TOP_TECH)) {
            row(md, l.technologies() + " " + cell(t), now.byTechStack().getOrDefault(t, 0),
                    before.byTechStack().getOrDefault(t, 0));
        }
        md.append('\n');
    }

    /** The keys of this period first (most first), then those only the previous period had; at most {@code max}. */
    static List<String> union(Map<String, Integer> now, Map<String, Integer> before, int max) {
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(before.keySet());
        return keys.stream().limit(max).toList();
    }

    /** {@code +14}, {@code -3}, {@code 0}. */
    static String delta(int now, int before) {
        int d = now - before;
        return d > 0 ? "+" + d : String.valueOf(d);
    }

    private static void row(StringBuilder md, String label, int now, int before) {
        md.append("| ").append(label).append(" | ").append(now).append(" | ").append(before).append(" | ")
                .append(delta(now, before)).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String link(String text, String url) {
        String shown = oneLine(text).replace("[", "\\[").replace("]", "\\]");
        return url == null ? shown : "[" + shown + "](<" + url + ">)";
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
