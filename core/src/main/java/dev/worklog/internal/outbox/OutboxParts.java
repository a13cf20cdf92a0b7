package dev.worklog.internal.outbox;

import dev.worklog.log.ExecutionLog;
import dev.worklog.spi.WorkLogRepository;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the outbox's parts share: its folder, the store behind it, the queue files, the idempotency records, the clock
 * and the execution log.
 */
record OutboxParts(Path dir, WorkLogRepository store, OutboxQueue queue, IdempotencyStore idempotency, Clock clock,
        ExecutionLog executionLog) {
}
