package dev.worklog.internal.redact;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.spi.LlmRequest;
import dev.worklog.summarize.OfflineSummarizer;
import dev.worklog.testing.SensitiveWeek;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What redaction adds to a weekly roll-up's prompt of 40 logs (goal: at most 5 ms), measured in one run against the
 * same prompt without redaction: the two are built alternately, after a warm-up, and the figures printed are the
 * time to build the prompt alone, to build and redact it, and to build, redact and restore a reply naming every
 * placeholder (what a run does around one model call; the reply is written once, outside the timing). Also the first call in a fresh JVM, and reading the rules.
 *
 * <p>Run it with {@code bench/redaction.sh}; it is a program, not a test, and asserts nothing.
 */
public final class RedactionBenchmark {
    private static final int WARM_UP = 300;
    private static final int ROUNDS = 1000;

    private RedactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path terms = Files.createTempFile("worklog-bench-terms", ".txt");
        Files.writeString(terms, SensitiveWeek.TERMS, StandardCharsets.UTF_8);
        long rulesStart = System.nanoTime();
        RedactionRules rules = RedactionRules.from(WorkLogConfig.of(Map.of("WORKLOG_REDACT_TERMS_FILE",
                terms.toString())));
        long rulesNanos = System.nanoTime() - rulesStart;
        Files.delete(terms);

        RollupGenerator generator = new RollupGenerator(List.of(new OfflineSummarizer()), "ko", 4096,
                Clock.systemUTC());
        Period period = Period.parseIsoWeek(SensitiveWeek.WEEK);
        List<DailyLog> logs = fortyLogs(period);

        // the model's reply, written once outside the timing: what a model returns is not redaction's cost
        LlmRequest first = generator.weeklyRequest(period, logs);
        String reply = SensitiveWeek.echo(rules.start(first.system(), first.prompt()).redact(first.prompt()));
        long coldStart = System.nanoTime();
        Result cold = redactAndRestore(rules, generator.weeklyRequest(period, logs), reply);
        long coldNanos = System.nanoTime() - coldStart;

        long[] plain = new long[ROUNDS];
        long[] redacted = new long[ROUNDS];
        long[] roundTrip = new long[ROUNDS];
        int sink = 0;
        for (int i = -WARM_UP; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            LlmRequest request = generator.weeklyRequest(period, logs);
            long t1 = System.nanoTime();
            LlmRequest again = generator.weeklyRequest(period, logs);
            Redactor run = rules.start(again.system(), again.prompt());
            String system = run.redact(again.system());
            String prompt = run.redact(again.prompt());
            long t2 = System.nanoTime();
            Result full = redactAndRestore(rules, generator.weeklyRequest(period, logs), reply);
            long t3 = System.nanoTime();
            sink += request.prompt().length() + system.length() + prompt.length() + full.restored;
            if (i >= 0) {
                plain[i] = t1 - t0;
                redacted[i] = t2 - t1;
                roundTrip[i] = t3 - t2;
            }
        }

        LlmRequest sample = generator.weeklyRequest(period, logs);
        Redactor run = rules.start(sample.system(), sample.prompt());
        run.redact(sample.prompt());
        System.out.printf(Locale.ROOT, "Redaction of a weekly prompt of %d logs (%,d characters; %d distinct values in "
                + "%d places: %s), %d rounds after %d warm-up, %s%n", logs.size(), sample.prompt().length(),
                run.values(), run.occurrences(), run.describeCounts(), ROUNDS, WARM_UP, load());
        System.out.printf(Locale.ROOT, "  %-44s %9s %9s %9s%n", "", "median", "p90", "p99");
        row("build the prompt (no redaction)", plain);
        row("build + redact", redacted);
        row("build + redact + restore a reply", roundTrip);
        System.out.printf(Locale.ROOT, "  redaction adds (median): %.3f ms; with the restore: %.3f ms (goal <= 5 ms)%n",
                ms(median(redacted) - median(plain)), ms(median(roundTrip) - median(plain)));
        System.out.printf(Locale.ROOT, "  first call in this JVM (build + redact + restore): %.3f ms; reading the "
                + "rules and the term file once: %.3f ms (%d values restored)%n", ms(coldNanos), ms(rulesNanos),
                cold.restored);
        if (sink == 42) {
            System.out.println();
        }
    }

    private record Result(String prompt, int restored) {
    }

    /** Redacts a request and restores the reply a model gave to it (one naming every placeholder of its logs). */
    private static Result redactAndRestore(RedactionRules rules, LlmRequest request, String reply) {
        Redactor run = rules.start(request.system(), request.prompt());
        run.redact(request.system());
        String prompt = run.redact(request.prompt());
        Redactor.Restored back = run.restore(reply);
        return new Result(prompt, back.restored());
    }

    /** The sample week eight times over, dated across the week, with ids as a store gives them. */
    private static List<DailyLog> fortyLogs(Period period) {
        List<DailyLog> out = new ArrayList<>();
        List<SensitiveWeek.Log> week = SensitiveWeek.logs();
        for (int i = 0; i < 40; i++) {
            DailyLogDraft d = week.get(i % week.size()).draft();
            LocalDate date = period.start().plusDays(i % 7);
            out.add(new DailyLog(String.format(Locale.ROOT, "%s-%02d", date, i), null, d.title() + " #" + (i + 1),
                    d.context(), d.category(), ImpactLevel.parse(d.impactLevel()).orElseThrow(), d.techStack(), date,
                    "Logged", d.metrics(), d.ticketUrl(), null));
        }
        return out;
    }

    private static void row(String label, long[] nanos) {
        System.out.printf(Locale.ROOT, "  %-44s %6.3f ms %6.3f ms %6.3f ms%n", label, ms(median(nanos)),
                ms(percentile(nanos, 90)), ms(percentile(nanos, 99)));
    }

    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String load() {
        try {
            String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return "load average " + avg + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }
}
