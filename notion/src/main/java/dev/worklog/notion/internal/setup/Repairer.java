package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.internal.Json;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.RepairPlan;
import dev.worklog.notion.RepairResult;
import dev.worklog.notion.internal.client.DatabaseAdmin;
import dev.worklog.notion.internal.client.NotionErrorReader;
import dev.worklog.notion.internal.setup.Finding.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Repairs existing databases without converting anything: adds missing properties and select options (the existing
 * options stay), and makes a one-way relation two-way (its links stay); a property of another type or a relation
 * pointing elsewhere is left to a person, with the fix. Additions to one database go in one request; each relation
 * made two-way in a request of its own, so that if Notion refuses it the additions still land. Afterwards the
 * databases are read again, and a change Notion did not make is reported with the fix by hand.
 */
public final class Repairer {
    private final Workspace workspace;

    /** Works on this workspace. */
    public Repairer(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** One change: a property's new configuration in one database. */
    private record Step(DatabaseSpec database, Finding finding, String change, ObjectNode config) {
        boolean ownRequest() {
            return finding.kind() == Kind.ONE_WAY;
        }
    }

    /** The steps and what is left to a person. */
    private record Plan(Map<Database, String> ids, List<Step> steps, List<String> manual) {
        RepairPlan describe() {
            return new RepairPlan(ids, steps.stream().map(Step::change).toList(), manual);
        }
    }

    /** What repair would do to the databases of these ids; nothing is changed. */
    public RepairPlan plan(Map<Database, String> ids) {
        return plan(ids, new EnumMap<>(Database.class)).describe();
    }

    /**
     * Applies {@code confirmed} if the databases still need exactly its changes, then reads them again.
     *
     * @throws dev.worklog.error.ConfigurationException when the databases changed since the plan was made
     */
    public RepairResult apply(RepairPlan confirmed) {
        Plan plan = plan(confirmed.databaseIds(), new EnumMap<>(Database.class));
        if (!plan.describe().changes().equals(confirmed.changes())) {
            throw new dev.worklog.error.ConfigurationException("the databases changed since the repair was planned; "
                    + "nothing was changed. Plan it again (run the command again) and confirm the new plan");
        }
        List<String> applied = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<Database, ObjectNode> additions = new LinkedHashMap<>();
        Map<Database, List<Step>> batched = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            if (!step.ownRequest()) {
                additions.computeIfAbsent(step.database().database(), d -> Json.MAPPER.createObjectNode())
                        .set(step.finding().property().name(), step.config());
                batched.computeIfAbsent(step.database().database(), d -> new ArrayList<>()).add(step);
            }
        }
        additions.forEach((db, properties) -> {
            workspace.admin().updateProperties(plan.ids().get(db), properties);
            batched.get(db).forEach(s -> record(s, applied));
        });
        for (Step step : plan.steps()) {
            if (step.ownRequest()) {
                ObjectNode one = Json.MAPPER.createObjectNode();
                one.set(step.finding().property().name(), step.config());
                try {
                    workspace.admin().updateProperties(plan.ids().get(step.database().database()), one);
                    record(step, applied);
                } catch (InvalidRequestException e) {
                    refused.add(step.change() + ": Notion refused it (" + e.getMessage() + "). " + byHand(step));
                }
            }
        }
        Plan after = plan(confirmed.databaseIds(), new EnumMap<>(Database.class));
        for (Step left : after.steps()) {
            int at = applied.indexOf(left.change());
            if (at >= 0) {
                applied.remove(at);
                refused.add(left.change() + ": Notion accepted the request but did not make the change. "
                        + byHand(left));
            }
        }
        return new RepairResult(applied, refused, plan.manual());
    }

    private void record(Step step, List<String> applied) {
        applied.add(step.change());
        workspace.executionLog().success(NotionErrorReader.SERVICE, "setup --repair: " + step.change());
    }

