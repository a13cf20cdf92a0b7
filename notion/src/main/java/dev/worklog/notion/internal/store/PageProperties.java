package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.notion.internal.blocks.RichText;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code properties} object of a page create or update, written property by property in the shape Notion
 * takes each type; the counterpart of {@link PageValues}, which reads them.
 */
public final class PageProperties {
    private final ObjectNode properties = Json.MAPPER.createObjectNode();

    /** The object written so far. */
    public ObjectNode build() {
        return properties;
    }

    /** A title property. */
    public PageProperties title(String name, String text) {
        properties.putObject(name).set("title", RichText.plainArray(text));
        return this;
    }

    /** A rich-text property, within Notion's limits. */
    public PageProperties text(String name, String text) {
        properties.putObject(name).set("rich_text", RichText.plainArray(text));
        return this;
    }

    /** A date property holding a day. */
    public PageProperties date(String name, LocalDate day) {
        properties.putObject(name).putObject("date").put("start", day.toString());
        return this;
    }

    /** A date property holding an instant, to the second. */
    public PageProperties date(String name, Instant instant) {
        properties.putObject(name).putObject("date").put("start", PageValues.stamp(instant));
        return this;
    }

    /** A select property. */
    public PageProperties select(String name, String option) {
        properties.putObject(name).putObject("select").put("name", option);
        return this;
    }

    /** A multi-select property, each option once. */
    public PageProperties multiSelect(String name, Collection<String> options) {
        ArrayNode array = properties.putObject(name).putArray("multi_select");
        new LinkedHashSet<>(options).forEach(o -> array.addObject().put("name", o));
        return this;
    }

    /** A URL property ({@code null} clears it). */
    public PageProperties url(String name, String url) {
        properties.putObject(name).put("url", url);
        return this;
    }

    /** A relation property holding the first {@value Relations#PER_REQUEST} distinct ids. */
    public PageProperties relation(String name, List<String> ids) {
        properties.set(name, Relations.value(ids));
        return this;
    }
}
