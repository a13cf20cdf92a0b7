package dev.worklog.internal.outbox;

import dev.worklog.model.DailyLog;
import java.time.Instant;
import java.util.Objects;

/**
 * One daily log waiting in (or given up by) the outbox.
 *
 * @param queueId the id, also the file name; ids sort in the order entries were accepted
 * @param acceptedAt when the outbox took it
 * @param log the entry, validated, as it will be stored
 * @param attempts delivery attempts made by this process since it opened the outbox
 * @param lastError why the last attempt failed, or {@code null}
 * @param failed whether the store refused it for good (it stays in {@code failed/} for a person to look at)
 */
public record OutboxEntry(String queueId, Instant acceptedAt, DailyLog log, int attempts, String lastError,
        boolean failed) {
    public OutboxEntry {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(log, "log");
    }
}
