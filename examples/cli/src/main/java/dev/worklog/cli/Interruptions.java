package dev.worklog.cli;

import dev.worklog.log.ExecutionLog;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl+C into a {@code CANCELLED} line in the execution log. The JVM already exits with 130 on SIGINT; what it
 * cannot know is which operation was cut short, so each command registers the operation it is running and a
 * shutdown hook logs it if the process ends while it is still pending. A normal exit clears it first.
 */
final class Interruptions {
    private static final AtomicReference<Pending> PENDING = new AtomicReference<>();
    private static volatile boolean installed;

    private record Pending(ExecutionLog log, String component, String what, PrintWriter err) {
    }

    private Interruptions() {
    }

    /** Installs the shutdown hook once per process. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Pending p = PENDING.getAndSet(null);
            if (p != null) {
                p.log().cancelled(p.component(),
                        p.what() + ": interrupted (Ctrl+C or a termination signal) before it finished");
                p.err().println();
                p.err().println("cancelled");
                p.err().flush();
            }
        }, "worklog-cancel"));
    }

    /** Marks an operation as running: if the process is interrupted now, it is logged as cancelled. */
    static void begin(ExecutionLog log, String component, String what, PrintWriter err) {
        PENDING.set(new Pending(log, component, what, err));
    }

    /** The operation finished (or failed, or was cancelled and logged): an interruption no longer concerns it. */
    static void end() {
        PENDING.set(null);
    }
}
