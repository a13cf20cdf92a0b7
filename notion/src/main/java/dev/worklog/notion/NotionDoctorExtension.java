package dev.worklog.notion;

import dev.worklog.doctor.Check;
import dev.worklog.doctor.DoctorExtension;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the Notion schema check to {@code worklog doctor}: {@link NotionWorkLogRepository#verifySchema()} over the
 * databases (the review database only when its id is set), one failed check per problem, each problem's own sentence as its fix, and a warning per
 * missing optional property or one-way relation; where {@code worklog setup notion --repair} can fix it, the fix
 * says so. Registered with
 * {@link java.util.ServiceLoader}; answers only for the Notion store.
 */
public final class NotionDoctorExtension implements DoctorExtension {
    /** The check's name in the checklist. */
    public static final String NAME = "Notion schema";
    /** The command that repairs what can be repaired. */
    public static final String REPAIR_COMMAND = "worklog setup notion --repair";

    private static final String REPAIR = "; or run `" + REPAIR_COMMAND + "`, which does it for you (it says what it "
            + "will change and asks first)";

    /** Used by {@link java.util.ServiceLoader}. */
    public NotionDoctorExtension() {
    }

    @Override
    public List<Check> checks(WorkLogRepository repository, SpiContext context) {
        if (!(repository instanceof NotionWorkLogRepository)) {
            return List.of();
        }
        SchemaReport report;
        try {
            report = ((NotionWorkLogRepository) repository).verifySchema();
        } catch (RuntimeException e) {
            if (!context.config().isSet(NotionRepositoryFactory.NOTION_DB2_ID)
                    || !context.config().isSet(NotionRepositoryFactory.NOTION_DB3_ID)) {
                // the relation checks need every database; the unset id is already a failed line above
                return List.of(Check.warn(NAME, "not checked until NOTION_DB1_ID, NOTION_DB2_ID and NOTION_DB3_ID "
                        + "are all set", "Set the missing database id, then run `worklog doctor` again"));
            }
            throw e;
        }
        List<Check> out = new ArrayList<>();
        for (String problem : report.problems()) {
            // an unset database id is already a failed line of its own (doctor's read of that database)
            if (problem.matches("NOTION_DB[123]_ID is not set.*")) {
                continue;
            }
            int colon = problem.indexOf(": ");
            String where = colon > 0 ? problem.substring(0, colon) : "a database";
            out.add(Check.fail(NAME, where + " does not match what worklog writes",
                    report.isRepairable(problem) ? problem + REPAIR : problem));
        }
        if (out.isEmpty()) {
            out.add(Check.ok(NAME, report.isOk() ? "The Notion databases match the expected schema."
                    : "the configured databases match (the others are reported above)"));
        }
        for (String warning : report.warnings()) {
            out.add(Check.warn(NAME, warning, report.isRepairable(warning) ? "Run `" + REPAIR_COMMAND + "`: it "
                    + "says what it will change and asks before changing anything" : "See the warning"));
        }
        return out;
    }
}
