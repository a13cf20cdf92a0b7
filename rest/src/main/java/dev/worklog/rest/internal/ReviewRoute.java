package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.WorkLogger;
import dev.worklog.error.FieldError;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.StrictJson;
import dev.worklog.internal.review.ReviewJson;
import dev.worklog.review.JsonResumeBase;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewFormat;
import dev.worklog.review.ReviewOptions;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewResult;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /reviews}: a review packet of a quarter, half-year, year or run of months ({@code period}, by default
 * the current quarter), with {@code format} (the packet rendered as markdown, html, json-resume or json in
 * {@code document}), {@code lang}, {@code save}, {@code dry_run} (in the body or the query), {@code force},
 * {@code roll_up_missing} and {@code status}; every field error at once (400); the packet itself is the SDK's.
 */
public final class ReviewRoute {
    /** The fields of {@code POST /reviews}, in documentation order. */
    public static final Map<String, StrictJson.Type> FIELDS = fields();

    private final WorkLogger logger;
    private final JsonResumeBase resume;

    /**
     * @param logger the SDK facade that makes the packets
     * @param resume the JSON Resume document {@code format: json-resume} adds the achievements to
     */
    public ReviewRoute(WorkLogger logger, JsonResumeBase resume) {
        this.logger = logger;
        this.resume = resume;
    }

    /** {@code POST /reviews}. */
    public ApiResponse handle(ApiRequest request) {
        boolean queryDryRun = RequestBodies.queryFlag(RequestBodies.query(request.query(), List.of("dry_run")),
                "dry_run");
        StrictJson.Fields f = StrictJson.bind(RequestBodies.jsonBody(request, true), FIELDS);
        List<FieldError> errors = new ArrayList<>(f.errors());
        ReviewPeriod period = period(f.text("period"), logger.today(), errors);
        ReviewFormat format = null;
        if (f.text("format") != null) {
            try {
                format = ReviewFormat.parse(f.text("format"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("format", StrictJson.shorten(e.getMessage())));
            }
        }
        ReviewOptions options = ReviewOptions.defaults();
        try {
            options = options.withLanguage(f.text("lang"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("lang", StrictJson.shorten(e.getMessage())));
        }
        Set<String> statuses = SummaryRoutes.statuses(logger, f, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid review request", RequestBodies.capped(errors));
        }
        boolean rollUp = !f.values().containsKey("roll_up_missing") || f.values().get("roll_up_missing").isNull()
                || f.flag("roll_up_missing");
        ReviewResult result = logger.review(period, options.withDryRun(queryDryRun || f.flag("dry_run"))
                .withForce(f.flag("force")).withSave(f.flag("save")).withRollUpMissing(rollUp).withStatuses(statuses));
        return ApiResponse.json(200, Json.write(answer(result, format)), Map.of());
    }

    private ObjectNode answer(ReviewResult r, ReviewFormat format) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", r.status().name().toLowerCase(Locale.ROOT));
        n.put("period", r.period().label());
        n.putObject("days").put("start_date", r.period().days().start().toString())
                .put("end_date", r.period().days().end().toString());
        ReviewPacket p = r.packet();
        n.put("page_id", p == null ? null : p.id());
        n.put("url", p == null ? null : p.url());
        if (p == null) {
            n.putNull("packet");
        } else {
            n.set("packet", ReviewJson.tree(p));
        }
        n.put("document", p == null || format == null ? null : ReviewExport.render(p, format, resume));
        n.put("prompt", r.prompt());
        SummaryJson.strings(n.putArray("rolled_up"), r.rolledUp());
        SummaryJson.strings(n.putArray("missing_months"), r.missingMonths().stream().map(Object::toString).toList());
        return SummaryJson.usageAndWarnings(n, r.usage(), r.warnings());
    }

    private static ReviewPeriod period(String text, LocalDate today, List<FieldError> errors) {
        if (text == null) {
            return ReviewPeriod.quarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
        }
        try {
            ReviewPeriod period = ReviewPeriod.parse(text);
            if (period.days().start().isAfter(today)) {
                errors.add(new FieldError("period", period.label() + " has not started yet (today is " + today + ")"));
            }
            return period;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("period", StrictJson.shorten(e.getMessage())));
            return null;
        }
    }

    private static Map<String, StrictJson.Type> fields() {
        Map<String, StrictJson.Type> m = new LinkedHashMap<>();
        m.put("period", StrictJson.Type.STRING);
        m.put("format", StrictJson.Type.STRING);
        m.put("lang", StrictJson.Type.STRING);
        m.put("status", StrictJson.Type.STRING_ARRAY);
        m.put("save", StrictJson.Type.BOOLEAN);
        m.put("dry_run", StrictJson.Type.BOOLEAN);
        m.put("force", StrictJson.Type.BOOLEAN);
        m.put("roll_up_missing", StrictJson.Type.BOOLEAN);
        return java.util.Collections.unmodifiableMap(m);
    }
}
