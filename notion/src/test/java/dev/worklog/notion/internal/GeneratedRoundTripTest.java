package dev.worklog.notion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.nio.charset.StandardCharsets;
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
