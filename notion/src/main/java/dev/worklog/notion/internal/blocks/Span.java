package dev.worklog.notion.internal.blocks;

import java.util.Objects;

/**
 * A run of text with one set of formatting: the unit both converters share between markdown inlines and Notion
 * rich-text objects.
 *
 * @param text the characters
 * @param bold bold
 * @param italic italic
 * @param strike strikethrough
 * @param code inline code
 * @param link the link target, or {@code null}
 */
public record Span(String text, boolean bold, boolean italic, boolean strike, boolean code, String link) {
    public Span {
        Objects.requireNonNull(text, "text");
        link = link == null || link.isEmpty() ? null : link;
    }

    /** Plain text. */
    public static Span plain(String text) {
        return new Span(text, false, false, false, false, null);
    }

    /** Whether both carry the same formatting. */
    public boolean sameStyle(Span o) {
        return bold == o.bold && italic == o.italic && strike == o.strike && code == o.code
                && Objects.equals(link, o.link);
    }

    /** This formatting with other text. */
    public Span withText(String other) {
        return new Span(other, bold, italic, strike, code, link);
    }
}
