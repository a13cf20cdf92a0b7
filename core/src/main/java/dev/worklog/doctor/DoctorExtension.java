package dev.worklog.doctor;

import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.util.List;

/**
 * What a module adds to {@code worklog doctor}: checks of the configured store (the Notion module's schema check of
 * its three databases), checks of its own settings (the REST API's token), and the variables it reads, listed by
 * name. Registered in {@code META-INF/services/dev.worklog.doctor.DoctorExtension}; every extension on the classpath
 * is asked, and answers only about what it knows. How a fix for the module's store or provider is worded comes from
 * its factory ({@link dev.worklog.spi.DoctorAdvice}).
 */
public interface DoctorExtension {
    /**
     * The extra checks of this store, listed after the store's reads.
     *
     * @param repository the configured store, already created
     * @param context the configuration and shared services
     * @return the checks, each failure with its fix; empty when this extension does not know the store
     */
    List<Check> checks(WorkLogRepository repository, SpiContext context);

    /**
     * Checks of the module's own settings, listed last; the default has none.
     *
     * @param context the configuration and shared services
     */
    default List<Check> checks(SpiContext context) {
        return List.of();
    }

    /** The variables the module reads, listed by name (never by value) in the variables check; default none. */
    default List<String> variables() {
        return List.of();
    }
}
