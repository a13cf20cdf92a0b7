package dev.worklog.review;

import java.util.Locale;

/** The forms {@link ReviewExport} renders a packet in. */
public enum ReviewFormat {
    /** Markdown to paste into a review tool. */
    MARKDOWN("markdown"),
    /** One self-contained, printable HTML file; citations are links. */
    HTML("html"),
    /** A JSON Resume document whose {@code work[].highlights} hold the achievements. */
    JSON_RESUME("json-resume"),
    /** worklog's own model of the packet, as JSON. */
    JSON("json");

    private final String label;

    ReviewFormat(String label) {
        this.label = label;
    }

    /** The name options use: {@code markdown}, {@code html}, {@code json-resume}, {@code json}. */
    public String label() {
        return label;
    }

    /**
     * Parses a name, ignoring case ({@code md} is markdown).
     *
     * @throws IllegalArgumentException listing the formats when the name is none of them
     */
    public static ReviewFormat parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (wanted.equals("md")) {
            return MARKDOWN;
        }
        for (ReviewFormat f : values()) {
            if (f.label.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the format is markdown, html, json-resume or json, got '" + text + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
