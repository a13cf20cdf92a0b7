package dev.worklog.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.store.LocalStoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A markdown file with a front-matter header: {@code key: value} lines between two {@code ---} fences, then the
 * body. Every string value is written as a JSON string on one line, so no value can ever contain a line that looks
 * like a fence; that is what lets the body hold anything, {@code ---} lines included.
 *
 * <p>Values are read back leniently so that a person can edit them by hand: a value starting with {@code "},
 * {@code [} or <code>{</code> is JSON, {@code null} (or nothing) is absent, anything else is the trimmed text.
 */
public final class FrontMatterFile {
    public static final String FENCE = "---";
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> raw;
    private final String body;
    private final Path file;

    private FrontMatterFile(Path file, Map<String, String> raw, String body) {
        this.file = file;
        this.raw = raw;
        this.body = body;
    }

    /** Writes a header and a body; the body is followed by one newline, which {@link #parse} removes again. */
    public static final class Writer {
        private final StringBuilder text = new StringBuilder(FENCE).append('\n');

        public Writer put(String key, String value) {
            if (value != null) {
                text.append(key).append(": ").append(Json.write(value)).append('\n');
            }
            return this;
        }

        /** A value that never needs quoting: an id, a date, a number, an enum label. */
        public Writer putBare(String key, Object value) {
            if (value != null) {
                text.append(key).append(": ").append(value).append('\n');
            }
            return this;
        }

        public Writer putJson(String key, Object value) {
            text.append(key).append(": ").append(Json.write(value)).append('\n');
            return this;
        }

        public String withBody(String body) {
            // POSIX editors add a final newline; writing it ourselves keeps the body unchanged when they do
            return text.append(FENCE).append('\n').append(body).append('\n').toString();
        }
    }

    public static Writer writer() {
        return new Writer();
    }

    /**
     * Splits a file's text into header and body.
     *
     * @throws LocalStoreException naming the file when there is no header or a header line is malformed
     */
    public static FrontMatterFile parse(Path file, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int lineStart = 0;
        int lineNo = 0;
        Map<String, String> raw = new LinkedHashMap<>();
        boolean opened = false;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            if (nl < 0) {
                throw corrupt(file, opened ? "the front matter has no closing '---' line"
                        : "the file does not start with a '---' front-matter line", null);
            }
            String line = stripCr(text.substring(lineStart, nl));
            lineNo++;
            lineStart = nl + 1;
            if (!opened) {
                if (!line.strip().equals(FENCE)) {
                    throw corrupt(file, "the file does not start with a '---' front-matter line", null);
                }
                opened = true;
                continue;
            }
            if (line.strip().equals(FENCE)) {
                String body = text.substring(lineStart);
                // the store writes LF fences; a CRLF fence means an editor converted the whole file, final newline too
                boolean crlfFile = text.charAt(nl - 1) == '\r';
                if (crlfFile && body.endsWith("\r\n")) {
                    body = body.substring(0, body.length() - 2);
                } else if (body.endsWith("\n")) {
                    body = body.substring(0, body.length() - 1);
                }
                return new FrontMatterFile(file, raw, body);
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!KEY.matcher(key).matches()) {
                throw corrupt(file, "front-matter line " + lineNo + " is not 'key: value': " + shorten(line), null);
            }
            raw.put(key, line.substring(colon + 1).strip());
        }
        throw corrupt(file, "the front matter has no closing '---' line", null);
    }

    public String body() {
        return body;
    }

    /** A text value, or {@code null} when absent. */
    public String text(String key) {
        String v = raw.get(key);
        if (v == null || v.isEmpty() || v.equals("null")) {
            return null;
        }
        if (v.startsWith("\"")) {
            JsonNode node = json(key, v);
            if (!node.isTextual()) {
                throw corrupt(file, "front-matter key '" + key + "' must be a string", null);
            }
            return node.textValue();
        }
        return v;
    }

    public String requireText(String key) {
        String v = text(key);
        if (v == null) {
            throw corrupt(file, "front-matter key '" + key + "' is missing", null);
        }
        return v;
    }

    public LocalDate requireDate(String key) {
        String v = requireText(key);
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw corrupt(file, "front-matter key '" + key + "' must be a date as YYYY-MM-DD, got '" + shorten(v) + "'", e);
        }
    }

    public YearMonth requireMonth(String key) {
        String v = requireText(key);
        try {
            return YearMonth.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw corrupt(file, "front-matter key '" + key + "' must be a month as YYYY-MM, got '" + shorten(v) + "'", e);
        }
    }

    public Instant instant(String key) {
        String v = text(key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw corrupt(file, "front-matter key '" + key + "' must be an instant such as 2026-11-24T09:30:00Z", e);
        }
    }

    public long longValue(String key, long fallback) {
        String v = text(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw corrupt(file, "front-matter key '" + key + "' must be a whole number, got '" + shorten(v) + "'", e);
        }
    }

    /** A JSON array of strings, or comma-separated bare text; absent means empty. */
    public List<String> stringList(String key) {
        String v = raw.get(key);
        if (v == null || v.isEmpty() || v.equals("null")) {
            return List.of();
        }
        if (!v.startsWith("[")) {
            // a person may write "tech_stack: Java, Redis"; list items never hold commas (Notion forbids them)
            List<String> out = new ArrayList<>();
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        JsonNode node = json(key, v);
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw corrupt(file, "front-matter key '" + key + "' must hold strings only", null);
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A JSON value read as the given type. */
    public <T> T requireJson(String key, TypeReference<T> type) {
        String v = raw.get(key);
        if (v == null || v.isEmpty() || v.equals("null")) {
            throw corrupt(file, "front-matter key '" + key + "' is missing", null);
        }
        try {
            return Json.MAPPER.readValue(v, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw corrupt(file, "front-matter key '" + key + "' is not valid: "
                    + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                            : e.getMessage()), e);
        }
    }

    private JsonNode json(String key, String v) {
        try {
            return Json.MAPPER.readTree(v);
        } catch (JsonProcessingException e) {
            throw corrupt(file, "front-matter key '" + key + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static LocalStoreException corrupt(Path file, String problem, Throwable cause) {
        return new LocalStoreException(file, "cannot read " + file + ": " + problem
                + ". Fix or move the file; the local store does not skip unreadable files", cause);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
