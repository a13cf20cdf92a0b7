package dev.worklog.internal.review;

import dev.worklog.model.Achievement;
import dev.worklog.model.Period;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewSource;
import dev.worklog.review.ReviewStats;
import dev.worklog.summarize.OfflineSummarizer;
import java.util.List;
import java.util.Map;

/**
 * A packet as one self-contained HTML file: the style is inline, nothing is loaded from anywhere (no script, no
 * font, no image), and it prints on A4 or Letter with each achievement kept on one page. Every citation is a link
 * to the daily log, ticket or roll-up (a Notion page or a local file). The markup is also well-formed XML, so any
 * parser can read it.
 */
public final class HtmlReview {
    private static final String STYLE = String.join("\n",
            "body{font:15px/1.55 -apple-system,'Segoe UI','Noto Sans KR','Malgun Gothic',Helvetica,Arial,sans-serif;"
                    + "color:#1f2328;margin:0;background:#fff}",
            "main{max-width:860px;margin:0 auto;padding:32px 24px}",
            "h1{font-size:26px;margin:0 0 8px}h2{font-size:20px;margin:32px 0 12px;border-bottom:1px solid #d0d7de;"
                    + "padding-bottom:4px}h3{font-size:17px;margin:24px 0 8px;color:#0b5cad}",
            "h4{font-size:16px;margin:0 0 4px}.meta{color:#57606a;font-size:13px;margin:0 0 10px}",
            ".achievement{border:1px solid #d0d7de;border-radius:6px;padding:14px 16px;margin:0 0 14px}",
            ".star{display:grid;grid-template-columns:7em 1fr;gap:4px 12px;margin:0}",
            ".star dt{font-weight:600}.star dd{margin:0;white-space:pre-line}",
            ".sources{font-size:13px;margin:10px 0 0}.sources ul{margin:2px 0 6px;padding-left:20px}",
            "a{color:#0b5cad}table{border-collapse:collapse;font-size:14px}",
            "th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:right}th:first-child,td:first-child"
                    + "{text-align:left}",
            ".narrative{font-size:16px;white-space:pre-line}.note{color:#57606a;font-style:italic}",
            "footer{color:#57606a;font-size:12px;margin-top:32px}",
            "@media print{body{font-size:11pt}main{max-width:none;padding:0}.achievement{break-inside:avoid}"
                    + "h2,h3{break-after:avoid}a{color:#1f2328}}",
            "@page{margin:16mm}");

    private HtmlReview() {
    }

