package dev.worklog.spi;

/**
 * Creates a {@link WorkLogRepository} by name ({@code local}, {@code notion}); registered in
 * {@code META-INF/services/dev.worklog.spi.WorkLogRepositoryFactory} and selected by {@code WORKLOG_STORE}.
 */
public interface WorkLogRepositoryFactory {
    /** The name {@code WORKLOG_STORE} selects this store by. */
    String name();

    /**
     * Builds the repository, checking its configuration now.
     *
     * @throws dev.worklog.error.ConfigurationException naming the variable when one is missing or invalid
     */
    WorkLogRepository create(SpiContext context);
}
