package dev.worklog.notion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random documents in the markdown we write come back character for character. */
class DocumentFuzzTest {
    private static final String[] WORDS = {"검색", "API", "p99", "120ms", "개선", "cache", "key", "(test)", "40%", "->",
        "a,b", "**굵게**", "*기울임*", "`code`", "[링크](https://example.com/x)", "~~취소~~", "🚀", "x_y"};
    private static final String[] LANGUAGES = {"java", "python", "sql", "", "yaml"};

    private final Random random = new Random(42);

    @Test
    void randomDocumentsRoundTrip() {
        for (int round = 0; round < 400; round++) {
            String md = document();
            assertThat(MarkdownRoundTripTest.roundTrip(md)).as("round %d", round).isEqualTo(md);
        }
    }

    private String document() {
        StringBuilder sb = new StringBuilder();
        String previous = "";
        int blocks = 1 + random.nextInt(8);
        for (int i = 0; i < blocks; i++) {
            String kind = new String[] {"h", "p", "ul", "ol", "todo", "code", "quote", "hr", "table"}[random.nextInt(9)];
            if (kind.equals(previous) && !kind.equals("h")) {
                // two lists of one kind in a row are one list in markdown; two paragraphs are fine but keep it simple
                kind = "h";
            }
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(block(kind));
            previous = kind;
        }
        return sb.toString();
    }

    private String block(String kind) {
        switch (kind) {
            case "h":
                return "#".repeat(1 + random.nextInt(3)) + " " + words(1 + random.nextInt(4));
            case "p":
                return words(1 + random.nextInt(8)) + (random.nextBoolean() ? "\n" + words(1 + random.nextInt(5)) : "");
            case "ul":
                return list("- ", 0);
            case "ol":
                return numbered(0);
            case "todo": {
                StringBuilder sb = new StringBuilder();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : "\n").append(random.nextBoolean() ? "- [x] " : "- [ ] ").append(words(2));
                }
                return sb.toString();
            }
            case "code":
                return "```" + LANGUAGES[random.nextInt(LANGUAGES.length)] + "\nint x = 1;\n  indented * not markdown\n```";
            case "quote":
                return "> " + words(1 + random.nextInt(6));
            case "hr":
                return "---";
            default: {
                int cols = 1 + random.nextInt(3);
                StringBuilder sb = new StringBuilder("|");
                sb.append(" h |".repeat(cols)).append("\n|").append(" --- |".repeat(cols));
                for (int r = 0; r < 1 + random.nextInt(3); r++) {
                    sb.append("\n|");
                    for (int c = 0; c < cols; c++) {
                        sb.append(' ').append(words(1)).append(" |");
                    }
                }
                return sb.toString();
            }
        }
    }

    private String list(String marker, int depth) {
        StringBuilder sb = new StringBuilder();
        String pad = "  ".repeat(depth);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\n").append(pad).append(marker).append(words(1 + random.nextInt(3)));
            if (depth < 4 && random.nextInt(3) == 0) {
                sb.append('\n').append(list(marker, depth + 1));
            }
        }
        return sb.toString();
    }

    private String numbered(int depth) {
        StringBuilder sb = new StringBuilder();
        String pad = "   ".repeat(depth);
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\n").append(pad).append(i + 1).append(". ").append(words(1 + random.nextInt(3)));
            if (depth < 3 && random.nextInt(3) == 0) {
                sb.append('\n').append(numbered(depth + 1));
            }
        }
        return sb.toString();
    }

    private String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = WORDS[random.nextInt(WORDS.length)];
            if (i == 0 && w.equals("->")) {
                w = "검색";
            }
            sb.append(i == 0 ? "" : " ").append(w);
        }
        return sb.toString();
    }
}
