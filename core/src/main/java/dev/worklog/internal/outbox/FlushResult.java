package dev.worklog.internal.outbox;

import java.util.List;

/**
 * The outcome of {@link Outbox#flush()}.
 *
 * @param delivered entries now in the store, with the id the store gave them
 * @param remaining entries still pending (the store is still unreachable)
 * @param failed entries the store refused for good during this flush, moved to {@code failed/}
 */
public record FlushResult(List<Delivered> delivered, List<OutboxEntry> remaining, List<OutboxEntry> failed) {
    public FlushResult {
        delivered = List.copyOf(delivered);
        remaining = List.copyOf(remaining);
        failed = List.copyOf(failed);
    }

    /**
     * One delivered entry.
     *
     * @param queueId the outbox id it had
     * @param pageId the store's id
     * @param url the store's link
     */
    public record Delivered(String queueId, String pageId, String url) {
    }
}
