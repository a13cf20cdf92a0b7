package dev.worklog.notion.internal.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockWriterTest {
    @Test
    void createPrefixStopsAtHundredAndAtBlocksNeedingFollowUps() {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            md.append("- item ").append(i).append('\n');
        }
        List<ObjectNode> blocks = MarkdownToBlocks.convert(md.toString());
        assertThat(blocks).hasSize(150);
        assertThat(BlockWriter.createPrefix(blocks)).hasSize(100);

        List<ObjectNode> deep = MarkdownToBlocks.convert("para\n\n- a\n  - b\n    - c\n- d");
        // the list item "a" has a grandchild, so it must be appended after the create to learn its id
        assertThat(BlockWriter.createPrefix(deep)).hasSize(1);
    }

    @Test
    void preparedRequestsNeverNestDeeperThanTwoLevels() {
        List<ObjectNode> deep = MarkdownToBlocks.convert("- a\n  - b\n    - c\n      - d");
        BlockWriter.Prepared p = BlockWriter.prepare(deep.get(0));
        assertThat(Blocks.depth(p.request())).isLessThanOrEqualTo(2);
        assertThat(p.deferred()).hasSize(1);
        BlockWriter.Prepared b = BlockWriter.prepare(p.deferred().get(0));
        assertThat(Blocks.depth(b.request())).isEqualTo(1);
        BlockWriter.Prepared c = BlockWriter.prepare(b.deferred().get(0));
        assertThat(Blocks.depth(c.request())).isEqualTo(2);
        assertThat(c.deferred()).isEmpty();
    }

    @Test
    void batchesRespectTheSizeLimit() {
        StringBuilder md = new StringBuilder();
        String big = "가".repeat(1900);
        for (int i = 0; i < 90; i++) {
            md.append(big).append(i).append("\n\n");
        }
        List<ObjectNode> blocks = MarkdownToBlocks.convert(md.toString());
        List<BlockWriter.Prepared> batch = BlockWriter.batch(blocks, 0, false);
        int bytes = batch.stream().mapToInt(BlockWriter.Prepared::bytes).sum();
        assertThat(bytes).isLessThanOrEqualTo(BlockWriter.MAX_BYTES);
        assertThat(batch.size()).isLessThan(90);
    }
}
