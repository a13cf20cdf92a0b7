package dev.worklog.server.bench;

import dev.worklog.outbox.InMemoryWorkLogRepository;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;

/**
 * {@code WORKLOG_STORE=memory}: a zero-latency store that counts and forgets, so the benchmark measures the server
 * and not a disk or Notion. Registered only on the test classpath.
 */
public final class MemoryStoreFactory implements WorkLogRepositoryFactory {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public WorkLogRepository create(SpiContext context) {
        return new InMemoryWorkLogRepository().discardLogs();
    }
}
