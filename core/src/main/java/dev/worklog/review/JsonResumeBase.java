package dev.worklog.review;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.review.JsonResume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The JSON Resume document a packet's achievements are added to: your {@code resume.json}, whose {@code work}
 * entries name your employers and roles with their dates. {@link ReviewExport#jsonResume} puts each achievement in
 * the highlights of the role its dates fall in; everything else in the document is kept as it is.
 *
 * <pre>{@code
 * JsonResumeBase base = JsonResumeBase.read(Path.of("resume.json"));
 * String resume = ReviewExport.jsonResume(packet, base);
 * }</pre>
 */
public final class JsonResumeBase {
    private static final JsonResumeBase NONE = new JsonResumeBase("{}", 0);

    private final String json;
    private final int roles;

    private JsonResumeBase(String json, int roles) {
        this.json = json;
        this.roles = roles;
    }

    /** No document: the export holds one work entry, for the period, without employer or role. */
    public static JsonResumeBase none() {
        return NONE;
    }

    /**
     * A JSON Resume document.
     *
     * @throws IllegalArgumentException when the text is not a JSON object, {@code work} is not a list of objects,
     *     or a role's {@code startDate} or {@code endDate} is not {@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}
     */
    public static JsonResumeBase parse(String json) {
        Objects.requireNonNull(json, "json");
        return new JsonResumeBase(json, JsonResume.checkBase(json));
    }

    /**
     * Reads a JSON Resume file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or is not such a document
     */
    public static JsonResumeBase read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JSON Resume file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The document {@code WORKLOG_RESUME_FILE} names, or {@link #none()} when it is unset.
     *
     * @throws ConfigurationException naming the variable when the file cannot be used
     */
    public static JsonResumeBase fromConfig(WorkLogConfig config) {
        return config.get(ConfigKeys.WORKLOG_RESUME_FILE).map(file -> {
            try {
                return read(Path.of(file));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_RESUME_FILE + ": " + e.getMessage(), e);
            }
        }).orElse(NONE);
    }

    /** The document's text. */
    public String json() {
        return json;
    }

    /** How many roles ({@code work} entries) the document has. */
    public int roles() {
        return roles;
    }

    @Override
    public String toString() {
        return "JsonResumeBase{" + roles + " roles}";
    }
}
