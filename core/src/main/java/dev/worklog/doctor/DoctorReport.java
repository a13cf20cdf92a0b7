package dev.worklog.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link Doctor#run()} checked, in order.
 *
 * @param checks one per item of the checklist
 */
public record DoctorReport(List<Check> checks) {
    public DoctorReport {
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
    }

    /** Whether no check failed (warnings allowed). */
    public boolean healthy() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The failed checks. */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    /** The check of that name, if it ran. */
    public java.util.Optional<Check> find(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The checklist as text: one line per check ({@code [ok]}, {@code [warn]}, {@code [FAIL]}), the fix indented
     * under it, and a last line with the verdict. Plain ASCII markers, so that the output can be grepped and
     * pasted into an issue.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Check c : checks) {
            String mark = switch (c.status()) {
                case OK -> "[ok]  ";
                case WARN -> "[warn]";
                case FAIL -> "[FAIL]";
            };
            out.add(mark + " " + pad(c.name(), width) + "  " + c.detail());
            if (c.fix() != null && c.status() != Check.Status.OK) {
                out.add("       " + pad("", width) + "  fix: " + c.fix());
            }
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        out.add(failed == 0 ? "healthy: " + checks.size() + " checks passed"
                : failed + " of " + checks.size() + " checks failed");
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
