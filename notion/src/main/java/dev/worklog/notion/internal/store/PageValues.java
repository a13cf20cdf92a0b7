package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.WorkLogException;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.blocks.RichText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the values of a page as Notion lists it (its id, address, and its properties by name), leniently: a value
 * edited by hand into something unexpected reads as absent, never as an error, unless the page cannot be placed
 * without it.
 */
public final class PageValues {
    private PageValues() {
    }

    /** The page's id. */
    public static String id(JsonNode page) {
        return page.path("id").asText();
    }

    /** The page's address, or the one Notion gives every page when the answer left it out. */
    public static String url(JsonNode page) {
        return page.path("url").asText(urlOf(id(page)));
    }

    /** The address of the page with this id. */
    public static String urlOf(String pageId) {
        return "https://www.notion.so/" + pageId.replace("-", "");
    }

    /** The property's value object (missing when the page lacks it). */
    public static JsonNode property(JsonNode page, String name) {
        return page.path("properties").path(name);
    }

    /** The plain text of a title property. */
    public static String title(JsonNode page, String name) {
        return RichText.plainText(property(page, name).path("title"));
    }

    /** The plain text of a rich-text property. */
    public static String text(JsonNode page, String name) {
        return RichText.plainText(property(page, name).path("rich_text"));
    }

    /** The option chosen in a select property, or {@code fallback} when none is. */
    public static String select(JsonNode page, String name, String fallback) {
        return property(page, name).path("select").path("name").asText(fallback);
    }

    /** The start of a date property as written ({@code YYYY-MM-DD}, maybe with a time), or empty text. */
    public static String dateText(JsonNode page, String name) {
        return property(page, name).path("date").path("start").asText("");
    }

    /** The day a date property starts on, if it holds one. */
    public static Optional<LocalDate> date(JsonNode page, String name) {
        return day(dateText(page, name));
    }

    /** The day text starting {@code YYYY-MM-DD} names, if it does. */
    public static Optional<LocalDate> day(String text) {
        if (text == null || text.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An instant written as a date-time (or a day, read as its start in UTC); when the text is neither, the page's
     * creation time, and failing that the clock's now.
     */
    public static Instant instant(String text, JsonNode page, Clock clock) {
        try {
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).toInstant();
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException ignored) {
            // fall back to the page's own stamp
        }
        String created = page.path("created_time").asText("");
        try {
            return created.isEmpty() ? clock.instant() : Instant.parse(created);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    /** An instant as a date property's start, to the second. */
    public static String stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The non-blank lines of the text, stripped. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    /** The error for a roll-up page whose period date is empty: it cannot be placed, so it names the page. */
    public static WorkLogException missingDate(Database database, JsonNode page, String titleProperty,
            String dateProperty) {
        return new NonRetryableException(database.title() + " page '" + title(page, titleProperty) + "' ("
                + url(page) + ") has no '" + dateProperty + "' date; fill it in or remove the page", null, null);
    }
}
