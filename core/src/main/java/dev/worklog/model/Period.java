package dev.worklog.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of days, such as the week a roll-up covers. A period that is exactly one ISO week (Monday to
 * Sunday) is named by that week ({@code 2026-W47}); any other is named by its dates, never by a week it only touches
 * ({@link #label()}).
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

    /**
     * The seven days ending on (and including) {@code today}: what {@code --end-date} alone means. An ISO week only
     * when {@code today} is a Sunday.
     */
    public static Period sevenDaysEnding(LocalDate today) {
        return new Period(today.minusDays(6), today);
    }

    /** The ISO week (Monday to Sunday) that contains {@code day}: the default period of a weekly roll-up. */
    public static Period isoWeekOf(LocalDate day) {
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        return new Period(monday, monday.plusDays(6));
    }

    /**
     * The last complete ISO week: the one before the week that contains {@code today}. What the schedule rolls up
     * on Monday morning ({@code worklog weekly --previous}).
     */
    public static Period previousIsoWeek(LocalDate today) {
        return isoWeekOf(today.minusWeeks(1));
    }

    /**
     * The latest month whose every ISO week ended before the week that contains {@code today} began: what the
     * schedule's monthly roll-up covers ({@code worklog monthly --previous}). On the first Monday of a month that is
     * the month before; from then on until the next first Monday it stays the same, because the week holding a
     * month's last day ends in the following month.
     */
    public static YearMonth previousMonth(LocalDate today) {
        return YearMonth.from(today.with(DayOfWeek.MONDAY)).minusMonths(1);
    }

    /**
     * The Monday after the ISO week that holds the month's last day: the first day on which every week that overlaps
     * the month is over, so its weekly roll-ups can all exist. The schedule runs the month's roll-up then, right after
     * that week's weekly; it is always the first Monday of the following month.
     */
    public static LocalDate monthlyRunDate(YearMonth month) {
        return month.atEndOfMonth().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
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

    /** Whether the period is exactly one ISO week: from a Monday to the Sunday after it. */
    public boolean isIsoWeek() {
        return start.getDayOfWeek() == DayOfWeek.MONDAY && days() == 7;
    }

    /** The ISO week the period is ({@code 2026-W47}), when it is exactly one; empty for any other period. */
    public Optional<String> isoWeek() {
        if (!isIsoWeek()) {
            return Optional.empty();
        }
        return Optional.of(String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    /**
     * How the period is named in titles, logs and answers: its ISO week ({@code 2026-W47}) when it is exactly one,
     * else its dates ({@code 2026-11-22 ~ 2026-11-28}), so that no two different periods share a week's name.
     */
    public String label() {
        return isoWeek().orElseGet(this::toString);
    }

    /**
     * The label with the dates when it names a week: {@code 2026-W47 (2026-11-16 ~ 2026-11-22)}; for any other period
     * its dates alone.
     */
    public String describe() {
        return isoWeek().map(week -> week + " (" + this + ")").orElseGet(this::toString);
    }

    /**
     * The old name of {@link #label()}, which named any period by the ISO week of its last day: two overlapping
     * periods could then carry the same week. Now the same as {@link #label()}.
     *
     * @deprecated use {@link #label()} (or {@link #isoWeek()})
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String isoWeekLabel() {
        return label();
    }

    /** The ISO weeks that share at least one day with this period, oldest first (a month has four to six). */
    public List<Period> isoWeeks() {
        List<Period> weeks = new ArrayList<>();
        for (Period week = isoWeekOf(start); !week.start.isAfter(end); week = isoWeekOf(week.start.plusWeeks(1))) {
            weeks.add(week);
        }
        return weeks;
    }

    @Override
    public String toString() {
        return start + " ~ " + end;
    }
}
