package dev.worklog.rest.internal;

import dev.worklog.log.ExecutionLog;
import dev.worklog.log.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The progress of a long roll-up as the REST server shows it: one execution-log line every {@value #EVERY} items of a
 * task (a weekly over 111 logs read at Notion's 3 requests/s says four times that it is still reading), with the time
 * since the request began and, when there was any, the part of it spent waiting for the rate limit. The execution log
 * goes to the server's stdout, where the host shows it.
 */
public final class ProgressLines implements ProgressListener {
    /** Items between two lines. */
    public static final int EVERY = 25;

    private final ExecutionLog log;
    private final String component;
    private final String what;
    private final Clock clock;
    private final Instant started;

    /**
     * @param component the execution log's component ({@code weekly_processor}, ...)
     * @param what the run, e.g. {@code weekly roll-up 2026-W48 (2026-11-23 ~ 2026-11-29)}
     */
    public ProgressLines(ExecutionLog log, String component, String what, Clock clock) {
        this.log = log;
        this.component = component;
        this.what = what;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void onStep(Step step) {
        // each count is reported once, even when the readers report out of order
        if (step.done() == 0 || step.done() % EVERY != 0 || step.done() == step.total()) {
            return;
        }
        Duration elapsed = Duration.between(started, clock.instant());
        Duration wait = step.rateLimitWait();
        log.info(component, what + ": " + step.task() + " " + step.done() + "/" + step.total() + " ("
                + seconds(elapsed) + " s" + (wait.isZero() ? "" : ", " + seconds(wait) + " s of it waiting for the "
                        + "rate limit") + ")");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
