package dev.worklog.notion;

import dev.worklog.config.WorkLogConfig;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The property names worklog reads and writes in the three Notion databases. The defaults are those of the
 * databases made for the original system; rename any of them for databases that differ. Immutable.
 *
 * <pre>{@code
 * NotionSchema schema = NotionSchema.defaults().rename(NotionSchema.Property.DAILY_TITLE, "Task");
 * }</pre>
 *
 * <p>From the environment, {@code NOTION_PROPERTY_<PROPERTY>} renames one, e.g.
 * {@code NOTION_PROPERTY_DAILY_TITLE=Task}.
 */
public final class NotionSchema {
    /** One property of one database, with its default name and its Notion type. */
    public enum Property {
        /** Daily log title ({@code title}). */
        DAILY_TITLE(1, "Name", "title"),
        /** Day of the work, written as YYYY-MM-DD ({@code date}). */
        DAILY_DATE(1, "Logged Date", "date"),
        /** Category ({@code select}). */
        DAILY_CATEGORY(1, "Category", "select"),
        /** High, Medium or Low ({@code select}). */
        DAILY_IMPACT(1, "Impact Level", "select"),
        /** Technologies ({@code multi_select}). */
        DAILY_TECH_STACK(1, "Tech Stack", "multi_select"),
        /** Status ({@code select}). */
        DAILY_STATUS(1, "Status", "select"),
        /** Measurable results ({@code rich_text}). */
        DAILY_METRICS(1, "Metrics", "rich_text"),
        /** Ticket link ({@code url}). */
        DAILY_TICKET_URL(1, "Ticket URL", "url"),
        /**
         * The entry's identity ({@code rich_text}), so that "did this create land?" is an exact lookup. Optional:
         * without it the id rides on the page body (see {@link NotionWorkLogRepository}).
         */
        DAILY_ENTRY_ID(1, "Entry ID", "rich_text", true),
        /** Weekly roll-up title ({@code title}). */
        WEEKLY_TITLE(2, "Title", "title"),
        /** First day of the week ({@code date}). */
        WEEKLY_START(2, "Period Start", "date"),
        /** Last day of the week ({@code date}). */
        WEEKLY_END(2, "Period End", "date"),
        /** Up to three highlights, one a line ({@code rich_text}). */
        WEEKLY_HIGHLIGHTS(2, "Key Highlights", "rich_text"),
        /** When the roll-up was made ({@code date}). */
        WEEKLY_GENERATED_AT(2, "Generated At", "date"),
        /** The week's daily logs ({@code relation} to the daily database). */
        WEEKLY_SOURCE_LOGS(2, "Source Logs", "relation"),
        /** Monthly roll-up title ({@code title}). */
        MONTHLY_TITLE(3, "Title", "title"),
        /** First day of the month ({@code date}). */
        MONTHLY_MONTH(3, "Year-Month", "date"),
        /** When the roll-up was made ({@code date}). */
        MONTHLY_GENERATED_AT(3, "Generated At", "date"),
        /** The weekly roll-ups overlapping the month ({@code relation} to the weekly database). */
        MONTHLY_SOURCE_WEEKS(3, "Source Weeks", "relation"),
        /** Counts over the month's daily logs ({@code rich_text}). */
        MONTHLY_STATS(3, "Stats", "rich_text");

        private final int database;
        private final String defaultName;
        private final String type;
        private final boolean optional;

        Property(int database, String defaultName, String type) {
            this(database, defaultName, type, false);
        }

        Property(int database, String defaultName, String type, boolean optional) {
            this.database = database;
            this.defaultName = defaultName;
            this.type = type;
            this.optional = optional;
        }

        /** Whether a database may lack it: its absence is a warning, not a problem. */
        public boolean optional() {
            return optional;
        }

        /** 1 (daily logs), 2 (weekly) or 3 (monthly), as in {@code NOTION_DB1_ID}. */
        public int database() {
            return database;
        }

        /** The name in databases made for the original system. */
        public String defaultName() {
            return defaultName;
        }

        /** The Notion property type expected, e.g. {@code select}. */
        public String type() {
            return type;
        }

        /** The variable that renames it, e.g. {@code NOTION_PROPERTY_DAILY_TITLE}. */
        public String variable() {
            return "NOTION_PROPERTY_" + name();
        }
    }

    private static final NotionSchema DEFAULTS = new NotionSchema(new EnumMap<>(Property.class));

    private final Map<Property, String> names;

    private NotionSchema(Map<Property, String> names) {
        this.names = names;
    }

    /** Every property under its default name. */
    public static NotionSchema defaults() {
        return DEFAULTS;
    }

    /** The defaults with every {@code NOTION_PROPERTY_<PROPERTY>} variable applied. */
    public static NotionSchema fromConfig(WorkLogConfig config) {
        NotionSchema schema = defaults();
        for (Property p : Property.values()) {
            java.util.Optional<String> name = config.get(p.variable());
            if (name.isPresent()) {
                schema = schema.rename(p, name.get());
            }
        }
        return schema;
    }

    /**
     * A copy with one property renamed.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public NotionSchema rename(Property property, String name) {
        Objects.requireNonNull(property, "property");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the name of " + property + " must not be blank");
        }
        Map<Property, String> copy = new EnumMap<>(Property.class);
        copy.putAll(names);
        copy.put(property, name.strip());
        return new NotionSchema(copy);
    }

    /** The name used for a property. */
    public String name(Property property) {
        return names.getOrDefault(property, property.defaultName());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NotionSchema)) {
            return false;
        }
        for (Property p : Property.values()) {
            if (!name(p).equals(((NotionSchema) o).name(p))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Property p : Property.values()) {
            h = 31 * h + name(p).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NotionSchema{");
        for (Property p : Property.values()) {
            if (!name(p).equals(p.defaultName())) {
                sb.append(p.name().toLowerCase(Locale.ROOT)).append('=').append(name(p)).append(' ');
            }
        }
        return sb.toString().strip() + "}";
    }
}
