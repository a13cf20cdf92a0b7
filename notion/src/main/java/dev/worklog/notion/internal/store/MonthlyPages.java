package dev.worklog.notion.internal.store;

import static dev.worklog.notion.NotionSchema.Property.MONTHLY_GENERATED_AT;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_MONTH;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_SOURCE_WEEKS;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_STATS;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.internal.blocks.PageBodies;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monthly roll-up as a page of the Monthly Highlights database: found by the first day of its month, its body
 * core's {@link RollupMarkdown}, its statistics a line of text ({@link MonthlyStats#describe()}) read back here.
 *
 * @param schema the property names
 * @param relations reads the relation to the month's weeks
 * @param clock stands in for a generation time nothing on the page gives
 */
public record MonthlyPages(NotionSchema schema, Relations relations, Clock clock)
        implements RollupPages<MonthlyRollup, YearMonth> {

    @Override
    public ObjectNode pageFilter(YearMonth month) {
        return Filters.date(name(MONTHLY_MONTH), "equals", month.atDay(1).toString());
    }

    @Override
    public ObjectNode overlapFilter(Period overlapping) {
        return Filters.and(
                Filters.date(name(MONTHLY_MONTH), "on_or_after", overlapping.start().withDayOfMonth(1).toString()),
                Filters.date(name(MONTHLY_MONTH), "on_or_before", overlapping.end().toString()));
    }

    @Override
    public ArrayNode overlapSorts() {
        return Filters.ascending(name(MONTHLY_MONTH));
    }

    @Override
    public MonthlyRollup read(JsonNode page, List<JsonNode> body) {
        LocalDate first = PageValues.date(page, name(MONTHLY_MONTH))
                .orElseThrow(() -> PageValues.missingDate(Database.MONTHLY, page, name(MONTHLY_TITLE), name(MONTHLY_MONTH)));
        Instant generatedAt = PageValues.instant(PageValues.dateText(page, name(MONTHLY_GENERATED_AT)), page, clock);
        List<String> weeks = relations.ids(page, MONTHLY_SOURCE_WEEKS);
        MonthlyStats stats = parseStats(PageValues.text(page, name(MONTHLY_STATS)), weeks.size());
        return RollupMarkdown.readMonthly(PageValues.id(page), PageValues.url(page), YearMonth.from(first),
                PageValues.title(page, name(MONTHLY_TITLE)), PageBodies.rollup(body), stats, weeks, generatedAt);
    }

    /** The roll-up as a rerun would read it back: its body and statistics as Notion would give them. */
    @Override
    public MonthlyRollup asStored(MonthlyRollup rollup) {
        return RollupMarkdown.readMonthly(rollup.id(), rollup.url(), rollup.month(), rollup.title(),
                PageBodies.asStored(markdown(rollup)),
                parseStats(rollup.stats().describe(), rollup.sourceWeekIds().size()), rollup.sourceWeekIds(),
                rollup.generation().generatedAt());
    }

    @Override
    public String markdown(MonthlyRollup rollup) {
        return RollupMarkdown.monthlyBody(rollup);
    }

    @Override
    public ObjectNode properties(MonthlyRollup rollup) {
        return new PageProperties()
                .title(name(MONTHLY_TITLE), rollup.title())
                .date(name(MONTHLY_MONTH), rollup.month().atDay(1))
                .date(name(MONTHLY_GENERATED_AT), rollup.generation().generatedAt())
                .text(name(MONTHLY_STATS), rollup.stats().describe())
                .relation(name(MONTHLY_SOURCE_WEEKS), rollup.sourceWeekIds())
                .build();
    }

    @Override
    public void linkOverflow(MonthlyRollup rollup, String pageId) {
        relations.linkOverflow(MONTHLY_SOURCE_WEEKS, pageId, rollup.sourceWeekIds());
    }

    /** Reads back {@link MonthlyStats#describe()}; category and tech names cannot hold commas in Notion. */
    static MonthlyStats parseStats(String text, int weeksFallback) {
        int total = 0;
        int weeks = weeksFallback;
        Map<String, Map<String, Integer>> maps = new LinkedHashMap<>();
        for (String part : text.split("\\s*\\|\\s*")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = part.substring(0, colon).strip();
            String value = part.substring(colon + 1).strip();
            try {
                if (key.equals("Logs")) {
                    total = Integer.parseInt(value);
                } else if (key.equals("Weeks")) {
                    weeks = Integer.parseInt(value);
                } else {
                    maps.put(key, counts(value));
                }
            } catch (NumberFormatException ignored) {
                // a hand-edited value: keep what can be read
            }
        }
        return new MonthlyStats(total, weeks, maps.getOrDefault("Category", Map.of()),
                maps.getOrDefault("Impact", Map.of()), maps.getOrDefault("Tech", Map.of()));
    }

    /** {@code "Java 3, Go 1"} as counts by name; {@code "-"} is none. */
    private static Map<String, Integer> counts(String value) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!value.equals("-")) {
            for (String entry : value.split(",\\s*")) {
                int space = entry.lastIndexOf(' ');
                if (space > 0) {
                    counts.put(entry.substring(0, space).strip(), Integer.parseInt(entry.substring(space + 1).strip()));
                }
            }
        }
        return counts;
    }

    private String name(Property p) {
        return schema.name(p);
    }
}
