package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The markdown of a page body as read, less the headings the writers put first: ours ({@code Context} above a
 * daily log's context) and the original Python system's ({@code 📝 상세 컨텍스트} above a daily log's context,
 * {@code 🎯 주간 성과 요약} above a weekly page's text). Pages of the original system read like ours this way.
 */
public final class PageBodies {
    /** The heading a daily log's context sits under, as the design asks. */
    public static final String CONTEXT_HEADING = "Context";
    /** The heading the original system put above a daily log's context. */
    public static final String ORIGINAL_CONTEXT_HEADING = "📝 상세 컨텍스트";
    /** The heading the original system put above a weekly page's one paragraph of model text. */
    public static final String ORIGINAL_WEEKLY_HEADING = "🎯 주간 성과 요약";

    private static final Set<String> CONTEXT_HEADINGS = Set.of(CONTEXT_HEADING.toLowerCase(java.util.Locale.ROOT),
            ORIGINAL_CONTEXT_HEADING);

    private PageBodies() {
    }

    /** A daily log's context: the body without its leading context heading (ours or the original's). */
    public static String context(List<? extends JsonNode> body) {
        return BlocksToMarkdown.convert(withoutHeading(body, CONTEXT_HEADINGS));
    }

    /** A roll-up page's body as markdown, without the original system's weekly heading. */
    public static String rollup(List<? extends JsonNode> body) {
        return BlocksToMarkdown.convert(withoutHeading(body, Set.of(ORIGINAL_WEEKLY_HEADING)));
    }

    /** What markdown reads back as once written to Notion: the stored spelling of the same blocks. */
    public static String asStored(String markdown) {
        return BlocksToMarkdown.convert(MarkdownToBlocks.convert(markdown));
    }

    private static List<? extends JsonNode> withoutHeading(List<? extends JsonNode> body, Set<String> headings) {
        if (body.isEmpty()) {
            return body;
        }
        JsonNode first = body.get(0);
        String type = Blocks.type(first);
        boolean heading = type.startsWith("heading_") && !first.path("has_children").asBoolean(false)
                && Blocks.children(first).isEmpty();
        String text = RichText.plainText(Blocks.body(first).path("rich_text")).strip();
        if (heading && (headings.contains(text) || headings.contains(text.toLowerCase(java.util.Locale.ROOT)))) {
            return body.subList(1, body.size());
        }
        return body;
    }
}
