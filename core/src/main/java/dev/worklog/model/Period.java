package dev.worklog.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of days, such as the week a roll-up covers.
 *
 * @param start the first day, inclusive
 * @param end the last day, inclusive; not before {@code start}
 */
public record Period(LocalDate start, LocalDate end) {
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period end " + end + " is before its start " + start);
        }
    }

    /** The seven days ending on (and including) {@code today}: the original's default weekly period. */
    public static Period sevenDaysEnding(LocalDate today) {
        return new Period(today.minusDays(6), today);
    }

    /** The ISO week (Monday to Sunday) that contains {@code day}. */
    public static Period isoWeekOf(LocalDate day) {
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        return new Period(monday, monday.plusDays(6));
    }

    /**
     * Parses an ISO week such as {@code 2026-W47}.
     *
     * @throws IllegalArgumentException when the text is not an ISO week that exists
     */
    public static Period parseIsoWeek(String text) {
        Matcher m = ISO_WEEK.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("week must look like 2026-W47, got '" + text + "'");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate probe = LocalDate.of(year, 6, 1);
        long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has ISO weeks 1 to " + weeks + ", got " + week);
        }
        LocalDate monday = probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        return new Period(monday, monday.plusDays(6));
    }

    /** The whole calendar month. */
    public static Period of(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /**
     * Parses two YYYY-MM-DD dates.
     *
     * @throws IllegalArgumentException when either is not a date or the end is before the start
     */
    public static Period parse(String start, String end) {
        try {
            return new Period(LocalDate.parse(start), LocalDate.parse(end));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates must be YYYY-MM-DD: " + e.getParsedString(), e);
        }
    }

    /** Whether {@code day} lies inside, both ends included. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** Whether the two periods share at least one day. */
    public boolean overlaps(Period other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }

    /** Number of days, both ends included. */
    public long days() {
        return end.toEpochDay() - start.toEpochDay() + 1;
    }

    /** The ISO week label ({@code 2026-W47}) of the week that holds this period's last day. */
    public String isoWeekLabel() {
        int year = end.get(IsoFields.WEEK_BASED_YEAR);
        int week = end.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return String.format("%d-W%02d", year, week);
    }

    @Override
    public String toString() {
        return start + " ~ " + end;
    }
}
