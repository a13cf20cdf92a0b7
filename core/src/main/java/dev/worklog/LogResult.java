package dev.worklog;

import dev.worklog.model.DailyLog;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of recording a daily log.
 *
 * @param log the entry; with its id and url when stored, without them after a check
 * @param stored whether it was written
 * @param warnings advice that did not block storing it (for example a missing STAR section)
 */
public record LogResult(DailyLog log, boolean stored, List<String> warnings) {
    public LogResult {
        Objects.requireNonNull(log, "log");
        warnings = List.copyOf(warnings);
    }
}
