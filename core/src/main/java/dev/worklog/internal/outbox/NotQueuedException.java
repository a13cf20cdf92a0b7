package dev.worklog.internal.outbox;

import dev.worklog.error.RetryableException;
import dev.worklog.error.WorkLogException;
import java.time.Duration;
import java.util.Objects;

/**
 * The store could not take an entry now, and the outbox's folder is not durable (AWS Lambda, a tmpfs, a container's
 * own layer), so the entry was neither stored nor queued: the REST API answers 503 with {@code Retry-After}, and the
 * client's retry with the same {@code Idempotency-Key} is the durable path.
 */
public final class NotQueuedException extends RetryableException {
    private final Duration retryAfter;

    /**
     * @param reason why the store could not take it
     * @param retryAfter how long the client should wait before retrying
     * @param cause the store's failure
     */
    public NotQueuedException(String reason, Duration retryAfter, WorkLogException cause) {
        super("the store is unavailable (" + reason + ") and this server's outbox is not durable, so nothing was "
                + "stored or queued; retry with the same Idempotency-Key", cause.upstream().orElse(null), cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the client should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
