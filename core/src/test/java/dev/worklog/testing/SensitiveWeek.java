package dev.worklog.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.DailyLogDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A week of daily logs (ISO week 2026-W47) written the way people write them at work: e-mail addresses, IPv4 and
 * IPv6 addresses, internal URLs and host names, ticket keys, customer and project names, and one credential pasted
 * by mistake, among numbers that must reach the model unchanged. {@link #TERMS} is the term file that names the
 * customers and the project. {@link #echo} is a model that writes back the placeholders it was given, so that a test
 * can see the values restored in the right achievement.
 */
public final class SensitiveWeek {
    /** The ISO week the logs fall in. */
    public static final String WEEK = "2026-W47";

    /** The term file ({@code WORKLOG_REDACT_TERMS_FILE}) naming the customers and the project. */
    public static final String TERMS = """
            # who we work for: never to a model
            [customer]
            Globex
            Initech Bank
            /Umbrella( Corp)?/
            [project]
            Project Falcon
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z][A-Z0-9]*_\\d+]");
    private static final Pattern SECTION = Pattern.compile("(?m)^## [^\\n]*\\(id: ([A-Za-z0-9_.-]+)\\)\\n");

    /**
     * One log: its title, the values in it no model may see, and the numbers that must reach it.
     *
     * @param draft the entry
     * @param sensitive every e-mail address, IP, internal URL or host, ticket key, listed term and credential in it
     * @param numbers figures in it, as written
     */
    public record Log(DailyLogDraft draft, List<String> sensitive, List<String> numbers) {
        /** The entry as the REST body and {@code worklog daily --json} take it. */
        public String json() {
            ObjectNode n = JSON.createObjectNode();
            n.put("title", draft.title());
            n.put("context", draft.context());
            n.put("category", draft.category());
            n.put("impact_level", draft.impactLevel());
            ArrayNode tech = n.putArray("tech_stack");
            draft.techStack().forEach(tech::add);
            n.put("logged_date", draft.loggedDate());
            if (draft.metrics() != null) {
                n.put("metrics", draft.metrics());
            }
            if (draft.ticketUrl() != null) {
                n.put("ticket_url", draft.ticketUrl());
            }
            return n.toString();
        }
    }

    private SensitiveWeek() {
    }

    /** The five logs, Monday to Friday. */
    public static List<Log> logs() {
        return List.of(
                log("Globex billing outage: failed over db-primary-3.prod.internal", "2026-11-16", "장애대응", "High",
                        List.of("PostgreSQL", "Patroni"), "p99 820 ms → 140 ms", "https://jira.acme.internal/browse/PAY-1423",
                        """
                        ### Situation
                        Globex could not pay invoices; jane.doe@acme-corp.com paged ops-oncall@build.corp at 02:10.
                        ### Task
                        Restore billing for Globex within the SLA (PAY-1423).
                        ### Action
                        - Promoted the replica at 10.20.30.41 and fenced 10.20.30.40
                        - Followed https://wiki.acme.internal/display/PAY/Runbook step by step
                        ### Result
                        Billing back in 38 minutes; p99 820 ms → 140 ms.
                        """,
                        List.of("Globex", "db-primary-3.prod.internal", "jane.doe@acme-corp.com", "ops-oncall@build.corp",
                                "PAY-1423", "10.20.30.41", "10.20.30.40", "https://wiki.acme.internal/display/PAY/Runbook",
                                "https://jira.acme.internal/browse/PAY-1423"),
                        List.of("820", "140", "38", "02:10")),
                log("Initech Bank statement export 3x faster", "2026-11-17", "성능개선", "High",
                        List.of("Java", "Kafka"), "1,200 statements/s (was 400)", null,
                        """
                        ### Situation
                        Initech Bank's month-end export ran 4.5 hours on batch-02.corp.
                        ### Task
                        Cut it below 2 hours before the November close (BILL-2048).
                        ### Action
                        - Partitioned the Kafka topic by account; consumers on fd12:3456:789a::17 and 192.168.7.12
                        - Dashboards: https://grafana.corp/d/export-latency
                        ### Result
                        1,200 statements/s (was 400); the run takes 1.5 hours, a 67% cut.
                        """,
                        List.of("Initech Bank", "batch-02.corp", "BILL-2048", "fd12:3456:789a::17", "192.168.7.12",
                                "https://grafana.corp/d/export-latency"),
                        List.of("1,200", "400", "4.5", "1.5", "67%")),
                log("Project Falcon: deploy pipeline for Umbrella Corp", "2026-11-18", "신규기능", "Medium",
                        List.of("Jenkins", "Kubernetes"), "deploys 25 min → 6 min", null,
                        """
                        ### Situation
                        Project Falcon ships to Umbrella Corp weekly; deploys took 25 minutes.
                        ### Task
                        Automate the rollout (OPS-77).
                        ### Action
                        - Wrote the job at http://jenkins01:8080/job/falcon-deploy/
                        - Reviewed with kim.minji@acme-corp.com
                        ### Result
                        Deploys 25 min → 6 min, 12 releases this week.
                        """,
                        List.of("Project Falcon", "Umbrella Corp", "OPS-77", "http://jenkins01:8080/job/falcon-deploy/",
                                "kim.minji@acme-corp.com"),
                        List.of("25", "6", "12")),
                log("Rotated the leaked CI token", "2026-11-19", "버그픽스", "Medium", List.of("GitHub Actions"),
                        null, null,
                        """
                        ### Situation
                        A CI log printed token=ghp_R2d2C3poBb8Yoda0Luke1Leia2Han3Chewie45 to 30 readers.
                        ### Task
                        Rotate it and find other copies (SEC-9).
                        ### Action
                        - Revoked it, moved secrets to the vault at vault.acme.internal
                        ### Result
                        0 further exposures in 3 days of audit logs.
                        """,
                        List.of("ghp_R2d2C3poBb8Yoda0Luke1Leia2Han3Chewie45", "SEC-9", "vault.acme.internal"),
                        List.of("30", "0", "3")),
                log("Globex onboarding guide", "2026-11-20", "문서화", "Low", List.of("Markdown"), "9 pages", null,
                        """
                        ### Situation
                        New Globex engineers asked the same 14 questions.
                        ### Action
                        - Wrote 9 pages with examples against sandbox.globex.lan
                        ### Result
                        Questions down from 14 to 2 in the first week.
                        """,
                        List.of("Globex", "sandbox.globex.lan"), List.of("14", "9", "2")));
    }

    private static Log log(String title, String date, String category, String impact, List<String> tech,
            String metrics, String ticketUrl, String context, List<String> sensitive, List<String> numbers) {
        return new Log(DailyLogDraft.builder().title(title).context(context).category(category).impactLevel(impact)
                .techStack(tech).loggedDate(date).metrics(metrics).ticketUrl(ticketUrl).build(), sensitive, numbers);
    }

    /** Every value of the week that must not reach a model. */
    public static List<String> sensitive() {
        Set<String> all = new LinkedHashSet<>();
        logs().forEach(l -> all.addAll(l.sensitive()));
        return new ArrayList<>(all);
    }

    /** Every figure of the week, as written. */
    public static List<String> numbers() {
        Set<String> all = new LinkedHashSet<>();
        logs().forEach(l -> all.addAll(l.numbers()));
        return new ArrayList<>(all);
    }

    /**
     * A model that writes back what it was given: one achievement per source section (at most five), titled with the
     * section's title line, whose action lists every placeholder of that section and whose result is its metrics, so
     * that restored values land in the achievement of the log they came from.
     */
    public static String echo(String prompt) {
        return echo(prompt, false);
    }

    /**
     * {@link #echo(String)}, and with {@code mangle} the first achievement also names a placeholder the run never made
     * ({@code [HOST_99]}) and a mangled one ({@code [Customer 1]}).
     */
    public static String echo(String prompt, boolean mangle) {
        boolean monthly = prompt.contains("career_brief");
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Matcher m = SECTION.matcher(prompt);
        int lastEnd = -1;
        while (m.find()) {
            if (lastEnd >= 0) {
                bodies.add(prompt.substring(lastEnd, m.start()));
            }
            ids.add(m.group(1));
            lastEnd = m.end();
        }
        if (lastEnd >= 0) {
            bodies.add(prompt.substring(lastEnd));
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode achievements = root.putArray("achievements");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < Math.min(monthly ? 4 : 5, ids.size()); i++) {
            String body = bodies.get(i);
            String title = line(body, "- Title: ", "- 제목: ", "### 1. ");
            titles.add(title == null ? "Work " + (i + 1) : title);
            Set<String> placeholders = new LinkedHashSet<>();
            Matcher p = PLACEHOLDER.matcher(body);
            while (p.find()) {
                placeholders.add(p.group());
            }
            String metrics = line(body, "- Metrics: ", "- 지표: ", "Metrics: ");
            ObjectNode a = achievements.addObject();
            a.put("title", titles.get(i));
            a.put("situation", "See the log.");
            a.put("task", "Deliver the work.");
            a.put("action", "Worked with " + String.join(", ", placeholders)
                    + (mangle && i == 0 ? " and [HOST_99], reviewed by [Customer 1]" : ""));
            a.put("result", metrics == null ? "Done." : metrics);
            a.putArray("tech_stack");
            ArrayNode ms = a.putArray("metrics");
            if (metrics != null) {
                ms.add(metrics);
            }
            a.putArray("source_ids").add(ids.get(i));
        }
        if (monthly && ids.size() == 1) {
            // a month needs two achievements; the second draws on the same week
            achievements.add(achievements.get(0).deepCopy());
        }
        ArrayNode bullets = root.putArray(monthly ? "career_brief" : "key_highlights");
        if (monthly) {
            bullets.add("Kept billing running.").add("Made exports faster.").add("Automated deploys.");
        } else {
            titles.subList(0, Math.min(3, titles.size())).forEach(bullets::add);
        }
        return root.toString();
    }

    private static String line(String body, String... prefixes) {
        for (String l : body.split("\n")) {
            for (String prefix : prefixes) {
                if (l.startsWith(prefix)) {
                    return l.substring(prefix.length()).strip();
                }
            }
        }
        return null;
    }
}
