package dev.worklog.review;

import dev.worklog.model.Period;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The months a review packet covers: a quarter, a half-year, a year, or any run of whole months.
 *
 * <pre>{@code
 * ReviewPeriod q4 = ReviewPeriod.parse("2026-Q4");          // also 2026-H2, 2026, 2026-03~2026-08
 * Period days = q4.days();                                 // 2026-10-01 ~ 2026-12-31
 * ReviewPeriod before = q4.previous();                     // 2026-Q3, for the comparison
 * }</pre>
 *
 * @param kind what the months are
 * @param first the first month
 * @param last the last month, not before {@code first}; at most {@value #MAX_MONTHS} months in all
 */
public record ReviewPeriod(Kind kind, YearMonth first, YearMonth last) {
    /** The most months a period may span. */
    public static final int MAX_MONTHS = 24;

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H(\\d)");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTHS = Pattern.compile("(\\d{4}-\\d{2})\\s*(?:~|\\.\\.|_)\\s*(\\d{4}-\\d{2})");

    /** What a period is. */
    public enum Kind {
        /** Three months starting in January, April, July or October. */
        QUARTER,
        /** January to June or July to December. */
        HALF,
        /** A calendar year. */
        YEAR,
        /** Any run of whole months. */
        MONTHS
    }

    public ReviewPeriod {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last month " + last + " is before the first " + first);
        }
        long months = first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        if (months > MAX_MONTHS) {
            throw new IllegalArgumentException("a review covers at most " + MAX_MONTHS + " months, got " + months
                    + " (" + first + " to " + last + ")");
        }
        int expected = switch (kind) {
            case QUARTER -> 3;
            case HALF -> 6;
            case YEAR -> 12;
            case MONTHS -> (int) months;
        };
        if (months != expected || kind != Kind.MONTHS && (first.getMonthValue() - 1) % expected != 0) {
            throw new IllegalArgumentException(first + " to " + last + " is not a " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A quarter.
     *
     * @param quarter 1 to 4
     */
    public static ReviewPeriod quarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("a quarter is Q1 to Q4, got Q" + quarter);
        }
        YearMonth first = YearMonth.of(year, quarter * 3 - 2);
        return new ReviewPeriod(Kind.QUARTER, first, first.plusMonths(2));
    }

    /**
     * A half-year.
     *
     * @param half 1 (January to June) or 2 (July to December)
     */
    public static ReviewPeriod half(int year, int half) {
        if (half < 1 || half > 2) {
            throw new IllegalArgumentException("a half-year is H1 or H2, got H" + half);
        }
        YearMonth first = YearMonth.of(year, half * 6 - 5);
        return new ReviewPeriod(Kind.HALF, first, first.plusMonths(5));
    }

    /** A calendar year. */
    public static ReviewPeriod year(int year) {
        return new ReviewPeriod(Kind.YEAR, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    /** The months from {@code first} to {@code last}, both included. */
    public static ReviewPeriod months(YearMonth first, YearMonth last) {
        return new ReviewPeriod(Kind.MONTHS, first, last);
    }

    /**
     * Parses {@code 2026-Q4}, {@code 2026-H2}, {@code 2026}, {@code 2026-03~2026-08} (or {@code ..}), or a single
     * month {@code 2026-03}.
     *
     * @throws IllegalArgumentException saying what is accepted when the text is none of these
     */
    public static ReviewPeriod parse(String text) {
        String s = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        Matcher m;
        if ((m = QUARTER.matcher(s)).matches()) {
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = HALF.matcher(s)).matches()) {
            return half(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (YEAR.matcher(s).matches()) {
            return year(Integer.parseInt(s));
        }
        if ((m = MONTHS.matcher(s)).matches()) {
            return months(month(m.group(1)), month(m.group(2)));
        }
        if (s.matches("\\d{4}-\\d{2}")) {
            YearMonth one = month(s);
            return months(one, one);
        }
        throw new IllegalArgumentException("a review period looks like 2026-Q4, 2026-H2, 2026 or 2026-03~2026-08, got '"
                + text + "'");
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a month (YYYY-MM)", e);
        }
    }

    /** Every day of the period. */
    public Period days() {
        return new Period(first.atDay(1), last.atEndOfMonth());
    }

    /** The months, oldest first. */
    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** The previous period of the same length and kind: 2026-Q3 before 2026-Q4, 2025-H2 before 2026-H1. */
    public ReviewPeriod previous() {
        int length = months().size();
        return new ReviewPeriod(kind, first.minusMonths(length), last.minusMonths(length));
    }

    /**
     * The ISO weeks (Monday to Sunday) that share a day with the period and begin on or before {@code today}: the
     * weeks a log could have been written in so far.
     */
    public List<Period> isoWeeksUntil(LocalDate today) {
        List<Period> out = new ArrayList<>();
        Period all = days();
        for (LocalDate monday = all.start().with(DayOfWeek.MONDAY); !monday.isAfter(all.end())
                && !monday.isAfter(today); monday = monday.plusWeeks(1)) {
            out.add(new Period(monday, monday.plusDays(6)));
        }
        return out;
    }

    /** {@code 2026-Q4}, {@code 2026-H2}, {@code 2026}, {@code 2026-03~2026-08} or {@code 2026-03}. */
    public String label() {
        return switch (kind) {
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() + 2) / 3);
            case HALF -> first.getYear() + "-H" + ((first.getMonthValue() + 5) / 6);
            case YEAR -> String.valueOf(first.getYear());
            case MONTHS -> first.equals(last) ? first.toString() : first + "~" + last;
        };
    }

    /** The label in a form safe for file names: {@code 2026-Q4}, {@code 2026-03_2026-08}. */
    public String fileName() {
        return label().replace('~', '_');
    }

    /** The ISO week label of a week, e.g. {@code 2026-W44}. */
    public static String isoWeekLabel(Period week) {
        return String.format("%d-W%02d", week.start().get(IsoFields.WEEK_BASED_YEAR),
                week.start().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    @Override
    public String toString() {
        return label();
    }
}