    private static String byHand(Step step) {
        return "By hand: " + step.finding().message();
    }

    private Plan plan(Map<Database, String> ids, Map<Database, JsonNode> schemas) {
        List<String> manual = new ArrayList<>();
        Targets targets = new Targets(workspace.admin().client(), db -> Optional.ofNullable(ids.get(db)));
        for (DatabaseSpec spec : workspace.specs()) {
            String id = ids.get(spec.database());
            if (id == null && spec.database().optional()) {
                continue; // the review database: without it, packets go under the monthly database's page
            }
            if (id == null) {
                manual.add(spec.variable() + " is not set: set it to the id of your " + spec.title() + " database, "
                        + "or create the databases with `worklog setup notion --parent <page>`");
                continue;
            }
            try {
                schemas.put(spec.database(), workspace.admin().client().retrieveSchema(id));
            } catch (NotFoundException | PermissionDeniedException e) {
                manual.add(spec.title() + " database (" + spec.variable() + "=" + id + ") cannot be read: check the "
                        + "id and share the database with the integration (database menu ••• > Connections > add "
                        + "the integration)");
            }
        }
        List<Step> steps = new ArrayList<>();
        for (DatabaseSpec spec : workspace.specs()) {
            JsonNode schema = schemas.get(spec.database());
            if (schema == null) {
                continue;
            }
            for (Finding f : SchemaDiff.compare(spec, schema, targets)) {
                Optional<Step> step = f.repairable() ? step(f, ids, schemas, targets) : Optional.empty();
                if (step.isPresent()) {
                    steps.add(step.get());
                } else {
                    manual.add(f.message());
                }
            }
        }
        return new Plan(ids, steps, manual);
    }

    /** The change that fixes a finding, worded for the person who confirms it; empty when it needs a person. */
    private Optional<Step> step(Finding f, Map<Database, String> ids, Map<Database, JsonNode> schemas,
            Targets targets) {
        PropertySpec p = f.property();
        String where = f.database().title() + ": ";
        switch (f.kind()) {
            case MISSING:
            case MISSING_OPTIONAL: {
                if (p.target() == null) {
                    String options = p.optionNames().isEmpty() ? "" : ", options " + String.join(", ",
                            p.optionNames());
                    return Optional.of(new Step(f.database(), f, where + "add the property '" + p.name() + "' ("
                            + p.type() + options + ")", PropertyConfigs.create(p, targets, null, null)));
                }
                JsonNode targetSchema = schemas.get(p.target());
                if (targetSchema == null) {
                    return Optional.empty();
                }
                String synced = PropertyConfigs.freeName(targetSchema, f.database().title(), p.name());
                return Optional.of(new Step(f.database(), f, where + "add the relation '" + p.name() + "' to "
                        + p.target().title() + ", two-way (" + p.target().title() + " gets a property '" + synced
                        + "')", PropertyConfigs.create(p, targets, ids.get(p.target()), synced)));
            }
            case MISSING_OPTIONS:
                return Optional.of(new Step(f.database(), f, where + "add the option"
                        + (f.missingOptions().size() == 1 ? " " : "s ") + String.join(", ", f.missingOptions())
                        + " to '" + p.name() + "' (the options it has stay as they are)",
                        PropertyConfigs.withOptions(p, f.found(), f.missingOptions())));
            case ONE_WAY: {
                JsonNode targetSchema = schemas.get(p.target());
                if (targetSchema == null) {
                    return Optional.empty();
                }
                String synced = PropertyConfigs.freeName(targetSchema, f.database().title(), p.name());
                return Optional.of(new Step(f.database(), f, where + "make the relation '" + p.name() + "' two-way: "
                        + p.target().title() + " gets a property '" + synced + "' showing the same links from its "
                        + "side (the links stay as they are)", PropertyConfigs.twoWay(f.found(), targets, synced)));
            }
            default:
                return Optional.empty();
        }
    }
}
