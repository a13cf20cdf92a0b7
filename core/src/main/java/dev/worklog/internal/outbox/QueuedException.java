package dev.worklog.internal.outbox;

import dev.worklog.error.WorkLogException;
import java.util.Objects;

/**
 * Not a failure: the store was unreachable, so the entry was written to the outbox and will be delivered later.
 * Thrown by {@link Outbox#saveDailyLog} because that method must return a stored reference and has none yet; code
 * that knows about the outbox calls {@link Outbox#submit} instead and gets a {@link Submission}.
 *
 * <p>{@link #isRetryable()} is {@code false} on purpose: trying again would store the entry twice.
 */
public final class QueuedException extends WorkLogException {
    private final String queueId;

    /**
     * @param queueId the outbox entry's id
     * @param cause why the store could not take it now
     */
    public QueuedException(String queueId, Throwable cause) {
        super("the store is unreachable; the entry is queued in the outbox as " + queueId
                + " and will be delivered when the store is back", null, cause);
        this.queueId = Objects.requireNonNull(queueId, "queueId");
    }

    /** The outbox entry's id, as {@link Outbox#pending()} lists it. */
    public String queueId() {
        return queueId;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
