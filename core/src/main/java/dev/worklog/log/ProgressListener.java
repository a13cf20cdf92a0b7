package dev.worklog.log;

import java.time.Duration;
import java.util.Objects;

/**
 * Told how far a long run has got: a weekly or monthly roll-up reading a hundred pages from Notion, an export or an
 * import. Each {@link Step} names what is being done and how many of how many items are done; the CLI draws it on
 * a terminal, the REST server logs a line every 25 items. Runs call it from the threads that do the work (the Notion
 * store reads a few pages at a time), so implementations must be thread-safe; they must also be quick and must not
 * throw.
 *
 * <pre>{@code
 * logger.summarizeWeek(week, SummarizeOptions.defaults().withProgress(step ->
 *         System.err.println(step.task() + " " + step.done() + "/" + step.total())));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** One step of a run; called at least when a task starts and when it ends. */
    void onStep(Step step);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return step -> { };
    }

    /**
     * How far a task has got.
     *
     * @param task what is being done, e.g. {@code reading daily logs}
     * @param done items done so far, from 0 to {@code total}
     * @param total items in all; 1 for a task that is one long call (the model's answer)
     * @param rateLimitWait how long the task has waited for a rate limit so far (the Notion store's client-side
     *     limiter), as wall-clock time; zero when it did not wait or cannot tell
     */
    record Step(String task, int done, int total, Duration rateLimitWait) {
        public Step {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(rateLimitWait, "rateLimitWait");
            if (total < 0 || done < 0 || done > total) {
                throw new IllegalArgumentException("a step has 0 <= done <= total, got " + done + "/" + total);
            }
        }

        /** A step that waited for no rate limit. */
        public Step(String task, int done, int total) {
            this(task, done, total, Duration.ZERO);
        }

        /** Whether the task is over. */
        public boolean finished() {
            return done == total;
        }
    }
}
