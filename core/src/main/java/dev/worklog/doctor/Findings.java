package dev.worklog.doctor;

import dev.worklog.internal.http.Redaction;
import java.util.Set;

/** How doctor words what it found: failures' messages on one line, and never a secret's value. */
final class Findings {
    private final Set<String> secrets;

    Findings(Set<String> secrets) {
        this.secrets = Set.copyOf(secrets);
    }

    /** A failure's message on one line, redacted; its class name when it has none. */
    String message(RuntimeException e) {
        String m = e.getMessage();
        return redact(m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " "));
    }

    String redact(String text) {
        return Redaction.redact(text, secrets);
    }

    /** A check contributed by a module, with anything secret in its texts masked. */
    Check redacted(Check c) {
        return new Check(c.name(), c.status(), redact(c.detail()), c.fix() == null ? null : redact(c.fix()));
    }
}
