package dev.worklog.doctor;

import java.util.Objects;

/**
 * One line of the doctor's checklist.
 *
 * @param name what was checked, e.g. {@code daily logs (NOTION_DB1_ID)}
 * @param status the outcome
 * @param detail what was found; never a secret's value
 * @param fix what to do, for {@link Status#FAIL} and {@link Status#WARN}; {@code null} when nothing is to be done
 */
public record Check(String name, Status status, String detail, String fix) {
    /** The outcome of a check. */
    public enum Status {
        /** Fine. */
        OK,
        /** Works, but worth attention (no API token, an unchecked provider). */
        WARN,
        /** Broken: some command will fail until it is fixed. */
        FAIL
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status == Status.FAIL && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a failed check needs a fix: " + name);
        }
    }

    /** A passed check. */
    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    /** A check that passed with a caveat. */
    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    /** A failed check and its fix. */
    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }

    /** Whether nothing needs fixing ({@link Status#OK} or {@link Status#WARN}). */
    public boolean ok() {
        return status != Status.FAIL;
    }
}
