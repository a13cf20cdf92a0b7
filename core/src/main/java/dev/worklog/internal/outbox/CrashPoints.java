package dev.worklog.internal.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test hook for crash-safety tests: the process halts itself ({@link Runtime#halt}, as abrupt as
 * {@code kill -9}: no shutdown hooks, no flushing) when it reaches a named step of a create or a delivery. Off
 * unless the JVM is started with one of these system properties:
 *
 * <ul>
 * <li>{@code -Dworklog.crash.at=<step>}: halt at that step;</li>
 * <li>{@code -Dworklog.crash.file=<path>}: halt at the step named in that file when the step is reached (read each
 * time, so a test can arm one running process after the other; an absent or empty file means no crash).</li>
 * </ul>
 *
 * <p>The steps: {@code create.intent-recorded} (the intent is on disk, the store not called yet),
 * {@code create.stored} (the store confirmed, the idempotency record not yet completed),
 * {@code create.idempotency-recorded} (completed, the intent not yet marked done), {@code queue.pending-written}
 * (a failed create is on disk as pending, the intent not yet done), {@code deliver.started} (a pending entry was
 * read, the store not called), {@code deliver.stored} (the store confirmed a delivery, the idempotency record not
 * yet updated), {@code deliver.idempotency-recorded} (updated, the pending file not yet deleted). The moments in
 * the middle of a store call are reached by killing the process while the (fake) store holds the request.
 */
final class CrashPoints {
    private static final String AT = System.getProperty("worklog.crash.at");
    private static final String FILE = System.getProperty("worklog.crash.file");
    private static final boolean ENABLED = AT != null || FILE != null;

    private CrashPoints() {
    }

    /** Halts the process if it was told to crash at {@code step}. */
    static void reach(String step) {
        if (!ENABLED) {
            return;
        }
        if (step.equals(AT) || FILE != null && step.equals(armed())) {
            System.err.println("worklog: crash point " + step + " reached; halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private static String armed() {
        try {
            return Files.readString(Path.of(FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
