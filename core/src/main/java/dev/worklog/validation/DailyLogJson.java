package dev.worklog.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.Json;
import dev.worklog.model.DailyLogDraft;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a daily log in the REST body's shape (DESIGN.md, {@code POST /daily-logs}) into a {@link DailyLogDraft}:
 * snake_case fields {@code title}, {@code context}, {@code category}, {@code impact_level}, {@code tech_stack},
 * {@code logged_date}, {@code status}, {@code metrics}, {@code ticket_url}. Every app that accepts that body (the
 * REST server, the CLI's {@code --json}) reads it here, so they accept and reject exactly the same documents.
 *
 * <p>This checks the document's shape only; the values are checked by {@link DailyLogValidator} (through
 * {@code WorkLogger.log} or {@code check}). Unknown fields are rejected by name rather than ignored, because a
 * misspelt optional field ({@code ticketUrl}) would otherwise be dropped without a word. A JSON {@code null} means
 * the field is absent.
 *
 * <pre>{@code
 * DailyLogDraft draft = DailyLogJson.parse("{\"title\":\"...\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\"]}");
 * }</pre>
 */
public final class DailyLogJson {
    /**
     * The largest body accepted: 1 MiB. The REST server refuses a larger request body (413); the validator refuses
     * an entry that would make a larger body, so the CLI and the SDK accept no more than the server.
     */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** The field names the body may have, in documentation order. */
    public static final Set<String> FIELDS = Set.of("title", "context", "category", "impact_level", "tech_stack",
            "logged_date", "status", "metrics", "ticket_url");
    private static final List<String> ORDER = List.of("title", "context", "category", "impact_level", "tech_stack",
            "logged_date", "status", "metrics", "ticket_url");

    private DailyLogJson() {
    }

    /**
     * Parses a JSON document into a draft.
     *
     * @throws ValidationException when the text is not a JSON object, has unknown fields, or a field has the wrong
     *     type; every such problem is listed (field {@code body} for problems with the document as a whole)
     */
    public static DailyLogDraft parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new ValidationException(List.of(new FieldError("body", "is not valid JSON: "
                    + e.getOriginalMessage() + locationOf(e))));
        }
        if (root == null || root.isMissingNode()) {
            throw new ValidationException(List.of(new FieldError("body", "is empty; expected a JSON object")));
        }
        if (!root.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object, got "
                    + kind(root))));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known field; known fields are " + String.join(", ", ORDER)));
            }
        }
        DailyLogDraft draft = DailyLogDraft.builder()
                .title(text(root, "title", errors))
                .context(text(root, "context", errors))
                .category(text(root, "category", errors))
                .impactLevel(text(root, "impact_level", errors))
                .techStack(list(root, "tech_stack", errors))
                .loggedDate(text(root, "logged_date", errors))
                .status(text(root, "status", errors))
                .metrics(text(root, "metrics", errors))
                .ticketUrl(text(root, "ticket_url", errors))
                .build();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return draft;
    }

    /**
     * The size in bytes of the draft as a compact REST body (UTF-8 JSON, absent fields left out): what a client
     * would send for it. Cheap for ordinary entries: the exact size is only computed when a quick upper bound
     * exceeds {@link #MAX_BODY_BYTES}; below that the bound itself is returned.
     */
    static long bodySize(DailyLogDraft d) {
        long bound = 160; // braces, field names, quotes and commas of every field
        for (String v : new String[] {d.title(), d.context(), d.category(), d.impactLevel(), d.loggedDate(),
            d.status(), d.metrics(), d.ticketUrl()}) {
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
        CountingStream count = new CountingStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = Json.MAPPER.getFactory().createGenerator(count)) {
            g.writeStartObject();
            String[] names = {"title", "context", "category", "impact_level", "logged_date", "status", "metrics",
                "ticket_url"};
            String[] values = {d.title(), d.context(), d.category(), d.impactLevel(), d.loggedDate(), d.status(),
                d.metrics(), d.ticketUrl()};
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a counting stream does not fail
        }
        return count.bytes;
    }

    private static final class CountingStream extends java.io.OutputStream {
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

    private static String text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string, got " + kind(node)));
            return null;
        }
        return node.textValue();
    }

    private static List<String> list(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be an array of strings, got " + kind(node)));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else if (item.isNull()) {
                out.add(null); // kept so that the validator names the empty item by index
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string, got " + kind(item)));
            }
        }
        return out;
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isTextual()) {
            return "a string";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
