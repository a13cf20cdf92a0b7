package dev.worklog.notion;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NotionWorkLogRepository#verifySchema()} found: every problem of the three databases, each with its
 * fix, and what works but could be better (an optional property that is missing). No problems means the databases
 * are ready.
 *
 * @param problems one sentence each, naming the database, the property and what to change
 * @param warnings one sentence each: what works without a change but is better with one
 */
public record SchemaReport(List<String> problems, List<String> warnings) {
    public SchemaReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** A report of problems only. */
    public SchemaReport(List<String> problems) {
        this(problems, List.of());
    }

    /** Whether nothing is wrong. */
    public boolean isOk() {
        return problems.isEmpty();
    }

    /** One message listing every problem (and then every warning), or a line saying all is well. */
    public String message() {
        if (problems.isEmpty()) {
            String ok = "The Notion databases match the expected schema.";
            return warnings.isEmpty() ? ok : ok + warningLines();
        }
        StringBuilder sb = new StringBuilder("The Notion databases need ").append(problems.size())
                .append(problems.size() == 1 ? " change:" : " changes:");
        for (String p : problems) {
            sb.append("\n - ").append(p);
        }
        return sb.append(warnings.isEmpty() ? "" : warningLines()).toString();
    }

    private String warningLines() {
        StringBuilder sb = new StringBuilder();
        for (String w : warnings) {
            sb.append("\n - warning: ").append(w);
        }
        return sb.toString();
    }
}
