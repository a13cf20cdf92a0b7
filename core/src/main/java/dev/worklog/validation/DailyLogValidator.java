package dev.worklog.validation;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link DailyLogDraft} against every rule at once and reports all field errors together, so a client
 * fixes its input in one round trip.
 *
 * <pre>{@code
 * DailyLog log = new DailyLogValidator(LogOptions.defaults()).validate(draft, LocalDate.now());
 * }</pre>
 */
public final class DailyLogValidator {
    /** Notion's limit for a URL, and so for {@code ticket_url}. */
    public static final int MAX_URL_LENGTH = 2000;
    /** A title is one line; Notion's text object limit bounds it. */
    public static final int MAX_TITLE_LENGTH = 2000;
    /** Notion's limit for a select option's name (community evidence; we stay under it). */
    public static final int MAX_OPTION_LENGTH = 100;
    /** Notion accepts at most 100 multi-select options on a page. */
    public static final int MAX_TECH_STACK_ITEMS = 100;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final LogOptions options;

    public DailyLogValidator(LogOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Validates and normalises a draft.
     *
     * @param draft the raw input
     * @param today the day used when {@code logged_date} is absent
     * @return the entry, trimmed and with defaults filled in
     * @throws ValidationException listing every field error
     */
    public DailyLog validate(DailyLogDraft draft, LocalDate today) {
        Objects.requireNonNull(draft, "draft");
        List<FieldError> errors = new ArrayList<>();

        String title = requiredText(errors, "title", draft.title());
        if (title != null) {
            if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
                errors.add(new FieldError("title", "must be at most " + MAX_TITLE_LENGTH + " characters"));
            } else if (title.contains("\n") || title.contains("\r")) {
                errors.add(new FieldError("title", "must be one line"));
            }
        }
        String context = requiredText(errors, "context", draft.context());
        String category = option(errors, "category", draft.category(), options.categories(), null);
        ImpactLevel impact = impact(errors, draft.impactLevel());
        List<String> techStack = techStack(errors, draft.techStack());
        LocalDate loggedDate = loggedDate(errors, draft.loggedDate(), today);
        String status = option(errors, "status", draft.status(), options.statuses(), options.defaultStatus());
        String metrics = optionalText(errors, "metrics", draft.metrics());
        String ticketUrl = ticketUrl(errors, draft.ticketUrl());

        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new DailyLog(null, null, title, context, category, impact, techStack, loggedDate, status, metrics,
                ticketUrl);
    }

    /** Re-checks an already built entry against the configured options (e.g. one built in code). */
    public DailyLog validate(DailyLog log) {
        return validate(DailyLogDraft.of(log), log.loggedDate()).withStored(log.id(), log.url());
    }

    private static String requiredText(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required and must not be blank"));
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, "must not contain NUL characters"));
            return null;
        }
        return value.strip();
    }

    private static String optionalText(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return requiredText(errors, field, value);
    }

    private static String option(List<FieldError> errors, String field, String value, List<String> allowed,
            String fallback) {
        if (value == null || value.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            errors.add(new FieldError(field, "is required; one of " + String.join(", ", allowed)));
            return null;
        }
        String v = value.strip();
        if (v.contains(",")) {
            errors.add(new FieldError(field, "must not contain a comma (Notion rejects commas in select options)"));
            return null;
        }
        for (String option : allowed) {
            if (option.equalsIgnoreCase(v)) {
                return option;
            }
        }
        errors.add(new FieldError(field, "'" + shorten(v) + "' is not allowed; one of " + String.join(", ", allowed)));
        return null;
    }

    private static ImpactLevel impact(List<FieldError> errors, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("impact_level", "is required; one of High, Medium, Low"));
            return null;
        }
        return ImpactLevel.parse(value).orElseGet(() -> {
            errors.add(new FieldError("impact_level", "'" + shorten(value) + "' is not one of High, Medium, Low"));
            return null;
        });
    }

    private static List<String> techStack(List<FieldError> errors, List<String> items) {
        if (items == null || items.isEmpty()) {
            errors.add(new FieldError("tech_stack", "is required: at least one technology"));
            return null;
        }
        if (items.size() > MAX_TECH_STACK_ITEMS) {
            errors.add(new FieldError("tech_stack", "must have at most " + MAX_TECH_STACK_ITEMS + " items"));
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int before = errors.size();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String field = "tech_stack[" + i + "]";
            if (item == null || item.isBlank()) {
                errors.add(new FieldError(field, "must not be empty"));
            } else if (item.contains(",")) {
                errors.add(new FieldError(field, "must not contain a comma (Notion rejects commas in multi-select options)"));
            } else if (item.indexOf('\0') >= 0) {
                errors.add(new FieldError(field, "must not contain NUL characters"));
            } else if (item.strip().length() > MAX_OPTION_LENGTH) {
                errors.add(new FieldError(field, "must be at most " + MAX_OPTION_LENGTH + " characters"));
            } else if (seen.add(item.strip().toLowerCase(Locale.ROOT))) {
                out.add(item.strip());
            }
        }
        return errors.size() == before ? out : null;
    }

    private static LocalDate loggedDate(List<FieldError> errors, String value, LocalDate today) {
        if (value == null || value.isBlank()) {
            return today;
        }
        String v = value.strip();
        if (!DATE.matcher(v).matches()) {
            errors.add(new FieldError("logged_date", "must be a date as YYYY-MM-DD, got '" + shorten(v) + "'"));
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("logged_date", "'" + v + "' is not a real calendar date"));
            return null;
        }
    }

    private static String ticketUrl(List<FieldError> errors, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("ticket_url", "must be at most " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new FieldError("ticket_url", "must be an http(s) URL with a host, got '" + shorten(v) + "'"));
                return null;
            }
            return v;
        } catch (URISyntaxException e) {
            errors.add(new FieldError("ticket_url", "is not a valid URL: " + shorten(v)));
            return null;
        }
    }

    /** Keeps echoed input short, so a huge bad value does not make a huge error. */
    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
