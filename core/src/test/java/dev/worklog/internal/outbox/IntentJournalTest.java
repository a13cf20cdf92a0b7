package dev.worklog.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentJournalTest {
    @TempDir
    Path dir;

    private static ObjectNode record(int n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("queue_id", "q" + n);
        return o;
    }

    /**
     * Property: for any interleaving of intents and "done" records, cut off at any byte (a crash), the open intents
     * read back are exactly the intents whose line is complete and whose "done" line is complete.
     */
    @Test
    void openIntentsAreTheCompleteIntentsWithoutACompleteDoneWhereverTheFileIsCut() {
        Random random = new Random(20261126L);
        for (int run = 0; run < 300; run++) {
            List<String> lines = new ArrayList<>();
            List<Integer> open = new ArrayList<>();
            int next = 1;
            for (int step = 0; step < 1 + random.nextInt(20); step++) {
                if (!open.isEmpty() && random.nextBoolean()) {
                    int seq = open.remove(random.nextInt(open.size()));
                    lines.add("{\"t\":\"done\",\"seq\":" + seq + "}");
                } else {
                    int seq = next++;
                    open.add(seq);
                    lines.add("{\"t\":\"intent\",\"seq\":" + seq + ",\"queue_id\":\"q" + seq + "\",\"log\":{\"title\":\""
                            + "é".repeat(random.nextInt(5)) + "\"}}");
                }
            }
            byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            int cut = random.nextInt(all.length + 1);
            byte[] kept = java.util.Arrays.copyOf(all, cut);
            // expected: replay the complete lines only
            Set<Long> expected = new LinkedHashSet<>();
            String keptText = new String(kept, StandardCharsets.UTF_8);
            int lastNewline = keptText.lastIndexOf('\n');
            for (String line : lastNewline < 0 ? new String[0] : keptText.substring(0, lastNewline).split("\n")) {
                long seq = Json.tryParse(line).path("seq").asLong();
                if (line.contains("\"intent\"")) {
                    expected.add(seq);
                } else {
                    expected.remove(seq);
                }
            }
            assertThat(IntentJournal.openIntents(kept)).as("run " + run + " cut at " + cut)
                    .extracting(n -> n.path("seq").asLong()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aJournalOfAProcessThatIsGoneIsRecoveredOnceAndDeleted() throws Exception {
        IntentJournal first = IntentJournal.open(dir, i -> { });
        first.begin(record(1));
        IntentJournal.Intent two = first.begin(record(2));
        first.done(two);
        // the owner dies: simulate by closing without marking intent 1 done (the lock goes, the file stays)
        first.close();
        List<ObjectNode> recovered = new ArrayList<>();
        IntentJournal second = IntentJournal.open(dir, recovered::add);
        assertThat(recovered).extracting(n -> n.path("queue_id").asText()).containsExactly("q1");
        List<ObjectNode> again = new ArrayList<>();
        IntentJournal third = IntentJournal.open(dir, again::add);
        assertThat(again).isEmpty();
        second.close();
        third.close();
        try (Stream<Path> files = Files.list(dir.resolve("intents"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLongRunningJournalMovesToAFreshFileAndDropsTheFinishedOne() throws Exception {
        IntentJournal journal = IntentJournal.open(dir, i -> { });
        ObjectNode big = record(0);
        big.put("padding", "x".repeat(10_000));
        IntentJournal.Intent held = journal.begin(record(-1)); // keeps the first file alive for a while
        for (int i = 0; i < 150; i++) {
            journal.done(journal.begin(big));
        }
        try (Stream<Path> files = Files.list(dir.resolve("intents"))) {
            assertThat(files.count()).isEqualTo(2);
        }
        journal.done(held);
        try (Stream<Path> files = Files.list(dir.resolve("intents"))) {
            assertThat(files.count()).as("the first file goes once its last intent is done").isEqualTo(1);
        }
        journal.close();
    }
}
