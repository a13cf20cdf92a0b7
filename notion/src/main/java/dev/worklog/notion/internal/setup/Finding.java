package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One way a database differs from its spec.
 *
 * @param kind what differs
 * @param database the database's spec
 * @param property the property's spec
 * @param found the property as found, or a missing node when it is absent
 * @param missingOptions the select options it lacks (for {@link Kind#MISSING_OPTIONS})
 * @param repairable whether repair can fix it (its kind allows it, and a missing relation's target is known)
 * @param message one sentence naming the database, the property and what to change
 */
public record Finding(Kind kind, DatabaseSpec database, PropertySpec property, JsonNode found,
        List<String> missingOptions, boolean repairable, String message) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(found, "found");
        missingOptions = List.copyOf(Objects.requireNonNull(missingOptions, "missingOptions"));
        Objects.requireNonNull(message, "message");
    }

    /** What differs. */
    public enum Kind {
        /** A required property is absent: worklog cannot write it. */
        MISSING(true, true),
        /** An optional property is absent: it works, less well. */
        MISSING_OPTIONAL(false, true),
        /** A property has another type: converting could lose values, so it is left to a person. */
        WRONG_TYPE(true, false),
        /** A relation points at another database: left to a person. */
        WRONG_TARGET(true, false),
        /** A select lacks options that worklog writes. */
        MISSING_OPTIONS(true, true),
        /** A relation is one-way, so it holds at most 100 links through the API. */
        ONE_WAY(false, true);

        private final boolean problem;
        private final boolean repairable;

        Kind(boolean problem, boolean repairable) {
            this.problem = problem;
            this.repairable = repairable;
        }

        /** A problem (worklog fails or loses data) rather than a warning. */
        public boolean problem() {
            return problem;
        }

        /** Whether repair can fix this kind (a missing relation only when its target is known). */
        public boolean repairable() {
            return repairable;
        }
    }
}
