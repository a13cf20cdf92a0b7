package dev.worklog.spi;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.http.Sleeper;
import dev.worklog.log.ExecutionLog;
import java.time.Clock;
import java.util.Objects;

/**
 * What a factory gets to build a provider or a repository: the configuration and the shared services, so that
 * tests can inject time and capture the execution log.
 *
 * @param config the configuration variables
 * @param clock the clock (retry dates, generated-at stamps)
 * @param sleeper how to wait between retries
 * @param executionLog where operational events such as {@code rate_limit_exceeded} are recorded
 */
public record SpiContext(WorkLogConfig config, Clock clock, Sleeper sleeper, ExecutionLog executionLog) {
    public SpiContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(executionLog, "executionLog");
    }

    /** The real clock and sleeper, no execution log: for simple embedding. */
    public static SpiContext of(WorkLogConfig config) {
        return new SpiContext(config, Clock.systemUTC(), Sleeper.system(), ExecutionLog.disabled());
    }
}
