package dev.worklog.notion.internal.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The markdown round trip on generated documents (see {@link Documents}): for every document {@code x}, every
 * request that writes it is within Notion's limits, {@code read(write(x))} equals {@link Normalize#normalize(x)},
 * normalize is idempotent on it, and writing what was read gives exactly the same blocks again (a fixpoint, so
 * reruns and re-imports change nothing).
 *
 * <p>2,000 documents in the normal build. The long run, as in {@code notion/README.md}:
 * {@code mvn -B -pl notion -am verify -Dtest=GeneratedRoundTripTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dworklog.roundtrip.documents=100000} (seed {@value #SEED}; {@code -Dworklog.roundtrip.seed=N} picks another).
 */
class GeneratedRoundTripTest {
    static final long SEED = 20261126L;

    static int documents() {
        return Integer.getInteger("worklog.roundtrip.documents", 2000);
    }

    static long seed() {
        return Long.getLong("worklog.roundtrip.seed", SEED);
    }

    @Test
    void generatedDocumentsReadBackAsTheirNormalFormAndWriteBackUnchanged() {
        Documents generator = new Documents(seed());
        int n = documents();
        List<String> failures = new ArrayList<>();
        long blocks = 0;
        long requests = 0;
        for (int i = 0; i < n && failures.size() < 3; i++) {
            String x = generator.document();
            String where = "document " + i + " of seed " + seed();
            try {
                List<ObjectNode> written = MarkdownToBlocks.convert(x);
                List<BlockWriter.Step> plan = BlockWriter.plan(written);
                NotionLimits.check(BlockWriter.createPrefix(written), where + ", page create");
                for (BlockWriter.Step step : plan) {
                    NotionLimits.check(step.children(), where + ", append");
                }
                requests += plan.size();
                blocks += written.stream().mapToInt(Blocks::count).sum();

                String read = BlocksToMarkdown.convert(stored(plan));
                String expected = Normalize.normalize(x);
                if (!Normalize.normalize(expected).equals(expected)) {
                    failures.add(where + ": normalize is not idempotent " + difference(Normalize.normalize(expected),
                            expected));
                } else if (!read.equals(expected)) {
                    failures.add(where + ": read(write(x)) != normalize(x) " + difference(read, expected));
                } else if (!MarkdownToBlocks.convert(read).equals(written)) {
                    failures.add(where + ": write(read(write(x))) != write(x) "
                            + difference(MarkdownToBlocks.convert(read).toString(), written.toString()));
                }
            } catch (AssertionError | RuntimeException e) {
                failures.add(where + ": " + e);
            }
        }
        assertThat(failures).as("%d documents, %d blocks, %d requests", n, blocks, requests).isEmpty();
        assertThat(blocks).isGreaterThan(n);
    }

    /**
     * Roll-ups whose texts are generated documents (STAR texts of paragraphs, lists, code, quotes and tables;
     * titles and highlights of up to 150 pieces; the paragraph of issue 9's bug 1), written as Notion blocks and
     * read back: every one parses (never free text, never a placeholder) to the same roll-up, its markdown texts in
     * their normal form, everything else exactly; and writing what was read gives the same blocks again.
     */
    @Test
    void generatedRollupsReadBackAsTheSameRollup() {
        Documents generator = new Documents(seed() + 1);
        int n = Math.max(100, documents() / 20);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n && failures.size() < 3; i++) {
            String where = "roll-up " + i + " of seed " + (seed() + 1);
            try {
                WeeklyRollup week = weekly(generator);
                WeeklyRollup back = RollupMarkdown.readWeekly(week.id(), week.url(), week.period(), week.title(),
                        throughNotion(RollupMarkdown.weeklyBody(week)), week.sourceLogIds(), List.of(),
                        week.generation().generatedAt());
                String problem = compare(normal(week), back);
                if (problem != null) {
                    failures.add(where + ": " + problem);
                    continue;
                }
                List<ObjectNode> again = MarkdownToBlocks.convert(RollupMarkdown.weeklyBody(back));
                if (!again.equals(MarkdownToBlocks.convert(RollupMarkdown.weeklyBody(week)))) {
                    failures.add(where + ": writing what was read gives other blocks");
                }
                MonthlyRollup month = monthly(generator, week);
                MonthlyRollup monthBack = RollupMarkdown.readMonthly(month.id(), month.url(), month.month(),
                        month.title(), throughNotion(RollupMarkdown.monthlyBody(month)), month.stats(),
                        month.sourceWeekIds(), month.generation().generatedAt());
                if (!monthBack.equals(normal(month))) {
                    failures.add(where + ": the month read back differs " + difference(monthBack.toString(),
                            normal(month).toString()));
                }
            } catch (AssertionError | RuntimeException e) {
                failures.add(where + ": " + e);
            }
        }
        assertThat(failures).as("%d roll-ups", n).isEmpty();
    }

    private static String throughNotion(String markdown) {
        return PageBodies.rollup(stored(BlockWriter.plan(MarkdownToBlocks.convert(markdown))));
    }

    private static WeeklyRollup weekly(Documents g) {
        java.util.Random r = g.random();
        List<Achievement> achievements = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(5); k++) {
            achievements.add(achievement(g, "log-" + k));
        }
        List<String> highlights = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            highlights.add(g.line(true));
        }
        Period period = Period.parseIsoWeek("2026-W47");
        return new WeeklyRollup("w", null, period, WeeklyRollup.titleFor(period), achievements, highlights,
                List.of("log-0", "log-1", "log-2", "log-3", "log-4"), generation(r), warnings(g));
    }

    private static MonthlyRollup monthly(Documents g, WeeklyRollup week) {
        java.util.Random r = g.random();
        List<Achievement> achievements = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
            achievements.add(achievement(g, "w"));
        }
        List<String> brief = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(5); k++) {
            brief.add(g.line(true));
        }
        MonthlyStats stats = new MonthlyStats(7, 1, java.util.Map.of("성능개선", 7), java.util.Map.of("High", 7),
                java.util.Map.of("Java", 7));
        return new MonthlyRollup("m", null, YearMonth.of(2026, 11), MonthlyRollup.titleFor(YearMonth.of(2026, 11)),
                achievements, brief, stats, List.of(week.id()), generation(r), warnings(g));
    }

    private static Achievement achievement(Documents g, String source) {
        java.util.Random r = g.random();
        String[] star = new String[4];
        for (int k = 0; k < 4; k++) {
            int shape = r.nextInt(10);
            star[k] = shape == 0 ? "word **bold** ".repeat(60).strip()
                    : shape == 1 ? "**p99** 800ms -> 120ms, 타임아웃 40% 감소." : g.starText();
        }
        List<String> tech = List.of("Java", "Spring Boot", "C#", "a_b");
        List<String> metrics = r.nextBoolean() ? List.of("p99 800ms | p50 90ms", "back\\slash *star*", "40%")
                : List.of();
        return new Achievement(g.line(true), star[0], star[1], star[2], star[3],
                tech.subList(0, r.nextInt(tech.size() + 1)), metrics, List.of(source, "id,2"));
    }

    private static Generation generation(java.util.Random r) {
        return new Generation(r.nextBoolean() ? "offline" : "claude", "claude-sonnet-4-6", "2026-11-26.1",
                "0123456789abcdef-" + Long.toHexString(r.nextLong()), Instant.parse("2026-11-23T10:15:30Z"),
                new TokenUsage(r.nextInt(100_000), r.nextInt(10_000)),
                r.nextBoolean() ? Instant.parse("2026-11-23T10:15:02Z") : null);
    }

    private static List<String> warnings(Documents g) {
        return g.random().nextBoolean() ? List.of() : List.of("achievement 1 ('" + g.line(false) + "') states 37");
    }

    /** The roll-up with its markdown texts in their normal form: what reading it back from Notion must give. */
    private static WeeklyRollup normal(WeeklyRollup w) {
        return new WeeklyRollup(w.id(), w.url(), w.period(), w.title(), normal(w.achievements()), w.keyHighlights(),
                w.sourceLogIds(), w.generation(), w.warnings());
    }

    private static MonthlyRollup normal(MonthlyRollup m) {
        return new MonthlyRollup(m.id(), m.url(), m.month(), m.title(), normal(m.achievements()), m.careerBrief(),
                m.stats(), m.sourceWeekIds(), m.generation(), m.warnings());
    }

    private static List<Achievement> normal(List<Achievement> achievements) {
        return achievements.stream().map(a -> new Achievement(a.title(), Normalize.normalize(a.situation()),
                Normalize.normalize(a.task()), Normalize.normalize(a.action()), Normalize.normalize(a.result()),
                a.techStack(), a.metrics(), a.sourceIds())).toList();
    }

    private static String compare(WeeklyRollup expected, WeeklyRollup actual) {
        if (actual.freeText() != null) {
            return "read as free text: " + actual.warnings();
        }
        return actual.equals(expected) ? null : "the week read back differs "
                + difference(actual.toString(), expected.toString());
    }

    /** Where two texts first differ, with some context. */
    static String difference(String actual, String expected) {
        int i = 0;
        while (i < actual.length() && i < expected.length() && actual.charAt(i) == expected.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 120);
        return "at " + i + "\n--- actual:\n" + actual.substring(from, Math.min(actual.length(), i + 120))
                + "\n--- expected:\n" + expected.substring(from, Math.min(expected.length(), i + 120));
    }

    /**
     * The tree Notion holds after the planned requests, as it lists it: each step's blocks stored under the target
     * or under the block an earlier step created, rich text with {@code plain_text} and {@code href} added.
     */
    static List<JsonNode> stored(List<BlockWriter.Step> plan) {
        List<JsonNode> root = new ArrayList<>();
        List<List<ObjectNode>> created = new ArrayList<>();
        for (BlockWriter.Step step : plan) {
            List<ObjectNode> made = new ArrayList<>();
            for (ObjectNode b : step.children()) {
                made.add(b.deepCopy());
            }
            created.add(made);
            if (step.parentStep() < 0) {
                root.addAll(made);
            } else {
                ObjectNode parent = created.get(step.parentStep()).get(step.parentIndex());
                ObjectNode body = (ObjectNode) parent.get(Blocks.type(parent));
                ArrayNode kids = body.has("children") ? (ArrayNode) body.get("children") : body.putArray("children");
                made.forEach(kids::add);
            }
        }
        return MarkdownRoundTripTest.asRead(root.stream().map(b -> (ObjectNode) b).toList());
    }

    /** Notion's documented request limits, checked on what we would send. */
    static final class NotionLimits {
        private NotionLimits() {
        }

        static void check(List<ObjectNode> children, String where) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode arr = body.putArray("children");
            children.forEach(arr::add);
            int bytes = Json.write(body).getBytes(StandardCharsets.UTF_8).length;
            require(bytes <= 500 * 1024, where, "a request of " + bytes + " bytes");
            int[] total = {0};
            checkArray(children, 1, where, total);
            require(total[0] <= 1000, where, total[0] + " blocks in one request");
        }

        private static void checkArray(List<? extends JsonNode> blocks, int level, String where, int[] total) {
            require(blocks.size() <= 100, where, blocks.size() + " children in one array");
            for (JsonNode b : blocks) {
                total[0]++;
                String type = Blocks.type(b);
                JsonNode body = Blocks.body(b);
                checkRichText(body.path("rich_text"), where);
                body.path("cells").forEach(cell -> checkRichText(cell, where));
                if (type.equals("table")) {
                    for (JsonNode row : Blocks.children(b)) {
                        require(row.path("table_row").path("cells").size() == body.path("table_width").asInt(),
                                where, "a row whose cells do not match the table width");
                    }
                }
                List<JsonNode> kids = Blocks.children(b);
                if (!kids.isEmpty()) {
                    require(level < 2, where, "a third level of nesting in one request");
                    checkArray(kids, level + 1, where, total);
                }
            }
        }

        private static void checkRichText(JsonNode rt, String where) {
            require(rt.size() <= 100, where, rt.size() + " rich-text items");
            for (JsonNode item : rt) {
                String content = item.path("text").path("content").asText();
                require(content.length() <= 2000, where, "a text object of " + content.length() + " characters");
                require(content.isEmpty() || !Character.isHighSurrogate(content.charAt(content.length() - 1))
                        && !Character.isLowSurrogate(content.charAt(0)), where, "a surrogate pair cut in two");
                require(item.path("text").path("link").path("url").asText().length() <= 2000, where,
                        "a link over 2000 characters");
            }
        }

        private static void require(boolean ok, String where, String what) {
            if (!ok) {
                throw new AssertionError(where + ": over Notion's limits: " + what);
            }
        }
    }
}
