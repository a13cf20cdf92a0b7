package dev.worklog.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.model.Period;
import dev.worklog.rest.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The run dates of both schedules, computed for every day of 2026 and 2027 from the files as deployed: the GitHub
 * Actions workflow ({@code .github/workflows/summaries.yml}, its cron and its shell script run with a stubbed
 * {@code curl}) and the SAM template's EventBridge rules ({@code template.yaml}). Each month's roll-up must run once,
 * on the Monday after the ISO week holding its last day, after that week's weekly, for that month.
 */
class DeploymentScheduleTest {
    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path WORKFLOW = Path.of("../../.github/workflows/summaries.yml");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2027, 12, 31);

    /** A roll-up one schedule runs: when (UTC), which kind, for which period. */
    record Run(LocalDateTime at, String kind, String period) {
    }

    @Test
    void theLambdaRulesRunEachMonthOnceOnTheMondayAfterItsLastWeekRightAfterThatWeeksWeekly() throws Exception {
        String template = Files.readString(TEMPLATE);
        Map<String, String> crons = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ {8}(\\w+Rollup):\\n(?:.*\\n){0,6}? +Schedule: cron\\(([^)]+)\\)\\n +Input: '([^']+)'")
                .matcher(template);
        while (m.find()) {
            crons.put(m.group(1), m.group(2));
            JsonNode input = LambdaHandler.JSON.readTree(m.group(3));
            Events.Kind kind = Events.scheduledKind(input).orElseThrow();
            ApiRequest request = Events.scheduledRequest(kind, input, null);
            assertThat(LambdaHandler.JSON.readTree(request.body()).path("previous").asBoolean())
                    .as("%s sends previous: true, so the route picks the period in WORKLOG_TIMEZONE", m.group(1)).isTrue();
        }
        assertThat(crons).containsOnlyKeys("WeeklyRollup", "MonthlyRollup");
        assertThat(template).contains("Default: Asia/Seoul");

        List<Run> runs = new ArrayList<>();
        for (LocalDateTime at : fires(crons.get("WeeklyRollup"), true)) {
            runs.add(new Run(at, "weekly", Period.previousIsoWeek(seoulDay(at)).label()));
        }
        for (LocalDateTime at : fires(crons.get("MonthlyRollup"), true)) {
            runs.add(new Run(at, "monthly", Period.previousMonth(seoulDay(at)).toString()));
        }
        checkMonthlies(runs, "the Lambda rules");
    }

    @Test
    void theGithubWorkflowRunsEachMonthOnceOnTheMondayAfterItsLastWeekRightAfterThatWeeksWeekly() throws Exception {
        String workflow = Files.readString(WORKFLOW);
        List<String> crons = new ArrayList<>();
        Matcher cron = Pattern.compile("(?m)^ +- cron: '([^']+)'").matcher(workflow);
        while (cron.find()) {
            crons.add(cron.group(1));
        }
        assertThat(crons).as("one cron: the Monday job runs the weekly, and the monthly on a first Monday")
                .containsExactly("0 0 * * 1");
        assertThat(workflow).contains("TZ: Asia/Seoul");
        List<LocalDateTime> fires = fires(crons.get(0), false);
        List<Run> runs = runScript(workflow, fires);
        checkMonthlies(runs, "summaries.yml");
        // every Monday also rolls up the week that just ended
        assertThat(runs.stream().filter(r -> r.kind().equals("weekly")).count()).isEqualTo(fires.size());
        for (Run r : runs) {
            if (r.kind().equals("weekly")) {
                assertThat(Period.parseIsoWeek(r.period())).isEqualTo(Period.previousIsoWeek(seoulDay(r.at())));
            }
        }
    }

    /**
     * Each month whose run falls in 2026 or 2027 is rolled up exactly once, on {@link Period#monthlyRunDate}, when
     * every ISO week overlapping it is over, and after the weekly of its last week ran the same morning.
     */
    private static void checkMonthlies(List<Run> runs, String schedule) {
        Map<YearMonth, List<Run>> byMonth = new TreeMap<>();
        for (Run r : runs) {
            if (r.kind().equals("monthly")) {
                byMonth.computeIfAbsent(YearMonth.parse(r.period()), k -> new ArrayList<>()).add(r);
            }
        }
        // the runs of 2026 and 2027 cover December 2025 to November 2027
        List<YearMonth> expected = new ArrayList<>();
        for (YearMonth month = YearMonth.of(2025, 12); !month.isAfter(YearMonth.of(2027, 11)); month = month.plusMonths(1)) {
            expected.add(month);
        }
        assertThat(byMonth.keySet()).as(schedule).containsExactlyElementsOf(expected);
        StringBuilder table = new StringBuilder(schedule + ": monthly run dates\n");
        for (Map.Entry<YearMonth, List<Run>> e : byMonth.entrySet()) {
            YearMonth month = e.getKey();
            assertThat(e.getValue()).as("%s runs %s once", schedule, month).hasSize(1);
            Run run = e.getValue().get(0);
            LocalDate day = seoulDay(run.at());
            table.append("  ").append(month).append(" -> ").append(day).append(' ')
                    .append(day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)).append('\n');
            assertThat(day).as("%s: %s", schedule, month).isEqualTo(Period.monthlyRunDate(month));
            Period lastWeek = Period.isoWeekOf(month.atEndOfMonth());
            assertThat(lastWeek.end()).as("every week of %s is over", month).isBefore(day);
            Run weekly = runs.stream().filter(r -> r.kind().equals("weekly") && r.period().equals(lastWeek.label()))
                    .findFirst().orElseThrow(() -> new AssertionError("no weekly for " + lastWeek));
            assertThat(weekly.at()).as("%s: the last week's weekly runs first", month).isBefore(run.at());
            assertThat(ChronoUnit.MINUTES.between(weekly.at(), run.at())).isLessThanOrEqualTo(15);
        }
        // December to January, and months ending on a Sunday (their weeks are over on the 1st)
        assertThat(seoulDay(byMonth.get(YearMonth.of(2026, 12)).get(0).at())).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(seoulDay(byMonth.get(YearMonth.of(2026, 5)).get(0).at())).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(seoulDay(byMonth.get(YearMonth.of(2027, 1)).get(0).at())).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThat(seoulDay(byMonth.get(YearMonth.of(2026, 11)).get(0).at())).isEqualTo(LocalDate.of(2026, 12, 7));
        System.out.print(table);
    }

    /** The workflow's run script for each firing, in bash, with {@code date +%F} faked and {@code curl} recorded. */
    private static List<Run> runScript(String workflow, List<LocalDateTime> fires) throws Exception {
        int at = workflow.indexOf("- name: POST the roll-up");
        String block = workflow.substring(workflow.indexOf("run: |\n", at) + "run: |\n".length());
        StringBuilder script = new StringBuilder();
        for (String line : block.split("\n")) {
            if (!line.isBlank() && !line.startsWith("          ")) {
                break;
            }
            script.append(line.length() >= 10 ? line.substring(10) : "").append('\n');
        }
        assertThat(script).contains("today=$(date +%F)").contains("post /monthly-summaries");
        StringBuilder bash = new StringBuilder("set -euo pipefail\nexport TZ=Asia/Seoul KIND=scheduled DRY_RUN=false "
                + "WORKLOG_API_URL=http://api.test API_AUTH_TOKEN=\n");
        bash.append("date() { if [ \"$*\" = '+%F' ]; then echo \"$FAKE_TODAY\"; else command date \"$@\"; fi; }\n");
        bash.append("curl() { for a in \"$@\"; do case \"$a\" in http*) u=\"$a\";; esac; done; "
                + "echo \"CALL $FAKE_TODAY ${u#http://api.test} ${@: -1}\"; }\n");
        bash.append("once() {\n").append(script).append("}\n");
        bash.append("for FAKE_TODAY in");
        for (LocalDateTime f : fires) {
            bash.append(' ').append(seoulDay(f));
        }
        bash.append("; do once | grep '^CALL' || true; done\n");
        Process p = new ProcessBuilder("bash", "-c", bash.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<Run> runs = new ArrayList<>();
        Pattern call = Pattern.compile("CALL (\\S+) /(weekly|monthly)-summaries \\{\"(?:week|month)\":\"([^\"]+)\"");
        for (String line : out.split("\n")) {
            Matcher m = call.matcher(line);
            assertThat(m.lookingAt()).as("a POST line: %s", line).isTrue();
            LocalDateTime fired = fires.stream().filter(f -> seoulDay(f).toString().equals(m.group(1))).findFirst()
                    .orElseThrow();
            // the job posts the monthly after the weekly has answered
            runs.add(new Run(m.group(2).equals("monthly") ? fired.plusSeconds(1) : fired, m.group(2), m.group(3)));
        }
        return runs;
    }

    private static LocalDate seoulDay(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(SEOUL).toLocalDate();
    }

    /**
     * The instants (UTC) in 2026 and 2027 at which a cron expression fires: five fields (GitHub, POSIX) or
     * EventBridge's six ({@code min hour day-of-month month day-of-week year}, {@code ?}, {@code MON#1}).
     */
    static List<LocalDateTime> fires(String expression, boolean eventBridge) {
        String[] f = expression.trim().split("\\s+");
        assertThat(f).hasSize(eventBridge ? 6 : 5);
        int minute = Integer.parseInt(f[0]);
        int hour = Integer.parseInt(f[1]);
        List<LocalDateTime> out = new ArrayList<>();
        for (LocalDate d = FIRST.minusDays(1); !d.isAfter(LAST); d = d.plusDays(1)) {
            boolean dom = f[2].equals("*") || f[2].equals("?") || Integer.parseInt(f[2]) == d.getDayOfMonth();
            boolean month = f[3].equals("*") || Integer.parseInt(f[3]) == d.getMonthValue();
            if (dom && month && dayOfWeek(f[4], d, eventBridge)) {
                LocalDateTime at = d.atTime(hour, minute);
                if (!seoulDay(at).isBefore(FIRST) && !seoulDay(at).isAfter(LAST)) {
                    out.add(at);
                }
            }
        }
        return out;
    }

    private static boolean dayOfWeek(String field, LocalDate d, boolean eventBridge) {
        if (field.equals("*") || field.equals("?")) {
            return true;
        }
        String[] parts = field.split("#");
        DayOfWeek day = parts[0].matches("\\d") ? (eventBridge ? DayOfWeek.of((Integer.parseInt(parts[0]) + 5) % 7 + 1)
                : DayOfWeek.of((Integer.parseInt(parts[0]) + 6) % 7 + 1))
                : switch (parts[0]) {
                    case "MON" -> DayOfWeek.MONDAY;
                    case "TUE" -> DayOfWeek.TUESDAY;
                    case "WED" -> DayOfWeek.WEDNESDAY;
                    case "THU" -> DayOfWeek.THURSDAY;
                    case "FRI" -> DayOfWeek.FRIDAY;
                    case "SAT" -> DayOfWeek.SATURDAY;
                    case "SUN" -> DayOfWeek.SUNDAY;
                    default -> throw new IllegalArgumentException("day of week " + field);
                };
        if (d.getDayOfWeek() != day) {
            return false;
        }
        return parts.length == 1 || (d.getDayOfMonth() - 1) / 7 + 1 == Integer.parseInt(parts[1]);
    }
}
