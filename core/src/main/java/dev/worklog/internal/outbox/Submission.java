package dev.worklog.internal.outbox;

import dev.worklog.model.StoredRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a daily log handed to {@link Outbox#submit}.
 *
 * @param status whether it reached the store or waits in the outbox
 * @param ref where the store put it; {@code null} while queued
 * @param queueId the outbox entry's id; {@code null} when it went straight to the store
 * @param replayed whether this is the remembered result of an earlier request with the same idempotency key
 * @param entryId the entry id the log was stored or queued under (see {@link dev.worklog.model.EntryIds}), or
 *     {@code null} when a record written by an older version does not say
 */
public record Submission(Status status, StoredRef ref, String queueId, boolean replayed, String entryId) {
    /** Where the entry is. */
    public enum Status {
        /** In the store. */
        STORED,
        /** On disk in the outbox, to be delivered later. */
        QUEUED
    }

    public Submission {
        Objects.requireNonNull(status, "status");
        if (status == Status.STORED) {
            Objects.requireNonNull(ref, "ref");
        } else {
            Objects.requireNonNull(queueId, "queueId");
        }
    }

    /** A result without an entry id. */
    public Submission(Status status, StoredRef ref, String queueId, boolean replayed) {
        this(status, ref, queueId, replayed, null);
    }

    /** Stored now. */
    public static Submission stored(StoredRef ref) {
        return new Submission(Status.STORED, ref, null, false, null);
    }

    /** Queued under {@code queueId}. */
    public static Submission queued(String queueId) {
        return new Submission(Status.QUEUED, null, queueId, false, null);
    }

    /** This result for the entry with {@code id}. */
    Submission withEntryId(String id) {
        return new Submission(status, ref, queueId, replayed, id);
    }

    /** The store's reference, once stored. */
    public Optional<StoredRef> storedRef() {
        return Optional.ofNullable(ref);
    }

    /** This result marked as a replay of an earlier one. */
    Submission asReplay() {
        return new Submission(status, ref, queueId, true, entryId);
    }
}
