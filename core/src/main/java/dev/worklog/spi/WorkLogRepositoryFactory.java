package dev.worklog.spi;

import dev.worklog.config.WorkLogConfig;
import java.util.List;

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

    /**
     * Whether the configuration chooses this store when {@code WORKLOG_STORE} is unset (the Notion store does when
     * its key is set); the first store that does is the default, else the local store. The default: never.
     */
    default boolean selectedByDefault(WorkLogConfig config) {
        return false;
    }

    /** The variables this store reads, which {@code worklog doctor} lists by name (never by value). Default none. */
    default List<String> variables() {
        return List.of();
    }

    /** What {@code worklog doctor} says about this store; the default knows only its name. */
    default DoctorAdvice advice() {
        return DoctorAdvice.builder("the " + name() + " store").build();
    }
}
