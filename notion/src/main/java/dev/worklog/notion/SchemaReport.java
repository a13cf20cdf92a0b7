package dev.worklog.notion;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NotionWorkLogRepository#verifySchema()} found: every problem of the databases, each with its
 * fix, and what works but could be better (an optional property that is missing). No problems means the databases
 * are ready.
 *
 * @param problems one sentence each, naming the database, the property and what to change
 * @param warnings one sentence each: what works without a change but is better with one
 * @param repairable the problems and warnings {@link NotionSetup#repair} fixes ({@code worklog setup notion
 *     --repair}): a missing property or select option, a one-way relation; the others need a person
 */
public record SchemaReport(List<String> problems, List<String> warnings, List<String> repairable) {
    public SchemaReport {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        repairable = List.copyOf(Objects.requireNonNull(repairable, "repairable"));
        for (String r : repairable) {
            if (!problems.contains(r) && !warnings.contains(r)) {
                throw new IllegalArgumentException("a repairable finding must be a problem or a warning: " + r);
            }
        }
    }

    /** A report of problems and warnings, none marked repairable. */
    public SchemaReport(List<String> problems, List<String> warnings) {
        this(problems, warnings, List.of());
    }

    /** A report of problems only. */
    public SchemaReport(List<String> problems) {
        this(problems, List.of());
    }

    /** Whether repair fixes this problem or warning. */
    public boolean isRepairable(String finding) {
        return repairable.contains(finding);
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
