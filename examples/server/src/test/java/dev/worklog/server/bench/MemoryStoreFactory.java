package dev.worklog.server.bench;

import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.testing.InMemoryWorkLogRepository;

/**
 * {@code WORKLOG_STORE=memory}: a zero-latency store that counts and forgets, so the benchmark measures the server
 * and not a disk or Notion. Not durable (the outbox keeps no intents for it) unless {@code WORKLOG_BENCH_DURABLE=true}.
 * Registered only on the test classpath.
 */
public final class MemoryStoreFactory implements WorkLogRepositoryFactory {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public WorkLogRepository create(SpiContext context) {
        InMemoryWorkLogRepository store = new InMemoryWorkLogRepository().discardLogs();
        // it forgets everything when the process ends, so the outbox keeps no write-ahead intents for it; set
        // WORKLOG_BENCH_DURABLE=true to measure the server with them (their fsync) as for a real store
        return "true".equals(context.config().get("WORKLOG_BENCH_DURABLE", "false")) ? store : store.forgetful();
    }
}
