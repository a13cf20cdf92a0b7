package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.setup.Finding.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a database's schema differs from its {@link DatabaseSpec}: every property missing or of another type, every
 * relation pointing elsewhere or one-way, every select option missing. Each finding's message says what to change;
 * {@code verifySchema()} lists them, repair fixes the repairable ones.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * The findings for one database, in the order of its properties.
     *
     * @param spec what it should be
     * @param schema what it is: an object with {@code properties}
     * @param targets the databases relations should point at
     */
    public static List<Finding> compare(DatabaseSpec spec, JsonNode schema, Targets targets) {
        List<Finding> out = new ArrayList<>();
        for (PropertySpec p : spec.properties()) {
            compare(spec, p, schema.path("properties").path(p.name()), targets, out);
        }
        return out;
    }

    private static void compare(DatabaseSpec spec, PropertySpec p, JsonNode found, Targets targets,
            List<Finding> out) {
        String where = spec.title() + ": ";
        if (found.isMissingNode()) {
            if (p.optional()) {
                out.add(finding(Kind.MISSING_OPTIONAL, spec, p, found, true, where + "no property '" + p.name()
                        + "' (" + p.type() + "): " + p.withoutIt()));
                return;
            }
            boolean repairable = p.target() == null || targets.id(p.target()).isPresent();
            out.add(finding(Kind.MISSING, spec, p, found, repairable, where + "add the property '" + p.name()
                    + "' of type " + p.type() + (p.renamed() ? " (renamed by " + p.variable() + ")" : "")
                    + ", or set " + p.variable() + " to the name your database uses"));
            return;
        }
        String type = found.path("type").asText();
        if (!type.equals(p.type())) {
            out.add(finding(Kind.WRONG_TYPE, spec, p, found, false, where + "property '" + p.name() + "' is of type "
                    + type + "; change it to " + p.type() + " in Notion (the property's menu > Edit property > Type; "
                    + "worklog never converts a property, which could lose its values), or set " + p.variable()
                    + " to the name of a " + p.type() + " property"));
            return;
        }
        if (p.target() != null) {
            relation(spec, p, found, targets, out);
        }
        List<String> missing = missingOptions(p, found);
        if (!missing.isEmpty()) {
            out.add(new Finding(Kind.MISSING_OPTIONS, spec, p, found, missing, true, where + "add the option"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " to the select property '"
                    + p.name() + "'"));
        }
    }

    private static void relation(DatabaseSpec spec, PropertySpec p, JsonNode found, Targets targets,
            List<Finding> out) {
        JsonNode relation = found.path("relation");
        Database target = p.target();
        Optional<Boolean> pointsAt = targets.pointsAt(relation, target);
        if (pointsAt.isPresent() && !pointsAt.get()) {
            out.add(finding(Kind.WRONG_TARGET, spec, p, found, false, spec.title() + ": relation '" + p.name()
                    + "' points to another database; point it at the " + target.title() + " database ("
                    + target.variable() + ")"));
            return;
        }
        if (!"dual_property".equals(relation.path("type").asText("dual_property"))) {
            out.add(finding(Kind.ONE_WAY, spec, p, found, true, spec.title() + ": relation '" + p.name()
                    + "' is one-way: Notion takes at most 100 links per request, and only a two-way relation "
                    + "lets worklog link more (a busy week's logs) from the other side; make it two-way (in Notion: "
                    + "the relation's settings > Show on " + target.title() + ")"));
        }
    }

    private static List<String> missingOptions(PropertySpec p, JsonNode found) {
        Set<String> have = new LinkedHashSet<>();
        found.path(p.type()).path("options").forEach(o -> have.add(o.path("name").asText()));
        List<String> missing = new ArrayList<>();
        for (String wanted : p.optionNames()) {
            if (!have.contains(wanted)) {
                missing.add(wanted);
            }
        }
        return missing;
    }

    private static Finding finding(Kind kind, DatabaseSpec spec, PropertySpec p, JsonNode found, boolean repairable,
            String message) {
        return new Finding(kind, spec, p, found, List.of(), repairable, message);
    }
}
