package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.Period;
import dev.worklog.notion.internal.blocks.MarkdownToBlocks;
import java.util.List;

/**
 * A kind of roll-up page ({@link WeeklyPages}, {@link MonthlyPages}): how its roll-ups map to pages of their
 * database and back, and how its pages are found. {@link RollupStore} does the rest the same way for both.
 *
 * @param <R> the roll-up
 * @param <K> what a roll-up is upserted by: its week ({@link Period}) or its month
 */
public interface RollupPages<R, K> {
    /** The filter that finds the page of {@code key} (the oldest first, should there be several). */
    ObjectNode pageFilter(K key);

    /** The filter that finds every page overlapping the period. */
    ObjectNode overlapFilter(Period overlapping);

    /** The order {@link #overlapFilter}'s pages are listed in. */
    ArrayNode overlapSorts();

    /** The page's properties, the relation to its sources holding the first {@value Relations#PER_REQUEST}. */
    ObjectNode properties(R rollup);

    /** The page's body as markdown. */
    String markdown(R rollup);

    /** The page's body as blocks: its {@link #markdown} converted, unless the kind adds blocks of its own. */
    default List<ObjectNode> blocks(R rollup) {
        return MarkdownToBlocks.convert(markdown(rollup));
    }

    /** Links the sources beyond the first {@value Relations#PER_REQUEST} to the roll-up's page ({@link Relations}). */
    void linkOverflow(R rollup, String pageId);

    /** The roll-up a page holds, with its body as read. */
    R read(JsonNode page, List<JsonNode> body);

    /** The roll-up as a rerun would read it back: its body written as blocks and read again. No call is made. */
    R asStored(R rollup);
}
