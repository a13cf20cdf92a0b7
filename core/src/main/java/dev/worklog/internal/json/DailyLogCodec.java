package dev.worklog.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.Json;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.ImpactLevel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON form of a daily log: the body of {@code POST /daily-logs}, snake_case ({@code title},
 * {@code context}, {@code category}, {@code impact_level}, {@code tech_stack}, {@code logged_date}, {@code status},
 * {@code metrics}, {@code ticket_url}), and the entry that answers and stored copies carry (those fields plus
 * {@code entry_id}). The REST API, the CLI's {@code --json}, the Lambda adapter and the outbox all read and write it
 * here, so they accept and reject exactly the same documents.
 *
 * <p>Reading is strict ({@link StrictJson}): unknown fields are refused by name rather than ignored (a misspelt
 * optional field such as {@code ticketUrl} would otherwise be dropped without a word), every field of the wrong
 * type is named, and all such problems are reported at once. It checks the document's shape only; the values are
 * checked by the validator (through {@code WorkLogger.log} or {@code check}), and {@link #merge} lists both kinds of
 * error once each, in field order. A JSON {@code null} means the field is absent.
 *
 * <pre>{@code
 * DailyLogDraft draft = DailyLogCodec.parse("{\"title\":\"...\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"]}");
 * ObjectNode entry = DailyLogCodec.write(logger.log(draft).log());
 * }</pre>
 */
public final class DailyLogCodec {
    /**
     * The largest body accepted: 1 MiB. The REST API refuses a larger request body (413); the validator refuses an
     * entry that would make a larger body, so the CLI and the SDK accept no more than the server.
     */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** The fields of the request body, in documentation order. */
    public static final List<String> FIELDS = List.of("title", "context", "category", "impact_level", "tech_stack",
            "logged_date", "status", "metrics", "ticket_url");
    /** The field an entry adds to the request body's: its identity. */
    public static final String ENTRY_ID = "entry_id";

    private static final Map<String, StrictJson.Type> BODY_TYPES = types(false);
    private static final Map<String, StrictJson.Type> ENTRY_TYPES = types(true);

    /**
     * A request body read: the draft of the fields that had the right type, and the shape errors.
     *
     * @param draft the draft; a field of the wrong type is absent from it, an item of the wrong type is {@code null}
     * @param errors unknown fields and wrong types, in document order; empty when the shape is right
     */
    public record Reading(DailyLogDraft draft, List<FieldError> errors) {
        public Reading {
            errors = List.copyOf(errors);
        }

