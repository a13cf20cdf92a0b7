package dev.worklog.notion.internal.setup;

import dev.worklog.notion.NotionSchema.Database;
import java.util.List;
import java.util.Objects;

/**
 * One property a database should have.
 *
 * @param name the name it has (the default, or the one {@code variable} sets)
 * @param defaultName the name without renaming
 * @param variable the variable that renames it, e.g. {@code NOTION_PROPERTY_DAILY_TITLE}
 * @param type the Notion type, e.g. {@code select}
 * @param options a select's options in the order worklog offers them, each with the colour setup gives it
 * @param target a relation's target database, else null
 * @param optional whether a database may lack it (a warning rather than a problem)
 * @param withoutIt for an optional property: what works differently without it, and why to add it
 */
public record PropertySpec(String name, String defaultName, String variable, String type, List<Option> options,
        Database target, boolean optional, String withoutIt) {
    public PropertySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultName, "defaultName");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(type, "type");
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        if (type.equals("relation") != (target != null)) {
            throw new IllegalArgumentException("a relation, and only a relation, has a target: " + name);
        }
    }

    /** A select option and the colour setup gives it. */
    public record Option(String name, String color) {
        public Option {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(color, "color");
        }
    }

    /** Whether it is renamed from its default. */
    public boolean renamed() {
        return !name.equals(defaultName);
    }

    /** The option names, in order. */
    public List<String> optionNames() {
        return options.stream().map(Option::name).toList();
    }
}
