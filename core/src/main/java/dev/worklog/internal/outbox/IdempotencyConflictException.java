package dev.worklog.internal.outbox;

import dev.worklog.error.NonRetryableException;
import java.util.Objects;

/**
 * An idempotency key could not be honoured: it was used before with a different entry, or a request with the same
 * key is still being processed. Following the IETF {@code Idempotency-Key} draft, the REST server answers 422 for
 * {@link Reason#MISMATCH} and 409 for {@link Reason#IN_PROGRESS}.
 */
public final class IdempotencyConflictException extends NonRetryableException {
    /** Why the key was refused. */
    public enum Reason {
        /** The key was first used with a different entry. */
        MISMATCH,
        /** A request with the same key has not finished yet. */
        IN_PROGRESS
    }

    private final Reason reason;

    public IdempotencyConflictException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason") == Reason.MISMATCH
                ? "this Idempotency-Key was already used with a different request body"
                : "a request with this Idempotency-Key is still being processed; retry later", null, null);
        this.reason = reason;
    }

    /** Why the key was refused. */
    public Reason reason() {
        return reason;
    }
}