        /**
         * The draft.
         *
         * @throws ValidationException listing every shape error, when there are any
         */
        public DailyLogDraft orThrow() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return draft;
        }
    }

    private DailyLogCodec() {
    }

    /**
     * Reads a request body from its bytes (strict UTF-8).
     *
     * @throws ValidationException with one {@value StrictJson#BODY} error when the bytes are not a JSON object
     */
    public static Reading read(byte[] utf8) {
        return reading(StrictJson.readObject(utf8, false));
    }

    /**
     * Reads a request body from text.
     *
     * @throws ValidationException with one {@value StrictJson#BODY} error when the text is not a JSON object
     */
    public static Reading read(String json) {
        return reading(StrictJson.readObject(json, false));
    }

    /**
     * Reads a request body into a draft.
     *
     * @throws ValidationException when the text is not a JSON object, has unknown fields, or a field has the wrong
     *     type; every such problem is listed (field {@value StrictJson#BODY} for problems with the document as a whole)
     */
    public static DailyLogDraft parse(String json) {
        return read(json).orThrow();
    }

    private static Reading reading(JsonNode object) {
        StrictJson.Fields f = StrictJson.bind(object, BODY_TYPES);
        return new Reading(draft(f, null), f.errors());
    }

    private static DailyLogDraft draft(StrictJson.Fields f, String entryId) {
        return new DailyLogDraft(f.text("title"), f.text("context"), f.text("category"), f.text("impact_level"),
                f.strings("tech_stack"), f.text("logged_date"), f.text("status"), f.text("metrics"),
                f.text("ticket_url"), entryId);
    }

    /**
     * Every error of a request body once, in field order: the shape errors of {@link #read}, and the validator's
     * errors of its draft except those about a field or item whose JSON type was already wrong (reported once).
     */
    public static List<FieldError> merge(List<FieldError> shape, List<FieldError> values) {
        Set<String> blamed = new HashSet<>();
        shape.forEach(e -> blamed.add(e.field()));
        List<FieldError> all = new ArrayList<>(shape);
        for (FieldError e : values) {
            if (!blamed.contains(e.field()) && !blamed.contains(baseField(e.field()))) {
                all.add(e);
            }
        }
        all.sort(Comparator.comparingInt((FieldError e) -> rank(e.field())).thenComparingInt(e -> index(e.field())));
        return all;
    }

    /** The position of a field in {@link #FIELDS}; fields not there come after, in the order they were found. */
    private static int rank(String field) {
        int i = FIELDS.indexOf(baseField(field));
        return i < 0 ? FIELDS.size() : i;
    }

    private static int index(String field) {
        int open = field.indexOf('[');
        if (open < 0 || !field.endsWith("]")) {
            return -1;
        }
        try {
            return Integer.parseInt(field.substring(open + 1, field.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String baseField(String field) {
        int bracket = field.indexOf('[');
        return bracket < 0 ? field : field.substring(0, bracket);
    }

    /**
     * A daily log as an entry: every field of the request body (absent ones as {@code null}) and its
     * {@code entry_id}, in documentation order. Answers and stored copies use this form; {@link #readEntry} reads it
     * back.
     */
    public static ObjectNode write(DailyLog log) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("title", log.title());
        n.put("context", log.context());
        n.put("category", log.category());
        n.put("impact_level", log.impactLevel().label());
        ArrayNode tech = n.putArray("tech_stack");
        log.techStack().forEach(tech::add);
        n.put("logged_date", log.loggedDate().toString());
        n.put("status", log.status());
        n.put("metrics", log.metrics());
        n.put("ticket_url", log.ticketUrl());
        n.put(ENTRY_ID, log.entryId());
        return n;
    }

    /**
     * Reads an entry written by {@link #write} (or by an earlier version, which left absent fields out) back into a
     * daily log, as it was: its values are not checked against the configured options again.
     *
     * @throws ValidationException when a field is unknown, of the wrong type, missing or not a valid value; every
     *     problem is listed
     */
    public static DailyLog readEntry(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            throw new ValidationException(List.of(new FieldError(StrictJson.BODY, "must be a JSON object, got "
                    + StrictJson.kind(entry))));
        }
        StrictJson.Fields f = StrictJson.bind(entry, ENTRY_TYPES);
        List<FieldError> errors = new ArrayList<>(f.errors());
        for (String required : List.of("title", "context", "category", "impact_level", "tech_stack", "logged_date",
                "status")) {
            if (!f.values().containsKey(required) && errors.stream().noneMatch(e -> e.field().equals(required))) {
                errors.add(new FieldError(required, "is required"));
            }
        }
        ImpactLevel impact = null;
        LocalDate date = null;
        if (errors.isEmpty()) {
            impact = ImpactLevel.parse(f.text("impact_level")).orElse(null);
            if (impact == null) {
                errors.add(new FieldError("impact_level", "must be one of High, Medium, Low"));
            }
            try {
                date = LocalDate.parse(f.text("logged_date"));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("logged_date", "must be a date as YYYY-MM-DD"));
            }
            if (f.strings("tech_stack").contains(null)) {
                errors.add(new FieldError("tech_stack", "must not hold null items"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            return new DailyLog(null, null, f.text("title"), f.text("context"), f.text("category"), impact,
                    f.strings("tech_stack"), date, f.text("status"), f.text("metrics"), f.text("ticket_url"),
                    f.text(ENTRY_ID));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new FieldError(ENTRY_ID, e.getMessage())));
        }
    }

    /**
     * The size in bytes of the draft as a compact request body (UTF-8 JSON, absent fields left out): what a client
     * would send for it. Cheap for ordinary entries: the exact size is only computed when a quick upper bound
     * exceeds {@link #MAX_BODY_BYTES}; below that the bound itself is returned.
     */
    public static long bodySize(DailyLogDraft d) {
        String[] values = {d.title(), d.context(), d.category(), d.impactLevel(), d.loggedDate(), d.status(),
            d.metrics(), d.ticketUrl()};
        long bound = 160; // braces, field names, quotes and commas of every field
        for (String v : values) {
            bound += v == null ? 0 : 6L * v.length(); // the worst case: every character escaped as backslash-u
        }
        if (d.techStack() != null) {
            for (String t : d.techStack()) {
                bound += 3 + (t == null ? 4 : 6L * t.length());
            }
        }
        if (bound <= MAX_BODY_BYTES) {
            return bound;
        }
        String[] names = {"title", "context", "category", "impact_level", "logged_date", "status", "metrics",
            "ticket_url"};
        CountingStream count = new CountingStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(count)) {
            g.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                if (values[i] != null) {
                    g.writeStringField(names[i], values[i]);
                }
            }
            if (d.techStack() != null) {
                g.writeArrayFieldStart("tech_stack");
                for (String t : d.techStack()) {
                    g.writeString(t);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a counting stream does not fail
        }
        return count.bytes;
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static Map<String, StrictJson.Type> types(boolean withEntryId) {
        Map<String, StrictJson.Type> m = new LinkedHashMap<>();
        for (String name : FIELDS) {
            m.put(name, name.equals("tech_stack") ? StrictJson.Type.STRING_ARRAY_KEEPING_NULLS : StrictJson.Type.STRING);
        }
        if (withEntryId) {
            m.put(ENTRY_ID, StrictJson.Type.STRING);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
