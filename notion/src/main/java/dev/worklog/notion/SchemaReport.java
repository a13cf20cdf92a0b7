package dev.worklog.notion;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NotionWorkLogRepository#verifySchema()} found: every problem of the three databases, each with its
 * fix. Empty means the databases are ready.
 *
 * @param problems one sentence each, naming the database, the property and what to change
 */
public record SchemaReport(List<String> problems) {
    public SchemaReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /** Whether nothing is wrong. */
    public boolean isOk() {
        return problems.isEmpty();
    }

    /** One message listing every problem, or a line saying all is well. */
    public String message() {
        if (problems.isEmpty()) {
            return "The Notion databases match the expected schema.";
        }
        StringBuilder sb = new StringBuilder("The Notion databases need ").append(problems.size())
                .append(problems.size() == 1 ? " change:" : " changes:");
        for (String p : problems) {
            sb.append("\n - ").append(p);
        }
        return sb.toString();
    }
}
