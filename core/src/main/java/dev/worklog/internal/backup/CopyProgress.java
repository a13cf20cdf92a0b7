package dev.worklog.internal.backup;

import dev.worklog.backup.BackupReport.Kind;
import dev.worklog.log.ProgressListener;

/** A copy's progress: records handled of each kind, out of those read from the source. */
final class CopyProgress {
    private final ProgressListener listener;
    private final int[] done = new int[Kind.values().length];
    private final int[] total = new int[Kind.values().length];

    CopyProgress(ProgressListener listener) {
        this.listener = listener;
    }

    /** The source holds {@code count} records of this kind to copy. */
    void expect(Kind kind, int count) {
        total[kind.ordinal()] = count;
        done[kind.ordinal()] = 0;
        listener.onStep(new ProgressListener.Step(task(kind), 0, count));
    }

    /** One more record of this kind was handled (copied, skipped or found different). */
    void handled(Kind kind) {
        int i = kind.ordinal();
        if (done[i] < total[i]) {
            done[i]++;
            listener.onStep(new ProgressListener.Step(task(kind), done[i], total[i]));
        }
    }

    static String task(Kind kind) {
        return switch (kind) {
            case DAILY -> "copying daily logs";
            case WEEKLY -> "copying weekly roll-ups";
            case MONTHLY -> "copying monthly roll-ups";
        };
    }
}
