package dev.worklog.internal.validation;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.EntryIds;
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
 * fixes its input in one round trip. The REST server, the CLI and the SDK all validate here, so they accept and
 * refuse the same entries: the field limits below, control characters (none in one-line fields; only tab and line
 * breaks in {@code context} and {@code metrics}), and the size of the whole entry as a REST body
 * ({@link DailyLogCodec#MAX_BODY_BYTES}). A draft without an entry id gets a fresh one ({@link EntryIds}).
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

        int before = errors.size();
        long bodyBytes = DailyLogCodec.bodySize(draft);
        if (bodyBytes > DailyLogCodec.MAX_BODY_BYTES) {
            errors.add(new FieldError(largestField(draft), "the entry is " + bodyBytes + " bytes as a REST body (JSON); "
                    + "at most " + DailyLogCodec.MAX_BODY_BYTES + " bytes (1 MiB) are accepted, as by the server"));
            throw new ValidationException(errors); // the fields themselves are not worth scanning
        }
        String title = requiredText(errors, "title", draft.title());
        if (title != null) {
            if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
                errors.add(new FieldError("title", "must be at most " + MAX_TITLE_LENGTH + " characters"));
            } else if (title.contains("\n") || title.contains("\r")) {
                errors.add(new FieldError("title", "must be one line"));
            } else {
                title = singleLine(errors, "title", title);
            }
        }
        String context = multiLine(errors, "context", requiredText(errors, "context", draft.context()));
        String category = option(errors, "category", draft.category(), options.categories(), null);
        ImpactLevel impact = impact(errors, draft.impactLevel());
        List<String> techStack = techStack(errors, draft.techStack());
        LocalDate loggedDate = loggedDate(errors, draft.loggedDate(), today);
        String status = option(errors, "status", draft.status(), options.statuses(), options.defaultStatus());
        String metrics = multiLine(errors, "metrics", optionalText(errors, "metrics", draft.metrics()));
        String ticketUrl = ticketUrl(errors, draft.ticketUrl());
        String entryId = draft.entryId();
        if (entryId != null && !EntryIds.isValid(entryId)) {
            errors.add(new FieldError("entry_id", "must be 1 to " + EntryIds.MAX_LENGTH + " letters, digits, '.', "
                    + "'_', ':' or '-', starting with a letter or digit"));
        }

        if (errors.size() > before) {
            throw new ValidationException(errors);
        }
        return new DailyLog(null, null, title, context, category, impact, techStack, loggedDate, status, metrics,
                ticketUrl, entryId != null ? entryId : EntryIds.generate());
    }

    /**
     * Re-checks an already built entry against the configured options (e.g. one built in code); its entry id is
     * kept, or a fresh one is made when it has none.
     */
    public DailyLog validate(DailyLog log) {
        return validate(DailyLogDraft.of(log), log.loggedDate()).withStored(log.id(), log.url());
    }

    /** The field that makes an entry too large: the longest one (nearly always the context). */
    private static String largestField(DailyLogDraft d) {
        String[] names = {"title", "context", "category", "impact_level", "logged_date", "status", "metrics",
            "ticket_url"};
        String[] values = {d.title(), d.context(), d.category(), d.impactLevel(), d.loggedDate(), d.status(),
            d.metrics(), d.ticketUrl()};
        String largest = "body";
        long most = 0;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null && values[i].length() > most) {
                most = values[i].length();
                largest = names[i];
            }
        }
        if (d.techStack() != null) {
            long tech = d.techStack().stream().mapToLong(t -> t == null ? 0 : t.length() + 3).sum();
            if (tech > most) {
                largest = "tech_stack";
            }
        }
        return largest;
    }

    /**
     * Refuses control characters in a one-line field: C0 and C1 controls, DEL, and the Unicode line and paragraph
     * separators (a terminal or Notion would break the line there). NUL and line breaks have their own messages.
     */
    private static String singleLine(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                errors.add(new FieldError(field, "must not contain control characters (" + codePoint(c)
                        + " at character " + (i + 1) + "); it is a single line of text"));
                return null;
            }
        }
        return value;
    }

    /** Refuses control characters other than tab, line feed and carriage return in a multi-line field. */
    private static String multiLine(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                errors.add(new FieldError(field, "must not contain control characters other than tab and line "
                        + "breaks (" + codePoint(c) + " at character " + (i + 1) + ")"));
                return null;
            }
        }
        return value;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
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
        if (singleLine(errors, field, v) == null) {
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
            } else if (singleLine(errors, field, item) == null) {
                continue;
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
        if (singleLine(errors, "ticket_url", v) == null) {
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