    /** The HTML document. */
    public static String render(ReviewPacket p) {
        Labels l = Labels.of(p.language());
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(p.language()).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(esc(p.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>").append(esc(p.title())).append("</h1>\n");
        h.append("<p class=\"meta\">").append(esc(p.period().days().toString())).append("</p>\n");
        if (OfflineSummarizer.NAME.equals(p.generation().provider())) {
            h.append("<p class=\"note\">").append(esc(l.offline())).append("</p>\n");
        }
        h.append("<h2>").append(esc(l.narrative())).append("</h2>\n<p class=\"narrative\">")
                .append(esc(p.narrative().strip())).append("</p>\n");
        h.append("<h2>").append(esc(l.achievements())).append("</h2>\n");
        for (Map.Entry<String, List<ReviewAchievement>> theme : p.themes().entrySet()) {
            h.append("<section class=\"theme\">\n<h3>").append(esc(theme.getKey())).append("</h3>\n");
            for (ReviewAchievement a : theme.getValue()) {
                achievement(h, a, l);
            }
            h.append("</section>\n");
        }
        statistics(h, p, l);
        h.append("<h2>").append(esc(l.gaps())).append("</h2>\n");
        if (p.gaps().isEmpty()) {
            h.append("<p>").append(esc(l.noGaps())).append("</p>\n");
        } else {
            h.append("<ul class=\"gaps\">\n");
            for (Period week : p.gaps()) {
                h.append("<li>").append(esc(ReviewPeriod.isoWeekLabel(week) + " (" + week + ")")).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!p.warnings().isEmpty()) {
            h.append("<h2>").append(esc(l.warnings())).append("</h2>\n<ul class=\"warnings\">\n");
            p.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<footer>").append(esc(l.generated() + " " + p.generation().provider() + " ("
                + p.generation().model() + "), " + p.generation().generatedAt())).append("</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void achievement(StringBuilder h, ReviewAchievement r, Labels l) {
        Achievement a = r.achievement();
        h.append("<article class=\"achievement\" id=\"achievement-").append(r.rank()).append("\">\n");
        h.append("<h4>").append(r.rank()).append(". ").append(esc(a.title())).append("</h4>\n");
        h.append("<p class=\"meta\">").append(esc(MarkdownReview.dates(r) + " · " + r.impact().label() + " "
                + l.impact() + " · " + l.logs(r.logs().size()))).append("</p>\n");
        h.append("<dl class=\"star\">\n");
        term(h, l.situation(), a.situation());
        term(h, l.task(), a.task());
        term(h, l.action(), a.action());
        term(h, l.result(), a.result());
        if (!a.metrics().isEmpty()) {
            term(h, l.metrics(), String.join("\n", a.metrics()));
        }
        if (!a.techStack().isEmpty()) {
            term(h, l.tech(), String.join(", ", a.techStack()));
        }
        h.append("</dl>\n<div class=\"sources\">\n");
        if (!r.logs().isEmpty()) {
            h.append("<div>").append(esc(l.evidence())).append("</div>\n<ul class=\"evidence\">\n");
            for (ReviewSource log : r.logs()) {
                h.append("<li>").append(link(log.start() + " · " + log.title(), log.url(), "log")).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!r.tickets().isEmpty()) {
            h.append("<div>").append(esc(l.tickets())).append("</div>\n<ul class=\"tickets\">\n");
            r.tickets().forEach(t -> h.append("<li>").append(link(t, t, "ticket")).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (!r.rollups().isEmpty()) {
            h.append("<div>").append(esc(l.rollups())).append("</div>\n<ul class=\"rollups\">\n");
            r.rollups().forEach(s -> h.append("<li>").append(link(s.title(), s.url(), "rollup")).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</div>\n</article>\n");
    }

    private static void statistics(StringBuilder h, ReviewPacket p, Labels l) {
        ReviewStats now = p.stats();
        ReviewStats before = p.previousStats();
        h.append("<h2>").append(esc(l.statistics())).append("</h2>\n<table class=\"stats\">\n<thead><tr><th></th><th>")
                .append(esc(p.period().label())).append("</th><th>").append(esc(p.previousPeriod().label()))
                .append("</th><th>").append(esc(l.change())).append("</th></tr></thead>\n<tbody>\n");
        row(h, l.logsRow(), String.valueOf(now.logs()), String.valueOf(before.logs()),
                MarkdownReview.delta(now.logs(), before.logs()));
        row(h, l.activeWeeksRow(), now.activeWeeks() + l.of() + now.weeks(),
                before.activeWeeks() + l.of() + before.weeks(),
                MarkdownReview.delta(now.activeWeeks(), before.activeWeeks()));
        counts(h, l.impactRow(), now.byImpact(), before.byImpact(), Integer.MAX_VALUE);
        counts(h, l.categories(), now.byCategory(), before.byCategory(), Integer.MAX_VALUE);
        counts(h, l.technologies(), now.byTechStack(), before.byTechStack(), MarkdownReview.TOP_TECH);
        h.append("</tbody>\n</table>\n");
    }

    private static void counts(StringBuilder h, String label, Map<String, Integer> now, Map<String, Integer> before,
            int max) {
        for (String key : MarkdownReview.union(now, before, max)) {
            int a = now.getOrDefault(key, 0);
            int b = before.getOrDefault(key, 0);
            row(h, label + " " + key, String.valueOf(a), String.valueOf(b), MarkdownReview.delta(a, b));
        }
    }

    private static void row(StringBuilder h, String label, String now, String before, String change) {
        h.append("<tr><td>").append(esc(label)).append("</td><td>").append(esc(now)).append("</td><td>")
                .append(esc(before)).append("</td><td>").append(esc(change)).append("</td></tr>\n");
    }

    private static void term(StringBuilder h, String label, String text) {
        h.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(text.strip())).append("</dd>\n");
    }

    private static String link(String text, String url, String kind) {
        if (url == null) {
            return "<span class=\"" + kind + "\">" + esc(text) + "</span>";
        }
        return "<a class=\"" + kind + "\" href=\"" + esc(url) + "\">" + esc(text) + "</a>";
    }

    /** Text and attribute values escaped for HTML and XML alike; control characters XML forbids are dropped. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
