package dev.worklog.doctor;

import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.util.List;

/**
 * Checks a store module adds to {@code worklog doctor}, such as the Notion module's schema check of its three
 * databases. Registered in {@code META-INF/services/dev.worklog.doctor.DoctorExtension}; every extension on the
 * classpath is asked about the configured store and answers only for stores it knows.
 */
public interface DoctorExtension {
    /**
     * The extra checks for this store.
     *
     * @param repository the configured store, already created
     * @param context the configuration and shared services
     * @return the checks, each failure with its fix; empty when this extension does not know the store
     */
    List<Check> checks(WorkLogRepository repository, SpiContext context);
}
