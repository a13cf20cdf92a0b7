package dev.worklog.backup;

import dev.worklog.internal.backup.Backup;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Backup#copy} did: one item per record it looked at, in the order it handled them (daily logs, then
 * weeks, then months), and warnings about what could not be copied exactly.
 *
 * @param source the source store's description
 * @param target the target store's description
 * @param items one per record read from the source
 * @param warnings relations that point outside the copy, roll-ups a store cannot hold, and similar
 */
public record BackupReport(String source, String target, List<Item> items, List<String> warnings) {
    public BackupReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** The kind of record. */
    public enum Kind { DAILY, WEEKLY, MONTHLY }

    /** What happened to one record. */
    public enum Action {
        /** Not in the target before; written now. */
        CREATED,
        /** The target held a different roll-up for the period; replaced. */
        UPDATED,
        /** The target already held an equal record; nothing written. */
        SKIPPED,
        /**
         * The target holds a daily log of the same date, title and category whose other fields differ (edited since
         * the last copy). Daily logs cannot be updated through the SPI, and writing a second one would duplicate the
         * day, so nothing is written and the difference is reported.
         */
        DIFFERS
    }

    /**
     * One record.
     *
     * @param kind daily, weekly or monthly
     * @param action what was done
     * @param label a human description ({@code 2026-11-17 'Cut p99 latency'}, {@code 2026-W47}, {@code 2026-11})
     * @param sourceId the record's id in the source
     * @param targetId its id in the target (the created or the matching record)
     */
    public record Item(Kind kind, Action action, String label, String sourceId, String targetId) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(label, "label");
        }
    }

    /** How many records of this kind had this outcome. */
    public long count(Kind kind, Action action) {
        return items.stream().filter(i -> i.kind() == kind && i.action() == action).count();
    }

    /** How many records had this outcome. */
    public long count(Action action) {
        return items.stream().filter(i -> i.action() == action).count();
    }

    /** Whether the copy wrote anything. */
    public boolean wroteAnything() {
        return count(Action.CREATED) + count(Action.UPDATED) > 0;
    }

    /** One line per kind, e.g. {@code daily logs: 12 created, 3 skipped}. */
    public List<String> summaryLines() {
        return List.of(line("daily logs", Kind.DAILY), line("weekly roll-ups", Kind.WEEKLY),
                line("monthly roll-ups", Kind.MONTHLY));
    }

    private String line(String name, Kind kind) {
        StringBuilder sb = new StringBuilder(name).append(": ");
        sb.append(count(kind, Action.CREATED)).append(" created, ");
        if (kind != Kind.DAILY) {
            sb.append(count(kind, Action.UPDATED)).append(" updated, ");
        }
        sb.append(count(kind, Action.SKIPPED)).append(" already there");
        if (kind == Kind.DAILY && count(kind, Action.DIFFERS) > 0) {
            sb.append(", ").append(count(kind, Action.DIFFERS)).append(" differ (not copied)");
        }
        return sb.toString();
    }
}
