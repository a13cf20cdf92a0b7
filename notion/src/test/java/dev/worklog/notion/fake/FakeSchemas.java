package dev.worklog.notion.fake;

import static dev.worklog.notion.fake.FakeNotionServer.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.notion.fake.FakeNotionServer.Db;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Databases made and changed through the API, as Notion documents it: {@code POST /v1/databases} under a page
 * (properties in {@code initial_data_source} from 2025-09-03, at the top level before), {@code PATCH} of a data source
 * (2025-09-03 and later) or of a database (before) adding properties and select options and turning a one-way relation
 * two-way. Every request is checked whole before anything changes, so a refused one leaves the workspace as it was.
 *
 * <p>Where Notion's documents are silent the fake is strict, so that the client cannot come to rely on leniency:
 * the other version's shape is refused ({@code initial_data_source} before 2025-09-03, top-level {@code properties}
 * from then on; a relation's {@code database_id} from 2025-09-03, its {@code data_source_id} before), a synced
 * property name the related database already uses is refused, and a relation's target cannot be changed.
 */
final class FakeSchemas {
    /** The property types the API can create ({@code status} cannot be made through the API). */
    static final Set<String> TYPES = Set.of("title", "rich_text", "number", "select", "multi_select", "date",
            "people", "files", "checkbox", "url", "email", "phone_number", "formula", "relation", "rollup",
            "created_time", "created_by", "last_edited_time", "last_edited_by");
    /** Select option colours. */
    static final Set<String> COLORS = Set.of("default", "gray", "brown", "orange", "yellow", "green", "blue",
            "purple", "pink", "red");

    private final FakeNotionServer server;

    FakeSchemas(FakeNotionServer server) {
        this.server = server;
    }

