package dev.worklog.cli;

import dev.worklog.log.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress of a long command drawn on one line of stderr, redrawn in place: {@code reading daily logs 40/111 · 14 s ·
 * 9 s waiting for the rate limit}. Only on a terminal and without {@code --quiet} ({@link #of}); in a pipe or a file
 * nothing is drawn, so output stays clean. The line is cleared before the command prints its result.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {
    /** Redraws closer together than this are skipped (a finished task is always drawn). */
    private static final Duration REDRAW = Duration.ofMillis(100);

    private final PrintWriter err;
    private final Clock clock;
    private final Instant started;
    private Instant drawnAt = Instant.MIN;
    private int width;

    private TerminalProgress(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** A listener drawing on {@code main}'s stderr when it is a terminal and not quiet; else one that ignores all. */
    static TerminalProgress of(Main main) {
        return new TerminalProgress(main.io().isTerminal() && !main.quiet ? main.io().err() : null, Clock.systemUTC());
    }

    /** For tests: draws on {@code err} with {@code clock}. */
    static TerminalProgress drawingOn(PrintWriter err, Clock clock) {
        return new TerminalProgress(err, clock);
    }

    @Override
    public synchronized void onStep(Step step) {
        if (err == null) {
            return;
        }
        Instant now = clock.instant();
        if (!step.finished() && step.done() != 0 && Duration.between(drawnAt, now).compareTo(REDRAW) < 0) {
            return;
        }
        drawnAt = now;
        String line = line(step, Duration.between(started, now));
        // pad with spaces over the longer line drawn before, then return to the line's start
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + "\r");
        err.flush();
        width = line.length();
    }

    /** The line for a step: the task, items done of all (when more than one), elapsed, and a dominating wait. */
    static String line(Step step, Duration elapsed) {
        StringBuilder s = new StringBuilder(step.task());
        if (step.total() > 1 || step.done() > 1) {
            s.append(' ').append(step.done()).append('/').append(step.total());
        }
        s.append(" · ").append(seconds(elapsed)).append(" s");
        Duration wait = step.rateLimitWait();
        if (!wait.isZero() && wait.multipliedBy(2).compareTo(elapsed) >= 0) {
            s.append(" · ").append(seconds(wait)).append(" s waiting for the rate limit");
        }
        return s.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%d", d.toSeconds());
    }

    /** Clears the line, so that the command's own output starts on a clean line. */
    @Override
    public synchronized void close() {
        if (err != null && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
