package dev.worklog.notion.internal.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.http.RetryPolicy;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.HttpExecutor;
import dev.worklog.notion.fake.FakeNotionServer;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.NotionErrorReader;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replacing a page body by diffing, against the fake Notion over HTTP: for generated pairs of documents, a page
 * holding the first becomes exactly the second (as a fresh write would read), only changed blocks are written,
 * and syncing to the same body again writes nothing. With {@code after} (2025-09-03; 2022-06-28 places blocks the
 * same way) and with {@code position} (2026-03-11); without {@code position.start}, a parent whose first block is
 * new is rewritten.
 */
class BodySyncTest {
    private FakeNotionServer fake;

    @AfterEach
    void stop() {
        fake.close();
    }

    private NotionClient client(String version) {
        fake = FakeNotionServer.start(0, null, Clock.systemUTC());
        HttpExecutor http = HttpExecutor.builder(NotionErrorReader.SERVICE).errorReader(new NotionErrorReader())
                .retryPolicy(RetryPolicy.builder().maxRetries(0).build()).build();
        return new NotionClient(URI.create(fake.baseUrl().toString()), version, "token", http, new AtomicInteger());
    }

    private String page(BlockWriter writer, List<ObjectNode> blocks) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        props.putObject("Name").set("title", RichText.plainArray("page"));
        List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
        String id = fake.insertPage(FakeNotionServer.DB1, props, prefix).path("id").asText();
        writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-09-03", "2026-03-11"})
    void generatedBodiesBecomeExactlyTheNewOneWritingOnlyWhatChanged(String version) {
        NotionClient client = client(version);
        BlockWriter writer = new BlockWriter(client);
        BodySync sync = new BodySync(client, writer);
        Documents generator = new Documents(GeneratedRoundTripTest.SEED + version.hashCode());
        List<String> failures = new ArrayList<>();
        int writesSaved = 0;
        for (int i = 0; i < 20 && failures.isEmpty(); i++) {
            String before = generator.document();
            // the new body: often the old one with a few blocks changed, inserted or removed
            String after = generator.random().nextInt(5) == 0 ? generator.document() : edit(before, generator);
            List<ObjectNode> old = MarkdownToBlocks.convert(before);
            List<ObjectNode> wanted = MarkdownToBlocks.convert(after);
            String id = page(writer, old);
            BodySync.Changes changes = sync.sync(id, writer.readTree(id), wanted);
            String read = BlocksToMarkdown.convert(fake.tree(id));
            String expected = BlocksToMarkdown.convert(MarkdownRoundTripTest.asRead(wanted));
            if (!read.equals(expected)) {
                failures.add("pair " + i + ": " + GeneratedRoundTripTest.difference(read, expected));
                continue;
            }
            int total = wanted.stream().mapToInt(Blocks::count).sum() + old.stream().mapToInt(Blocks::count).sum();
            writesSaved += total - changes.updated() - changes.inserted() - changes.deleted();
            fake.clearRequests();
            BodySync.Changes again = sync.sync(id, writer.readTree(id), wanted);
            long writes = fake.requests().stream().filter(r -> !r.method().equals("GET")).count();
            if (!again.none() || writes != 0) {
                failures.add("pair " + i + ": syncing to the same body wrote " + writes + " times: " + again);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(writesSaved).as("blocks left alone instead of deleted and appended again").isPositive();
    }

    /** The document with a block or two changed, dropped or added: the shape of a rerun. */
    private static String edit(String markdown, Documents generator) {
        List<String> blocks = new ArrayList<>(List.of(markdown.split("\n\n")));
        java.util.Random r = generator.random();
        int edits = 1 + r.nextInt(2);
        for (int e = 0; e < edits && !blocks.isEmpty(); e++) {
            int at = r.nextInt(blocks.size());
            switch (r.nextInt(3)) {
                case 0:
                    blocks.set(at, generator.paragraph());
                    break;
                case 1:
                    blocks.remove(at);
                    break;
                default:
                    blocks.add(at, generator.paragraph());
            }
        }
        return String.join("\n\n", blocks);
    }
}
