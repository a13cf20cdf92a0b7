package dev.worklog.review;

import dev.worklog.model.ImpactLevel;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A record a review line is traced to: a daily log (the day it happened), or the weekly or monthly roll-up it was
 * condensed in.
 *
 * @param kind what it is
 * @param id the store's id
 * @param title its title
 * @param start the day of a daily log, the first day of a roll-up's period
 * @param end the same day for a daily log, the last day of a roll-up's period
 * @param url where a person opens it (a Notion page, a {@code file:} URL), or {@code null} when unknown
 * @param ticketUrl a daily log's ticket link, or {@code null}
 * @param impact a daily log's impact level, or {@code null} for a roll-up
 * @param category a daily log's category, or {@code null} for a roll-up
 */
public record ReviewSource(Kind kind, String id, String title, LocalDate start, LocalDate end, String url,
        String ticketUrl, ImpactLevel impact, String category) {

    /** What a source is. */
    public enum Kind {
        /** A daily work log. */
        DAILY_LOG,
        /** A weekly roll-up. */
        WEEKLY,
        /** A monthly roll-up. */
        MONTHLY
    }

    public ReviewSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        url = blankToNull(url);
        ticketUrl = blankToNull(ticketUrl);
        category = blankToNull(category);
        if (kind == Kind.DAILY_LOG && impact == null) {
            throw new IllegalArgumentException("a daily log source has an impact level");
        }
    }

    /** The link, when known. */
    public Optional<String> link() {
        return Optional.ofNullable(url);
    }

    /** The ticket link, when the daily log has one. */
    public Optional<String> ticket() {
        return Optional.ofNullable(ticketUrl);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
