package dev.worklog.notion.internal.setup;

import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.internal.client.DatabaseAdmin;
import java.util.List;
import java.util.Objects;

/**
 * What setup and repair work with: the calls, the databases worklog needs, and where changes are recorded.
 *
 * @param admin the calls that read, create and change databases
 * @param specs the databases, targets of relations first ({@link Specs#ORDER})
 * @param executionLog where each database created and each change made is recorded
 */
public record Workspace(DatabaseAdmin admin, List<DatabaseSpec> specs, ExecutionLog executionLog) {
    public Workspace {
        Objects.requireNonNull(admin, "admin");
        specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        Objects.requireNonNull(executionLog, "executionLog");
    }
}
