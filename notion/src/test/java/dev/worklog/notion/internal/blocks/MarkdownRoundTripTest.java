package dev.worklog.notion.internal.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRoundTripTest {

    /** What Notion would return for blocks we sent: rich text gains plain_text and href. */
    static List<JsonNode> asRead(List<ObjectNode> sent) {
        List<JsonNode> out = new ArrayList<>();
        for (ObjectNode b : sent) {
            ObjectNode copy = b.deepCopy();
            addPlainText(copy);
            out.add(copy);
        }
        return out;
    }

    private static void addPlainText(JsonNode node) {
        if (node.isObject()) {
            if (node.has("text") && node.path("text").has("content")) {
                ((ObjectNode) node).put("plain_text", node.path("text").path("content").asText());
                JsonNode link = node.path("text").path("link");
                if (link.isObject()) {
                    ((ObjectNode) node).put("href", link.path("url").asText());
                }
            }
            node.forEach(MarkdownRoundTripTest::addPlainText);
        } else if (node.isArray()) {
            node.forEach(MarkdownRoundTripTest::addPlainText);
        }
    }

    static String roundTrip(String markdown) {
        return BlocksToMarkdown.convert(asRead(MarkdownToBlocks.convert(markdown)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "# Title\n\n## Section\n\n### Sub",
        "A paragraph with **bold**, *italic*, ~~struck~~, `code` and a [link](https://example.com/a?b=c).",
        "Two lines\nin one paragraph.",
        "- one\n- two\n  - nested\n    - deeper\n      - deepest\n- three",
        "1. first\n2. second\n   1. inner\n3. third",
        "- [ ] todo\n- [x] done",
        "> quoted **text**\n>\n> second paragraph",
        "```java\nclass A {\n    int x = 1;\n}\n```",
        "```\nno language\n```",
        "---",
        "| a | b |\n| --- | --- |\n| 1 | **2** |\n| x \\| y | |",
        "**bold with [a link](https://e.com) inside** and after",
        "***both*** and **bold *italic inside* bold**",
        "2\\*3\\*4 stays literal",
        "1\\. not a list",
        "\\# not a heading",
        "Korean 한국어 문장과 `snake_case_name` 그리고 under_score_words.",
        "- item with two paragraphs\n\n  second paragraph of the item\n- next",
        "### Situation\n\n검색 API 가 느렸다.\n\n### Action\n\n- 캐시 도입\n- 인덱스 정리\n\n### Result\n\np99 800ms -> 120ms",
        "Emoji 🚀 survive, and so does a backslash \\ in text.",
        "``code with ` backtick``",
    })
    void canonicalMarkdownComesBackUnchanged(String markdown) {
        assertThat(roundTrip(markdown)).isEqualTo(markdown);
    }

    @Test
    void readBackParsesToTheSameBlocks() {
        String messy = "* star bullet\n+ plus bullet\n\n_under_ and __strong__\n\n#### h4 becomes h3\n\n"
                + "Some <b>inline html</b> and a [relative](docs/a.md) link.";
        List<ObjectNode> first = MarkdownToBlocks.convert(messy);
        String back = BlocksToMarkdown.convert(asRead(first));
        assertThat(MarkdownToBlocks.convert(back).toString()).isEqualTo(first.toString());
        assertThat(back).contains("### h4 becomes h3").contains("*under* and **strong**");
    }

    @Test
    void longTextIsSplitOnCodePointsNeverTruncated() {
        String text = "가".repeat(1999) + "🚀" + "나".repeat(2500);
        List<ObjectNode> blocks = MarkdownToBlocks.convert(text);
        assertThat(blocks).hasSize(1);
        JsonNode rt = blocks.get(0).path("paragraph").path("rich_text");
        assertThat(rt.size()).isEqualTo(3);
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : rt) {
            String content = item.path("text").path("content").asText();
            assertThat(content.length()).isLessThanOrEqualTo(2000);
            assertThat(Character.isHighSurrogate(content.charAt(content.length() - 1))).isFalse();
            joined.append(content);
        }
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void moreThanHundredRichTextItemsContinueInAnotherBlock() {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            md.append("**b").append(i).append("** n").append(i).append(' ');
        }
        List<ObjectNode> blocks = MarkdownToBlocks.convert(md.toString().strip());
        assertThat(blocks).hasSizeGreaterThan(1);
        int total = 0;
        for (ObjectNode b : blocks) {
            int n = b.path("paragraph").path("rich_text").size();
            assertThat(n).isLessThanOrEqualTo(RichText.MAX_ITEMS);
            total += n;
        }
        assertThat(total).isEqualTo(240);
    }

    @Test
    void aParagraphOfMoreThanHundredPiecesKeepsItsFormattingAndStaysOneParagraph() {
        // issue 9, bug 1: the second block started with a space and fell back to plain text
        String md = "word **bold** ".repeat(60).strip();
        List<ObjectNode> blocks = MarkdownToBlocks.convert(md);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(1).path("paragraph").path("rich_text").get(0).path("text").path("content").asText())
                .startsWith(" ");
        assertThat(roundTrip(md)).isEqualTo(md);
    }

    @Test
    void textFillingExactlyAHundredItemsIsNotJoinedWithTheNextParagraph() {
        // 50 bold and 50 plain pieces: exactly 100 items, which reading would take for a split block
        String hundred = "**b** n ".repeat(50).strip();
        List<ObjectNode> blocks = MarkdownToBlocks.convert(hundred + "\n\nnext paragraph");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).path("paragraph").path("rich_text").size()).isEqualTo(RichText.MAX_ITEMS);
        assertThat(roundTrip(hundred + "\n\nnext paragraph")).isEqualTo(hundred + "\n\nnext paragraph");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1. a\n- b", "para\n- item", "- a\n1. b\n- [ ] c", "para\n1. one\n2. two"})
    void aListRightAfterAParagraphOrAnotherListComesBackWithoutABlankLine(String markdown) {
        // issue 9, bug 3: a blank line appeared between the two blocks
        assertThat(roundTrip(markdown)).isEqualTo(markdown);
    }

    @Test
    void childrenOfAToDoItemStayNested() {
        String md = "- [ ] a\n  - c\n    1. d\n- [x] b";
        assertThat(MarkdownToBlocks.convert(md).get(0).path("to_do").path("children")).hasSize(1);
        assertThat(roundTrip(md)).isEqualTo(md);
    }

    @Test
    void textTypedInNotionWithSpacesAtItsEdgesKeepsItsFormatting() {
        ObjectNode block = Blocks.block("paragraph");
        com.fasterxml.jackson.databind.node.ArrayNode rt = ((ObjectNode) block.get("paragraph")).putArray("rich_text");
        RichText.toObjects(List.of(Span.plain("  lead "), new Span("bold", true, false, false, false, null),
                Span.plain(" \n  next line  "))).forEach(rt::add);
        assertThat(BlocksToMarkdown.convert(asRead(List.of(block)))).isEqualTo("lead **bold**\nnext line");
    }

    @Test
    void aTableCellNeedingMoreThanHundredItemsKeepsItsText() {
        String cell = "**b** n ".repeat(70).strip();
        List<ObjectNode> blocks = MarkdownToBlocks.convert("| h |\n| --- |\n| " + cell + " |");
        JsonNode cells = blocks.get(0).path("table").path("children").get(1).path("table_row").path("cells").get(0);
        assertThat(cells.size()).isLessThanOrEqualTo(RichText.MAX_ITEMS);
        assertThat(RichText.plainText(cells)).isEqualTo(cell.replace("**", ""));
    }

    @Test
    void codeLanguagesMapToNotionNames() {
        assertThat(MarkdownToBlocks.convert("```js\nx\n```").get(0).path("code").path("language").asText())
                .isEqualTo("javascript");
        assertThat(MarkdownToBlocks.convert("```cpp\nx\n```").get(0).path("code").path("language").asText())
                .isEqualTo("c++");
        assertThat(MarkdownToBlocks.convert("```klingon\nx\n```").get(0).path("code").path("language").asText())
                .isEqualTo("plain text");
        assertThat(roundTrip("```cpp\nint x;\n```")).isEqualTo("```cpp\nint x;\n```");
    }

    @Test
    void deepHeadingsBecomeHeading3() {
        assertThat(MarkdownToBlocks.convert("##### five").get(0).path("type").asText()).isEqualTo("heading_3");
    }

    @Test
    void relativeLinksStayReadableText() {
        List<ObjectNode> blocks = MarkdownToBlocks.convert("see [doc](docs/a.md)");
        assertThat(blocks.get(0).toString()).doesNotContain("\"link\"");
        assertThat(RichText.plainText(blocks.get(0).path("paragraph").path("rich_text"))).isEqualTo("see [doc](docs/a.md)");
    }
}