    /** POST /v1/databases. */
    JsonNode createDatabase(JsonNode body, boolean dataSources) {
        JsonNode parent = body.path("parent");
        if (!"page_id".equals(parent.path("type").asText("page_id")) || !parent.path("page_id").isTextual()) {
            throw invalid("body.parent should be a page: {\"type\":\"page_id\",\"page_id\":...}; an integration "
                    + "creates databases under pages.");
        }
        String pageId = dashed(parent.path("page_id").asText());
        if (!server.isWorkspacePage(pageId)) {
            throw FakeNotionServer.notFound("page", pageId);
        }
        JsonNode title = body.path("title");
        if (!title.isMissingNode()) {
            server.checkRichText(title, "body.title");
        }
        JsonNode properties;
        if (dataSources) {
            if (body.has("properties")) {
                throw invalid("body.properties should be not present: from Notion-Version 2025-09-03 the properties "
                        + "of a new database go in body.initial_data_source.properties.");
            }
            properties = body.path("initial_data_source").path("properties");
        } else {
            if (body.has("initial_data_source")) {
                throw invalid("body.initial_data_source should be not present: it needs Notion-Version 2025-09-03 "
                        + "or later.");
            }
            properties = body.path("properties");
            if (!properties.isObject()) {
                throw invalid("body.properties should be defined, instead was `undefined`.");
            }
        }
        String where = dataSources ? "body.initial_data_source.properties" : "body.properties";
        String name = title.isMissingNode() ? "" : FakeNotionServer.plain(title);
        int titles = 0;
        Set<String> syncedNames = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String type = check(e.getKey(), e.getValue(), where + "." + e.getKey(), name, dataSources, syncedNames);
            titles += type.equals("title") ? 1 : 0;
        }
        if (titles != 1) {
            throw invalid(where + " should have exactly one title property, instead had " + titles + ".");
        }
        Db db = server.addDb(UUID.randomUUID().toString(), UUID.randomUUID().toString(), name);
        db.parentPageId = pageId;
        properties.properties().forEach(e -> add(db, e.getKey(), e.getValue(), dataSources));
        server.addChildDatabase(pageId, db);
        return server.databaseJson(db, dataSources);
    }

    /**
     * PATCH of a data source or a database: each entry adds a property, renames one ({@code name}), removes one
     * ({@code null}), replaces a select's options or turns a one-way relation two-way.
     */
    void updateProperties(Db db, JsonNode properties, boolean dataSources) {
        if (properties.isMissingNode()) {
            return;
        }
        if (!properties.isObject()) {
            throw invalid("body.properties should be an object.");
        }
        Set<String> syncedNames = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            String where = "body.properties." + e.getKey();
            String name = nameOf(db, e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                requireExisting(db, name, where);
                continue;
            }
            String type = typeOf(value);
            if (type == null) {
                requireExisting(db, name, where);
                if (!value.has("name")) {
                    throw invalid(where + " should name a property type, or give a new name.");
                }
                continue;
            }
            JsonNode existing = name == null ? null : db.properties.get(name);
            if (existing == null) {
                check(e.getKey(), value, where, db.title, dataSources, syncedNames);
            } else {
                checkChange(db, existing, value, type, where, dataSources, syncedNames);
            }
        }
        properties.properties().forEach(e -> apply(db, e.getKey(), e.getValue(), dataSources));
    }

    /** Turns a two-way relation one-way: the synced property leaves the related database, the links stay. */
    void makeOneWay(Db db, String property) {
        ObjectNode forward = (ObjectNode) db.properties.get(property);
        ObjectNode relation = (ObjectNode) forward.get("relation");
        Db target = server.db(relation.path("database_id").asText());
        target.properties.remove(relation.path("dual_property").path("synced_property_name").asText());
        relation.remove("dual_property");
        relation.put("type", "single_property");
        relation.putObject("single_property");
    }

    // ---------------------------------------------------------------- checks (nothing changes)

    /** Checks one new property's configuration; returns its type. */
    private String check(String name, JsonNode config, String where, String selfTitle, boolean dataSources,
            Set<String> syncedNames) {
        if (name.isBlank() || name.length() > 100) {
            throw invalid(where + ": a property name must be 1 to 100 characters.");
        }
        if (!config.isObject()) {
            throw invalid(where + " should be an object.");
        }
        String type = typeOf(config);
        if (type == null) {
            throw invalid(where + " should name a property type: one of " + String.join(", ", new java.util.TreeSet<>(
                    TYPES)) + (config.has("status") ? " (status properties cannot be created through the API)"
                    : "") + ".");
        }
        JsonNode settings = config.get(type);
        if (!settings.isObject()) {
            throw invalid(where + "." + type + " should be an object.");
        }
        if (type.equals("select") || type.equals("multi_select")) {
            Set<String> seen = new HashSet<>();
            for (JsonNode option : settings.path("options")) {
                checkNewOption(option, where + "." + type + ".options");
                if (!seen.add(option.path("name").asText())) {
                    throw invalid(where + "." + type + ".options: the option '" + option.path("name").asText()
                            + "' is given twice.");
                }
            }
        }
        if (type.equals("relation")) {
            checkRelation(name, settings, where + ".relation", selfTitle, dataSources, syncedNames);
        }
        return type;
    }

    private void checkRelation(String name, JsonNode relation, String where, String selfTitle, boolean dataSources,
            Set<String> syncedNames) {
        Db target = target(relation, where, dataSources);
        String kind = relation.path("type").asText("");
        if (!kind.equals("single_property") && !kind.equals("dual_property")) {
            throw invalid(where + ".type should be `single_property` or `dual_property`, instead was `" + kind
                    + "`.");
        }
        if (!relation.path(kind).isObject()) {
            throw invalid(where + "." + kind + " should be an object.");
        }
        if (kind.equals("dual_property")) {
            String synced = syncedName(relation, selfTitle, name);
            if (target.properties.has(synced) || !syncedNames.add(target.id + "\n" + synced)) {
                throw invalid(where + ".dual_property.synced_property_name: the related database already has a "
                        + "property named '" + synced + "'.");
            }
        }
    }

    /** A change to an existing property: allowed are new select options, a one-way relation made two-way, a type. */
    private void checkChange(Db db, JsonNode existing, JsonNode value, String type, String where,
            boolean dataSources, Set<String> syncedNames) {
        String current = existing.path("type").asText();
        if (!current.equals(type)) {
            if (current.equals("title")) {
                throw invalid(where + ": the title property's type cannot be changed.");
            }
            check(existing.path("name").asText(), value, where, db.title, dataSources, syncedNames);
            return;
        }
        if (type.equals("select") || type.equals("multi_select")) {
            replacedOptions(existing.path(type).path("options"), value.path(type).path("options"),
                    where + "." + type + ".options");
        }
        if (type.equals("relation")) {
            JsonNode now = existing.path("relation");
            JsonNode wanted = value.path("relation");
            Db target = target(wanted, where + ".relation", dataSources);
            if (!target.id.equals(now.path("database_id").asText())) {
                throw invalid(where + ".relation: the fake cannot change the database a relation points at.");
            }
            String kind = wanted.path("type").asText("");
            if (kind.equals("dual_property") && now.path("type").asText().equals("single_property")) {
                checkRelation(existing.path("name").asText(), wanted, where + ".relation", db.title, dataSources,
                        syncedNames);
            } else if (!kind.equals(now.path("type").asText())) {
                throw invalid(where + ".relation.type: the fake only turns one-way relations two-way.");
            }
        }
    }

    private Db target(JsonNode relation, String where, boolean dataSources) {
        if (dataSources) {
            if (!relation.hasNonNull("data_source_id")) {
                throw invalid(where + ".data_source_id should be defined: from Notion-Version 2025-09-03 a "
                        + "relation points at a data source.");
            }
            return server.dataSource(dashed(relation.get("data_source_id").asText()));
        }
        if (relation.has("data_source_id")) {
            throw invalid(where + ".data_source_id should be not present before Notion-Version 2025-09-03; use "
                    + "database_id.");
        }
        if (!relation.hasNonNull("database_id")) {
            throw invalid(where + ".database_id should be defined.");
        }
        return server.db(dashed(relation.get("database_id").asText()));
    }

    private static void checkNewOption(JsonNode option, String where) {
        String name = option.path("name").asText("");
        if (name.isEmpty()) {
            throw invalid(where + ": an option needs a name.");
        }
        if (name.contains(",")) {
            throw invalid(where + ".name should not contain commas.");
        }
        if (name.length() > 100) {
            throw invalid(where + ".name.length should be ≤ 100.");
        }
        if (option.has("color") && !COLORS.contains(option.get("color").asText())) {
            throw invalid(where + ".color should be one of " + String.join(", ", new java.util.TreeSet<>(COLORS))
                    + ", instead was `" + option.get("color").asText() + "`.");
        }
    }

    /**
     * The options after an update: the list sent replaces the list; an existing option is referred to by its id or
     * name and cannot be renamed or recoloured; an existing option left out is removed (as Notion documents).
     */
    private static ArrayNode replacedOptions(JsonNode current, JsonNode requested, String where) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (requested.isMissingNode()) {
            current.forEach(o -> out.add(o.deepCopy()));
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode o : requested) {
            JsonNode match = null;
            for (JsonNode c : current) {
                if (o.has("id") ? c.path("id").asText().equals(o.get("id").asText())
                        : c.path("name").asText().equals(o.path("name").asText())) {
                    match = c;
                }
            }
            if (o.has("id") && match == null) {
                throw invalid(where + ": no option with id " + o.get("id").asText() + ".");
            }
            if (match != null) {
                if (o.has("name") && !o.get("name").asText().equals(match.path("name").asText())
                        || o.has("color") && !o.get("color").asText().equals(match.path("color").asText())) {
                    throw invalid(where + ": the name and color of an existing option cannot be changed ('"
                            + match.path("name").asText() + "').");
                }
                out.add(match.deepCopy());
            } else {
                checkNewOption(o, where);
                out.addObject().put("id", UUID.randomUUID().toString().substring(0, 4))
                        .put("name", o.get("name").asText()).put("color", o.path("color").asText("default"));
            }
            if (!seen.add(out.get(out.size() - 1).path("name").asText())) {
                throw invalid(where + ": the option '" + o.path("name").asText() + "' is given twice.");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- changes (after every check passed)

    private void apply(Db db, String key, JsonNode value, boolean dataSources) {
        String name = nameOf(db, key);
        if (value.isNull()) {
            remove(db, name);
            return;
        }
        String type = typeOf(value);
        JsonNode existing = name == null ? null : db.properties.get(name);
        if (type == null) {
            rename(db, name, value.get("name").asText());
            return;
        }
        if (existing == null) {
            add(db, key, value, dataSources);
        } else if (!existing.path("type").asText().equals(type)) {
            remove(db, name); // a type change: Notion converts what it can; the fake starts the property afresh
            add(db, name, value, dataSources);
        } else if (type.equals("select") || type.equals("multi_select")) {
            ((ObjectNode) existing.get(type)).set("options", replacedOptions(existing.path(type).path("options"),
                    value.path(type).path("options"), ""));
        } else if (type.equals("relation") && value.path("relation").path("type").asText().equals("dual_property")
                && existing.path("relation").path("type").asText().equals("single_property")) {
            makeTwoWay(db, (ObjectNode) existing, server.db(existing.path("relation").path("database_id").asText()),
                    value.path("relation"));
        }
        if (value.has("name") && name != null && !value.get("name").asText().equals(name)) {
            rename(db, name, value.get("name").asText());
        }
    }

    /** Adds a property whose configuration was checked. */
    private void add(Db db, String name, JsonNode config, boolean dataSources) {
        String type = typeOf(config);
        if (type.equals("relation")) {
            addRelation(db, name, config.get("relation"), dataSources);
            return;
        }
        ObjectNode p = server.prop(db, name, type);
        if (type.equals("select") || type.equals("multi_select")) {
            ((ObjectNode) p.get(type)).set("options", replacedOptions(Json.MAPPER.createArrayNode(),
                    config.get(type).path("options"), ""));
        }
    }

    private void addRelation(Db db, String name, JsonNode relation, boolean dataSources) {
        Db target = target(relation, "", dataSources);
        ObjectNode forward = server.prop(db, name, "relation");
        String key = db.id + "\n" + name;
        if (relation.path("type").asText().equals("dual_property")) {
            forward.put("x_relation", key);
            makeTwoWay(db, forward, target, relation);
        } else {
            FakeNotionServer.fillRelation(forward, target, "single_property", "", "", key);
            ObjectNode r = (ObjectNode) forward.get("relation");
            r.remove("dual_property");
            r.putObject("single_property");
        }
        forward.put("x_relation", key);
        forward.put("x_side", "forward");
    }

    /**
     * Gives a relation its synced property in the related database; links made so far show on both sides from now
     * on (they are kept under the relation's key, and the new property reads the same key from the other side).
     */
    private void makeTwoWay(Db db, ObjectNode forward, Db target, JsonNode relation) {
        String name = forward.path("name").asText();
        String key = forward.path("x_relation").asText();
        String synced = syncedName(relation, db.title, name);
        ObjectNode reverse = server.prop(target, synced, "relation");
        FakeNotionServer.fillRelation(forward, target, "dual_property", synced, reverse.get("id").asText(), key);
        FakeNotionServer.fillRelation(reverse, db, "dual_property", name, forward.get("id").asText(), key);
        ((ObjectNode) forward.get("relation")).remove("single_property");
        forward.put("x_side", "forward");
        reverse.put("x_side", "reverse");
    }

    private void remove(Db db, String name) {
        JsonNode p = db.properties.remove(name);
        JsonNode relation = p == null ? null : p.path("relation");
        if (relation != null && relation.path("type").asText().equals("dual_property")) {
            Db other = server.db(relation.path("database_id").asText());
            other.properties.remove(relation.path("dual_property").path("synced_property_name").asText());
        }
    }

    private void rename(Db db, String from, String to) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        db.properties.properties().forEach(entries::add);
        db.properties.removeAll();
        for (Map.Entry<String, JsonNode> e : entries) {
            String name = e.getKey().equals(from) ? to : e.getKey();
            ((ObjectNode) e.getValue()).put("name", name);
            db.properties.set(name, e.getValue());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The type key of a property configuration ({@code {"select": {...}}} or with {@code "type"}), or null. */
    private static String typeOf(JsonNode config) {
        if (config.hasNonNull("type")) {
            String type = config.get("type").asText();
            return TYPES.contains(type) && config.has(type) ? type : null;
        }
        for (String type : TYPES) {
            if (config.has(type)) {
                return type;
            }
        }
        return null;
    }

    /** The property a PATCH key names: its name, or the name of the property with that id; null when new. */
    private static String nameOf(Db db, String key) {
        if (db.properties.has(key)) {
            return key;
        }
        for (Map.Entry<String, JsonNode> e : db.properties.properties()) {
            if (e.getValue().path("id").asText().equals(key)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static void requireExisting(Db db, String name, String where) {
        if (name == null) {
            throw invalid(where + ": no such property.");
        }
    }

    /** The synced property's name: as asked, or Notion's kind of default. */
    private static String syncedName(JsonNode relation, String selfTitle, String name) {
        String asked = relation.path("dual_property").path("synced_property_name").asText("");
        return asked.isBlank() ? "Related to " + selfTitle + " (" + name + ")" : asked;
    }

    /** An id as Notion shows it, with dashes (ids may be sent without). */
    static String dashed(String id) {
        String hex = id.replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            return id;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
