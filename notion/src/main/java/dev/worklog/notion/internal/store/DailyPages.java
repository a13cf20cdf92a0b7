package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.DAILY_CATEGORY;
import static dev.worklog.notion.NotionSchema.Property.DAILY_DATE;
import static dev.worklog.notion.NotionSchema.Property.DAILY_IMPACT;
import static dev.worklog.notion.NotionSchema.Property.DAILY_METRICS;
import static dev.worklog.notion.NotionSchema.Property.DAILY_STATUS;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TECH_STACK;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TICKET_URL;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import dev.worklog.model.Period;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.internal.blocks.MarkdownToBlocks;
import dev.worklog.notion.internal.blocks.PageBodies;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A daily log as a page of the Daily Work Logs database and back: its properties, its body (the context under a
 * {@code Context} heading, as the design asks; reading drops that heading again, and the original system's), and the
 * query for a period's pages.
 *
 * @param schema the property names
 * @param options give the status a page without one reads as
 */
public record DailyPages(NotionSchema schema, LogOptions options) {
    /** The page's properties, the entry id aside (see {@link EntryLookup#write}). */
    public ObjectNode properties(DailyLog log) {
        return new PageProperties()
                .title(name(DAILY_TITLE), log.title())
                .date(name(DAILY_DATE), log.loggedDate())
                .select(name(DAILY_CATEGORY), log.category())
                .select(name(DAILY_IMPACT), log.impactLevel().label())
                .multiSelect(name(DAILY_TECH_STACK), log.techStack())
                .select(name(DAILY_STATUS), log.status())
                .text(name(DAILY_METRICS), log.metrics())
                .url(name(DAILY_TICKET_URL), log.ticketUrl())
                .build();
    }

    /** The heading the context sits under, a new block each time (the entry id may be marked on it). */
    public static ObjectNode contextHeading() {
        return MarkdownToBlocks.convert("## " + PageBodies.CONTEXT_HEADING).get(0);
    }

    /** The whole body: the heading given, then the context's blocks. */
    public static List<ObjectNode> body(ObjectNode heading, DailyLog log) {
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(heading);
        blocks.addAll(MarkdownToBlocks.convert(log.context()));
        return blocks;
    }

    /** The log a page holds, its body read as its context. */
    public DailyLog read(JsonNode page, List<JsonNode> body) {
        String id = PageValues.id(page);
        String impactText = PageValues.select(page, name(DAILY_IMPACT), "");
        ImpactLevel impact = ImpactLevel.parse(impactText).orElse(ImpactLevel.MEDIUM);
        List<String> tech = new ArrayList<>();
        PageValues.property(page, name(DAILY_TECH_STACK)).path("multi_select")
                .forEach(o -> tech.add(o.path("name").asText()));
        String ticket = PageValues.property(page, name(DAILY_TICKET_URL)).path("url").asText(null);
        return new DailyLog(id, PageValues.url(page), PageValues.title(page, name(DAILY_TITLE)),
                PageBodies.context(body), PageValues.select(page, name(DAILY_CATEGORY), ""), impact, tech,
                loggedDate(page), PageValues.select(page, name(DAILY_STATUS), options.defaultStatus()),
                PageValues.text(page, name(DAILY_METRICS)), ticket);
    }

    /** The day of the work; a page whose date was emptied by hand counts on the day it was made. */
    public LocalDate loggedDate(JsonNode page) {
        return PageValues.date(page, name(DAILY_DATE))
                .orElseGet(() -> LocalDate.parse(page.path("created_time").asText("1970-01-01").substring(0, 10)));
    }

    /** The period's pages of these statuses (any status when empty), by day and then as they were made. */
    public ObjectNode periodFilter(Period period, Set<String> statuses) {
        List<ObjectNode> and = new ArrayList<>();
        and.add(Filters.date(name(DAILY_DATE), "on_or_after", period.start().toString()));
        and.add(Filters.date(name(DAILY_DATE), "on_or_before", period.end().toString()));
        if (!statuses.isEmpty()) {
            List<ObjectNode> or = new ArrayList<>();
            for (String s : statuses) {
                or.add(Filters.condition(name(DAILY_STATUS), "select", "equals", s));
            }
            and.add(Filters.or(or));
        }
        return Filters.and(and);
    }

    /** The order {@link #periodFilter}'s pages are listed in. */
    public ArrayNode periodSorts() {
        return Filters.ascendingThenCreated(name(DAILY_DATE));
    }

    private String name(Property p) {
        return schema.name(p);
    }
}
