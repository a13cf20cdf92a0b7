package dev.worklog.review;

import dev.worklog.internal.review.HtmlReview;
import dev.worklog.internal.review.JsonResume;
import dev.worklog.internal.review.MarkdownReview;
import dev.worklog.internal.review.ReviewJson;
import java.util.Objects;

/**
 * Renders a {@link ReviewPacket}: markdown to paste into a review tool, one self-contained printable HTML file with
 * the citations as links, a JSON Resume document (the achievements in {@code work[].highlights}), or worklog's own
 * JSON. Labels follow the packet's language.
 *
 * <pre>{@code
 * Files.writeString(Path.of("review-2026-Q4.html"), ReviewExport.html(packet));
 * String resume = ReviewExport.jsonResume(packet, JsonResumeBase.read(Path.of("resume.json")));
 * }</pre>
 */
public final class ReviewExport {
    private ReviewExport() {
    }

    /** The packet in a format; a JSON Resume without a base document ({@link JsonResumeBase#none()}). */
    public static String render(ReviewPacket packet, ReviewFormat format) {
        return render(packet, format, JsonResumeBase.none());
    }

    /** The packet in a format; {@code base} is used by {@link ReviewFormat#JSON_RESUME} only. */
    public static String render(ReviewPacket packet, ReviewFormat format, JsonResumeBase base) {
        Objects.requireNonNull(format, "format");
        return switch (format) {
            case MARKDOWN -> markdown(packet);
            case HTML -> html(packet);
            case JSON_RESUME -> jsonResume(packet, base);
            case JSON -> json(packet);
        };
    }

    /** Markdown: narrative, achievements by theme with links to their logs, statistics, gaps, warnings. */
    public static String markdown(ReviewPacket packet) {
        return MarkdownReview.render(Objects.requireNonNull(packet, "packet"));
    }

    /** One self-contained HTML file (inline style, no script, nothing loaded from elsewhere), printable. */
    public static String html(ReviewPacket packet) {
        return HtmlReview.render(Objects.requireNonNull(packet, "packet"));
    }

    /**
     * A JSON Resume (schema v1.0.0) document: {@code base} with each achievement added, as one line, to the
     * highlights of the role whose dates hold it; achievements no role holds go to one more entry for the period.
     */
    public static String jsonResume(ReviewPacket packet, JsonResumeBase base) {
        return JsonResume.render(Objects.requireNonNull(packet, "packet"), Objects.requireNonNull(base, "base").json());
    }

    /** worklog's own JSON: every field of the packet, snake_case. */
    public static String json(ReviewPacket packet) {
        return ReviewJson.write(Objects.requireNonNull(packet, "packet"));
    }

    /**
     * Reads a packet written by {@link #json}.
     *
     * @throws IllegalArgumentException when the text is not such a packet
     */
    public static ReviewPacket fromJson(String json) {
        return ReviewJson.read(json);
    }
}
