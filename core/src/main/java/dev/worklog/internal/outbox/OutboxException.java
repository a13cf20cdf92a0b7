package dev.worklog.internal.outbox;

import dev.worklog.error.NonRetryableException;

/**
 * The outbox folder cannot be read or written (disk full, permissions). When this is thrown by
 * {@link Outbox#submit}, the entry was neither stored nor queued: the caller must report a failure.
 */
public final class OutboxException extends NonRetryableException {
    public OutboxException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
