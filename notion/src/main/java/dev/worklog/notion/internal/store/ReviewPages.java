package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.REVIEWS_END;
import static dev.worklog.notion.NotionSchema.Property.REVIEWS_GENERATED_AT;
import static dev.worklog.notion.NotionSchema.Property.REVIEWS_PERIOD;
import static dev.worklog.notion.NotionSchema.Property.REVIEWS_START;
import static dev.worklog.notion.NotionSchema.Property.REVIEWS_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.Period;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.internal.blocks.Blocks;
import dev.worklog.notion.internal.blocks.MarkdownToBlocks;
import dev.worklog.notion.internal.blocks.RichText;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A review packet as a page of the Review Packets database ({@code NOTION_DB4_ID}), found by its period's label
 * ({@code Period} = {@code 2026-Q4}), and the body every review page has, in that database or not: the packet as
 * markdown ({@link ReviewExport#markdown}: narrative, achievements with their citations as links to the daily-log
 * pages, statistics, gaps), then a closing {@value #JSON_HEADING} heading over the packet's own JSON
 * ({@link ReviewExport#json}) in a code block. That JSON is what is read back, so a packet reads back exactly as it
 * was written and an unchanged rerun is recognised by its fingerprint. The page's id and address are not in the
 * body (a page's id is known only once it exists): they are the page's own.
 *
 * @param schema the property names
 */
public record ReviewPages(NotionSchema schema) implements RollupPages<ReviewPacket, ReviewPeriod> {
    /** The heading over the packet's JSON, the last section of a review page. */
    public static final String JSON_HEADING = "Packet (worklog JSON)";

    @Override
    public ObjectNode pageFilter(ReviewPeriod period) {
        return Filters.condition(name(REVIEWS_PERIOD), "rich_text", "equals", period.label());
    }

    @Override
    public ObjectNode overlapFilter(Period overlapping) {
        return Filters.and(Filters.date(name(REVIEWS_START), "on_or_before", overlapping.end().toString()),
                Filters.date(name(REVIEWS_END), "on_or_after", overlapping.start().toString()));
    }

    @Override
    public ArrayNode overlapSorts() {
        return Filters.ascending(name(REVIEWS_START));
    }

    @Override
    public ObjectNode properties(ReviewPacket packet) {
        return new PageProperties()
                .title(name(REVIEWS_TITLE), packet.title())
                .text(name(REVIEWS_PERIOD), packet.period().label())
                .date(name(REVIEWS_START), packet.period().days().start())
                .date(name(REVIEWS_END), packet.period().days().end())
                .date(name(REVIEWS_GENERATED_AT), packet.generation().generatedAt())
                .build();
    }

    /** The packet as markdown, without its JSON (see {@link #blocks}). */
    @Override
    public String markdown(ReviewPacket packet) {
        return ReviewExport.markdown(packet.withStored(null, null));
    }

    @Override
    public List<ObjectNode> blocks(ReviewPacket packet) {
        return body(packet);
    }

    /** A packet cites daily logs by link in its body; it has no relation to fill. */
    @Override
    public void linkOverflow(ReviewPacket packet, String pageId) {
    }

    /**
     * The packet of a page of the database.
     *
     * @throws IllegalArgumentException when the body holds no packet JSON worklog can read (a page made or edited by
     *     hand)
     */
    @Override
    public ReviewPacket read(JsonNode page, List<JsonNode> body) {
        return packet(body).orElseThrow(() -> new IllegalArgumentException("the page of review "
                + PageValues.text(page, name(REVIEWS_PERIOD)) + " holds no packet under '" + JSON_HEADING + "'"))
                .withStored(PageValues.id(page), PageValues.url(page));
    }

    /** The JSON round trip is exact: the packet reads back as it is. */
    @Override
    public ReviewPacket asStored(ReviewPacket packet) {
        return packet;
    }

    /**
     * A review page's blocks: the packet as markdown without its page id and address (they are the page's own, and
     * not known before the page exists), then its JSON under {@value #JSON_HEADING}. The two are converted apart, so
     * that nothing in the packet's text (an unclosed code fence, a quote) can take the JSON into its structure.
     */
    public static List<ObjectNode> body(ReviewPacket packet) {
        ReviewPacket bare = packet.withStored(null, null);
        String json = ReviewExport.json(bare).strip();
        // a fence longer than any run of backticks in the JSON (a narrative may quote code)
        String fence = "`".repeat(Math.max(3, longestRun(json, '`') + 1));
        List<ObjectNode> blocks = new ArrayList<>(MarkdownToBlocks.convert(ReviewExport.markdown(bare)));
        blocks.addAll(MarkdownToBlocks.convert("## " + JSON_HEADING + "\n\n" + fence + "json\n" + json + "\n" + fence
                + "\n"));
        return blocks;
    }

    /**
     * The packet in a review page's body as read: the code blocks after the last top-level {@value #JSON_HEADING}
     * heading, joined (a long JSON spans several blocks of Notion's size), read as the packet's JSON. Empty when
     * there is no such heading or the JSON is not a packet.
     */
    public static Optional<ReviewPacket> packet(List<? extends JsonNode> body) {
        int heading = -1;
        for (int i = 0; i < body.size(); i++) {
            String type = Blocks.type(body.get(i));
            if (type.startsWith("heading_")
                    && RichText.plainText(Blocks.body(body.get(i)).path("rich_text")).strip().equals(JSON_HEADING)) {
                heading = i;
            }
        }
        if (heading < 0) {
            return Optional.empty();
        }
        StringBuilder json = new StringBuilder();
        for (JsonNode block : body.subList(heading + 1, body.size())) {
            if (Blocks.type(block).equals("code")) {
                json.append(RichText.plainText(Blocks.body(block).path("rich_text")));
            }
        }
        try {
            return Optional.of(ReviewExport.fromJson(json.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private String name(Property p) {
        return schema.name(p);
    }
}
