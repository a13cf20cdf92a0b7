package dev.worklog.notion;

import static dev.worklog.notion.NotionSchema.Type.DATE;
import static dev.worklog.notion.NotionSchema.Type.MULTI_SELECT;
import static dev.worklog.notion.NotionSchema.Type.RELATION;
import static dev.worklog.notion.NotionSchema.Type.RICH_TEXT;
import static dev.worklog.notion.NotionSchema.Type.SELECT;
import static dev.worklog.notion.NotionSchema.Type.TITLE;
import static dev.worklog.notion.NotionSchema.Type.URL;

import dev.worklog.config.WorkLogConfig;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The property names worklog reads and writes in the Notion databases (three, and an optional fourth for review
 * packets). The defaults are those of the
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
    /** The three databases of the design, and the optional one for review packets. */
    public enum Database {
        /** Daily Work Logs: a page per daily log ({@code NOTION_DB1_ID}). */
        DAILY,
        /** Weekly Achievements: a page per week's roll-up ({@code NOTION_DB2_ID}). */
        WEEKLY,
        /** Monthly Highlights: a page per month's roll-up ({@code NOTION_DB3_ID}). */
        MONTHLY,
        /**
         * Review Packets: a page per review period ({@code NOTION_DB4_ID}). Optional: without it a packet is kept as
         * a page under the page that holds the monthly database.
         */
        REVIEWS;

        /** The variable that holds the database's id: {@code NOTION_DB1_ID} to {@code NOTION_DB4_ID}. */
        public String variable() {
            return "NOTION_DB" + (ordinal() + 1) + "_ID";
        }

        /** The database's name in the design, e.g. {@code Daily Work Logs}. */
        public String title() {
            return switch (this) {
                case DAILY -> "Daily Work Logs";
                case WEEKLY -> "Weekly Achievements";
                case MONTHLY -> "Monthly Highlights";
                case REVIEWS -> "Review Packets";
            };
        }

        /** Whether the store works without it: the schema check and doctor check it only when its id is set. */
        public boolean optional() {
            return this == REVIEWS;
        }
    }

    /** The Notion property types worklog reads and writes. */
    enum Type {
        TITLE, DATE, SELECT, MULTI_SELECT, RICH_TEXT, URL, RELATION;

        /** As Notion spells it, e.g. {@code multi_select}. */
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One property of one database (the one its name starts with), with its default name and its Notion type.
     */
    public enum Property {
        /** Daily log title ({@code title}). */
        DAILY_TITLE("Name", TITLE),
        /** Day of the work, written as YYYY-MM-DD ({@code date}). */
        DAILY_DATE("Logged Date", DATE),
        /** Category ({@code select}). */
        DAILY_CATEGORY("Category", SELECT),
        /** High, Medium or Low ({@code select}). */
        DAILY_IMPACT("Impact Level", SELECT),
        /** Technologies ({@code multi_select}). */
        DAILY_TECH_STACK("Tech Stack", MULTI_SELECT),
        /** Status ({@code select}). */
        DAILY_STATUS("Status", SELECT),
        /** Measurable results ({@code rich_text}). */
        DAILY_METRICS("Metrics", RICH_TEXT),
        /** Ticket link ({@code url}). */
        DAILY_TICKET_URL("Ticket URL", URL),
        /**
         * The entry's identity ({@code rich_text}), so that "did this create land?" is an exact lookup. Optional:
         * without it the id rides on the page body (see {@link NotionWorkLogRepository}).
         */
        DAILY_ENTRY_ID("Entry ID", RICH_TEXT, true),
        /** Weekly roll-up title ({@code title}). */
        WEEKLY_TITLE("Title", TITLE),
        /** First day of the week ({@code date}). */
        WEEKLY_START("Period Start", DATE),
        /** Last day of the week ({@code date}). */
        WEEKLY_END("Period End", DATE),
        /** Up to three highlights, one a line ({@code rich_text}). */
        WEEKLY_HIGHLIGHTS("Key Highlights", RICH_TEXT),
        /** When the roll-up was made ({@code date}). */
        WEEKLY_GENERATED_AT("Generated At", DATE),
        /** The week's daily logs ({@code relation} to the daily database). */
        WEEKLY_SOURCE_LOGS("Source Logs", RELATION),
        /** Monthly roll-up title ({@code title}). */
        MONTHLY_TITLE("Title", TITLE),
        /** First day of the month ({@code date}). */
        MONTHLY_MONTH("Year-Month", DATE),
        /** When the roll-up was made ({@code date}). */
        MONTHLY_GENERATED_AT("Generated At", DATE),
        /** The weekly roll-ups overlapping the month ({@code relation} to the weekly database). */
        MONTHLY_SOURCE_WEEKS("Source Weeks", RELATION),
        /** Counts over the month's daily logs ({@code rich_text}). */
        MONTHLY_STATS("Stats", RICH_TEXT),
        /** Review packet title ({@code title}). */
        REVIEWS_TITLE("Title", TITLE),
        /** The period's label, e.g. {@code 2026-Q4}: what a packet is found by ({@code rich_text}). */
        REVIEWS_PERIOD("Period", RICH_TEXT),
        /** First day of the period ({@code date}). */
        REVIEWS_START("Period Start", DATE),
        /** Last day of the period ({@code date}). */
        REVIEWS_END("Period End", DATE),
        /** When the packet was made ({@code date}). */
        REVIEWS_GENERATED_AT("Generated At", DATE);

        private final Database database;
        private final String defaultName;
        private final Type type;
        private final boolean optional;

        Property(String defaultName, Type type) {
            this(defaultName, type, false);
        }

        Property(String defaultName, Type type, boolean optional) {
            this.database = Database.valueOf(name().substring(0, name().indexOf('_')));
            this.defaultName = defaultName;
            this.type = type;
            this.optional = optional;
        }

        /** Whether a database may lack it: its absence is a warning, not a problem. */
        public boolean optional() {
            return optional;
        }

        /** The database that has it. */
        public Database database() {
            return database;
        }

        /** The name in databases made for the original system. */
        public String defaultName() {
            return defaultName;
        }

        /** The Notion property type expected, e.g. {@code select}. */
        public String type() {
            return type.wire();
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
            Optional<String> name = config.get(p.variable());
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
