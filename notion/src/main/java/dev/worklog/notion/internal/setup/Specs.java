package dev.worklog.notion.internal.setup;

import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSchema.Property;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The databases worklog needs, as setup creates them and as repair and {@code verifySchema()} compare them: every
 * {@link Property} of each database under its configured name, the select options in the order worklog offers them,
 * the two relations two-way.
 *
 * <p><b>Adding a database</b> (a fourth one, say): give it a {@link Database} constant and its {@link Property}
 * constants, add it to {@link #ORDER} after the databases its relations point at, and name each relation's target in
 * {@link #TARGETS}. Setup then creates it, finds it again by its title, and repair and the schema check cover it.
 */
public final class Specs {
    /** The databases setup makes, in the order it makes them: a relation's target before the relation. */
    public static final List<Database> ORDER = List.of(Database.DAILY, Database.WEEKLY, Database.MONTHLY,
            Database.REVIEWS);

    /** Where each relation points. */
    private static final Map<Property, Database> TARGETS = new EnumMap<>(Map.of(
            Property.WEEKLY_SOURCE_LOGS, Database.DAILY,
            Property.MONTHLY_SOURCE_WEEKS, Database.WEEKLY));

    private static final List<String> CATEGORY_COLORS = List.of("blue", "green", "red", "purple", "gray", "orange",
            "brown", "yellow", "pink", "default");
    private static final List<String> IMPACT_COLORS = List.of("red", "yellow", "gray");
    private static final List<String> STATUS_COLORS = List.of("gray", "yellow", "green", "blue", "purple", "orange",
            "brown", "pink", "red", "default");

    private static final String WITHOUT_ENTRY_ID = "entry ids are kept in the page body instead, and finding an "
            + "entry reads the first block of each page with the same title and date; add the property (type Text) "
            + "for an exact lookup by property";

    private Specs() {
    }

    /** Every database in {@link #ORDER}, with the property names of {@code schema} and the options of {@code options}. */
    public static List<DatabaseSpec> of(NotionSchema schema, LogOptions options) {
        List<DatabaseSpec> out = new ArrayList<>();
        for (Database db : ORDER) {
            out.add(of(db, schema, options));
        }
        return List.copyOf(out);
    }

    /** One database's spec. */
    public static DatabaseSpec of(Database database, NotionSchema schema, LogOptions options) {
        List<PropertySpec> properties = new ArrayList<>();
        for (Property p : Property.values()) {
            if (p.database() == database) {
                properties.add(new PropertySpec(schema.name(p), p.defaultName(), p.variable(), p.type(),
                        options(p, options), TARGETS.get(p), p.optional(),
                        p == Property.DAILY_ENTRY_ID ? WITHOUT_ENTRY_ID : ""));
            }
        }
        return new DatabaseSpec(database, database.title(), properties);
    }

    private static List<PropertySpec.Option> options(Property p, LogOptions options) {
        switch (p) {
            case DAILY_CATEGORY:
                return colored(options.categories(), CATEGORY_COLORS);
            case DAILY_STATUS:
                return colored(options.statuses(), STATUS_COLORS);
            case DAILY_IMPACT: {
                List<String> levels = new ArrayList<>();
                for (ImpactLevel l : ImpactLevel.values()) {
                    levels.add(l.label());
                }
                return colored(levels, IMPACT_COLORS);
            }
            default:
                return List.of();
        }
    }

    private static List<PropertySpec.Option> colored(List<String> names, List<String> palette) {
        List<PropertySpec.Option> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new PropertySpec.Option(names.get(i), palette.get(i % palette.size())));
        }
        return out;
    }
}
