package dev.worklog.rest.internal;

import dev.worklog.MonthlyResult;
import dev.worklog.PromptPreview;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.error.FieldError;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.StrictJson;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.Period;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /weekly-summaries} and {@code POST /monthly-summaries}: the period (a week, two dates, {@code previous}
 * or a month; by default the current ISO week or the current month), statuses, {@code dry_run} (in the body or the
 * query), {@code force}, the monthly's {@code roll_up_missing_weeks} and {@code show_prompt} (what the run would
 * send to the model, after redaction, without sending it); every field error at once (400); the roll-up itself is
 * the SDK's. A long roll-up logs a progress line every {@value ProgressLines#EVERY} items.
 */
public final class SummaryRoutes {
    /** The fields of {@code POST /weekly-summaries}, in documentation order. */
    public static final Map<String, StrictJson.Type> WEEKLY_FIELDS = fields(
            "start_date", StrictJson.Type.STRING, "end_date", StrictJson.Type.STRING,
            "week", StrictJson.Type.STRING, "previous", StrictJson.Type.BOOLEAN, "status", StrictJson.Type.STRING_ARRAY,
            "dry_run", StrictJson.Type.BOOLEAN, "force", StrictJson.Type.BOOLEAN, "show_prompt", StrictJson.Type.BOOLEAN);
    /** The fields of {@code POST /monthly-summaries}, in documentation order. */
    public static final Map<String, StrictJson.Type> MONTHLY_FIELDS = fields(
            "month", StrictJson.Type.STRING, "previous", StrictJson.Type.BOOLEAN, "status", StrictJson.Type.STRING_ARRAY,
            "dry_run", StrictJson.Type.BOOLEAN, "force", StrictJson.Type.BOOLEAN,
            "roll_up_missing_weeks", StrictJson.Type.BOOLEAN, "show_prompt", StrictJson.Type.BOOLEAN);

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    /** Longest period a weekly run may cover; longer ones are surely a typo and would cost many tokens. */
    private static final int MAX_PERIOD_DAYS = 31;

    private final WorkLogger logger;
    private final Clock clock;

    /**
     * @param logger the SDK facade that runs the roll-ups
     * @param clock the clock of the progress lines' elapsed times
     */
    public SummaryRoutes(WorkLogger logger, Clock clock) {
        this.logger = logger;
        this.clock = clock;
    }

    /** {@code POST /weekly-summaries}. */
    public ApiResponse weekly(ApiRequest request) {
        boolean queryDryRun = queryDryRun(request);
        StrictJson.Fields f = StrictJson.bind(RequestBodies.jsonBody(request, true), WEEKLY_FIELDS);
        List<FieldError> errors = new ArrayList<>(f.errors());
        Period period = weeklyPeriod(f, errors);
        Set<String> statuses = statuses(logger, f, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid weekly summary request", RequestBodies.capped(errors));
        }
        if (f.flag("show_prompt")) {
            PromptPreview preview = logger.previewWeek(period, options(f, queryDryRun, statuses));
            return ApiResponse.json(200, Json.write(PromptPreviewJson.of(preview)), Map.of());
        }
        WeeklyResult result = logger.summarizeWeek(period, options(f, queryDryRun, statuses).withProgress(
                new ProgressLines(logger.executionLog(), ExecutionLog.WEEKLY_PROCESSOR,
                        "weekly roll-up " + period.describe(), clock)));
        return ApiResponse.json(200, Json.write(SummaryJson.weekly(result)), Map.of());
    }

