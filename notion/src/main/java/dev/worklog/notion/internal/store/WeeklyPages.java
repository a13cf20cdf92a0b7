package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.WEEKLY_END;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_GENERATED_AT;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_HIGHLIGHTS;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_SOURCE_LOGS;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_START;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.internal.blocks.PageBodies;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A weekly roll-up as a page of the Weekly Achievements database: found by its first and last day, its body core's
 * {@link RollupMarkdown}. A page not in that layout (the original system's: a title like {@code 2026년 11월 47주차},
 * {@code 🎯 주간 성과 요약} and one paragraph; or a page edited by hand) reads as its text, with a warning; never
 * as placeholders.
 *
 * @param schema the property names
 * @param relations reads the relation to the week's daily logs
 * @param clock stands in for a generation time nothing on the page gives
 */
public record WeeklyPages(NotionSchema schema, Relations relations, Clock clock)
        implements RollupPages<WeeklyRollup, Period> {

    @Override
    public ObjectNode pageFilter(Period week) {
        return Filters.and(Filters.date(name(WEEKLY_START), "equals", week.start().toString()),
                Filters.date(name(WEEKLY_END), "equals", week.end().toString()));
    }

    @Override
    public ObjectNode overlapFilter(Period overlapping) {
        return Filters.and(Filters.date(name(WEEKLY_START), "on_or_before", overlapping.end().toString()),
                Filters.date(name(WEEKLY_END), "on_or_after", overlapping.start().toString()));
    }

    @Override
    public ArrayNode overlapSorts() {
        return Filters.ascending(name(WEEKLY_START));
    }

    @Override
    public ObjectNode properties(WeeklyRollup rollup) {
        return new PageProperties()
                .title(name(WEEKLY_TITLE), rollup.title())
                .date(name(WEEKLY_START), rollup.period().start())
                .date(name(WEEKLY_END), rollup.period().end())
                .text(name(WEEKLY_HIGHLIGHTS), String.join("\n", rollup.keyHighlights()))
                .date(name(WEEKLY_GENERATED_AT), rollup.generation().generatedAt())
                .relation(name(WEEKLY_SOURCE_LOGS), rollup.sourceLogIds())
                .build();
    }

    @Override
    public String markdown(WeeklyRollup rollup) {
        return RollupMarkdown.weeklyBody(rollup);
    }

    @Override
    public void linkOverflow(WeeklyRollup rollup, String pageId) {
        relations.linkOverflow(WEEKLY_SOURCE_LOGS, pageId, rollup.sourceLogIds());
    }

    @Override
    public WeeklyRollup read(JsonNode page, List<JsonNode> body) {
        LocalDate start = PageValues.date(page, name(WEEKLY_START))
                .orElseThrow(() -> PageValues.missingDate(Database.WEEKLY, page, name(WEEKLY_TITLE), name(WEEKLY_START)));
        LocalDate end = PageValues.date(page, name(WEEKLY_END)).orElse(start.plusDays(6));
        Instant generatedAt = PageValues.instant(PageValues.dateText(page, name(WEEKLY_GENERATED_AT)), page, clock);
        Period period = new Period(start, end.isBefore(start) ? start : end);
        return RollupMarkdown.readWeekly(PageValues.id(page), PageValues.url(page), period,
                PageValues.title(page, name(WEEKLY_TITLE)), PageBodies.rollup(body),
                relations.ids(page, WEEKLY_SOURCE_LOGS), PageValues.lines(PageValues.text(page, name(WEEKLY_HIGHLIGHTS))),
                generatedAt);
    }

    @Override
    public WeeklyRollup asStored(WeeklyRollup rollup) {
        return RollupMarkdown.readWeekly(rollup.id(), rollup.url(), rollup.period(), rollup.title(),
                PageBodies.asStored(markdown(rollup)), rollup.sourceLogIds(), rollup.keyHighlights(),
                rollup.generation().generatedAt());
    }

    private String name(Property p) {
        return schema.name(p);
    }
}
