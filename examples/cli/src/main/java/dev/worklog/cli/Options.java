package dev.worklog.cli;

import dev.worklog.WorkLogger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parsing of option values the commands share. Values are taken as strings and parsed here so that a bad value is
 * one clear line with exit code 1, naming the option and what it accepts.
 */
final class Options {
    private Options() {
    }

    static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CliException(option + " must be a date as YYYY-MM-DD, got '" + value + "'");
        }
    }

    /**
     * The statuses of {@code --status} (repeatable or comma-separated), spelt as configured.
     *
     * @throws CliException naming the value and the allowed statuses when one is unknown
     */
    static Set<String> statuses(WorkLogger logger, List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        List<String> allowed = logger.logOptions().statuses();
        for (String value : values) {
            for (String part : value.split(",")) {
                String wanted = part.strip();
                if (wanted.isEmpty()) {
                    continue;
                }
                String match = allowed.stream().filter(wanted::equalsIgnoreCase).findFirst()
                        .orElseThrow(() -> new CliException("--status '" + wanted + "' is not one of "
                                + String.join(", ", allowed)));
                out.add(match);
            }
        }
        return out;
    }

    /**
     * The month of {@code --month 2026-11}, or {@code --year 2026 --month 11}, or {@code --month 11} (this year), or
     * {@code null} when neither is given.
     */
    static YearMonth month(String month, String year, LocalDate today) {
        if (month == null && year == null) {
            return null;
        }
        if (month == null) {
            throw new CliException("--year needs --month (for example --year 2026 --month 11)");
        }
        String m = month.strip();
        if (m.matches("\\d{4}-\\d{1,2}")) {
            if (year != null) {
                throw new CliException("--month " + m + " already has a year; drop --year " + year);
            }
            return yearMonth(Integer.parseInt(m.substring(0, 4)), Integer.parseInt(m.substring(5)), m);
        }
        if (!m.matches("\\d{1,2}")) {
            throw new CliException("--month must be YYYY-MM (for example 2026-11) or a month number with --year, got '"
                    + month + "'");
        }
        int y;
        if (year == null) {
            y = today.getYear();
        } else if (year.strip().matches("\\d{4}")) {
            y = Integer.parseInt(year.strip());
        } else {
            throw new CliException("--year must be a four-digit year, got '" + year + "'");
        }
        return yearMonth(y, Integer.parseInt(m), m);
    }

    private static YearMonth yearMonth(int year, int month, String text) {
        if (month < 1 || month > 12) {
            throw new CliException("--month must name a month from 1 to 12, got '" + text + "'");
        }
        return YearMonth.of(year, month);
    }
}