    /** {@code POST /monthly-summaries}. */
    public ApiResponse monthly(ApiRequest request) {
        boolean queryDryRun = queryDryRun(request);
        StrictJson.Fields f = StrictJson.bind(RequestBodies.jsonBody(request, true), MONTHLY_FIELDS);
        List<FieldError> errors = new ArrayList<>(f.errors());
        YearMonth month = YearMonth.from(logger.today());
        String given = f.text("month");
        if (f.flag("previous")) {
            if (given != null) {
                errors.add(new FieldError("previous", "give either month or previous, not both"));
            }
            month = Period.previousMonth(logger.today());
        } else if (given != null) {
            if (!MONTH.matcher(given).matches()) {
                errors.add(new FieldError("month", "must be a month as YYYY-MM, got '" + StrictJson.shorten(given)
                        + "'"));
            } else {
                try {
                    month = YearMonth.parse(given);
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("month", "'" + given + "' is not a real month"));
                }
            }
        }
        Set<String> statuses = statuses(logger, f, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid monthly summary request", RequestBodies.capped(errors));
        }
        SummarizeOptions options = options(f, queryDryRun, statuses)
                .withRollUpMissingWeeks(!f.values().containsKey("roll_up_missing_weeks") || f.flag("roll_up_missing_weeks"));
        if (f.flag("show_prompt")) {
            PromptPreview preview = logger.previewMonth(month, options);
            return ApiResponse.json(200, Json.write(PromptPreviewJson.of(preview)), Map.of());
        }
        MonthlyResult result = logger.summarizeMonth(month, options.withProgress(new ProgressLines(
                logger.executionLog(), ExecutionLog.MONTHLY_PROCESSOR, "monthly roll-up " + month, clock)));
        return ApiResponse.json(200, Json.write(SummaryJson.monthly(result)), Map.of());
    }

    private static boolean queryDryRun(ApiRequest request) {
        return RequestBodies.queryFlag(RequestBodies.query(request.query(), List.of("dry_run")), "dry_run");
    }

    private static SummarizeOptions options(StrictJson.Fields f, boolean queryDryRun, Set<String> statuses) {
        return new SummarizeOptions(queryDryRun || f.flag("dry_run"), statuses, f.flag("force"));
    }

    private Period weeklyPeriod(StrictJson.Fields f, List<FieldError> errors) {
        String week = f.text("week");
        String start = f.text("start_date");
        String end = f.text("end_date");
        if (f.flag("previous")) {
            if (week != null || start != null || end != null) {
                errors.add(new FieldError("previous", "give either previous, week, or start_date and end_date"));
                return null;
            }
            return Period.previousIsoWeek(logger.today());
        }
        if (week != null) {
            if (start != null || end != null) {
                errors.add(new FieldError("week", "give either week or start_date and end_date, not both"));
                return null;
            }
            try {
                return Period.parseIsoWeek(week);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("week", StrictJson.shorten(e.getMessage())));
                return null;
            }
        }
        if (start == null && end == null) {
            return Period.isoWeekOf(logger.today());
        }
        if (start == null) {
            errors.add(new FieldError("start_date", "is required when end_date is given"));
        }
        if (end == null) {
            errors.add(new FieldError("end_date", "is required when start_date is given"));
        }
        LocalDate s = date(start, "start_date", errors);
        LocalDate e = date(end, "end_date", errors);
        if (s == null || e == null) {
            return null;
        }
        if (e.isBefore(s)) {
            errors.add(new FieldError("end_date", "must not be before start_date"));
            return null;
        }
        Period p = new Period(s, e);
        if (p.days() > MAX_PERIOD_DAYS) {
            errors.add(new FieldError("end_date", "a weekly period covers at most " + MAX_PERIOD_DAYS + " days, got "
                    + p.days()));
            return null;
        }
        return p;
    }

    private static LocalDate date(String value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!DATE.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD, got '" + StrictJson.shorten(value) + "'"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a real calendar date"));
            return null;
        }
    }

    /** The {@code status} field's values matched to the configured statuses; each unknown one is a field error. */
    static Set<String> statuses(WorkLogger logger, StrictJson.Fields f, List<FieldError> errors) {
        List<String> given = f.strings("status");
        if (given == null) {
            return Set.of();
        }
        List<String> allowed = logger.logOptions().statuses();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                continue; // not a string: the reader named it
            }
            String wanted = given.get(i).strip();
            String match = allowed.stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst().orElse(null);
            if (match == null) {
                errors.add(new FieldError("status[" + i + "]", "'" + StrictJson.shorten(wanted)
                        + "' is not one of " + String.join(", ", allowed)));
            } else {
                out.add(match);
            }
        }
        return out;
    }

    private static Map<String, StrictJson.Type> fields(Object... pairs) {
        Map<String, StrictJson.Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (StrictJson.Type) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
