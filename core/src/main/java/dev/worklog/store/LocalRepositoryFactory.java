package dev.worklog.store;

import dev.worklog.config.ConfigKeys;
import dev.worklog.error.ConfigurationException;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link LocalWorkLogRepository} for {@code WORKLOG_STORE=local}, in the folder {@code WORKLOG_DATA_DIR}
 * (default {@code ./worklog-data}). The folder is created and proven writable when the store is built, so a bad
 * setting fails at start-up rather than on the first save.
 */
public final class LocalRepositoryFactory implements WorkLogRepositoryFactory {
    /** The name {@code WORKLOG_STORE} selects this store by. */
    public static final String NAME = "local";
    /** The folder used when {@code WORKLOG_DATA_DIR} is unset. */
    public static final String DEFAULT_DATA_DIR = "./worklog-data";

    /** Used by {@link java.util.ServiceLoader}. */
    public LocalRepositoryFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigurationException naming {@code WORKLOG_DATA_DIR} when the folder cannot be created or written
     */
    @Override
    public WorkLogRepository create(SpiContext context) {
        String dir = context.config().get(ConfigKeys.WORKLOG_DATA_DIR, DEFAULT_DATA_DIR);
        Path path;
        try {
            path = Path.of(dir);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(ConfigKeys.WORKLOG_DATA_DIR + "='" + dir + "' is not a valid path: "
                    + e.getMessage(), e);
        }
        try {
            return LocalWorkLogRepository.open(path, context.clock());
        } catch (LocalStoreException e) {
            throw new ConfigurationException(ConfigKeys.WORKLOG_DATA_DIR + "=" + dir
                    + " cannot be used for the local store (the folder cannot be created or written: "
                    + e.getCause() + "). Point " + ConfigKeys.WORKLOG_DATA_DIR + " at a writable folder", e);
        }
    }

    @Override
    public List<String> variables() {
        return List.of(ConfigKeys.WORKLOG_DATA_DIR);
    }

    /** Doctor's fix for a folder that cannot be used names {@code WORKLOG_DATA_DIR}. */
    @Override
    public DoctorAdvice advice() {
        Function<Optional<String>, String> folder = variable -> "Make " + ConfigKeys.WORKLOG_DATA_DIR
                + " point to a writable folder (default " + DEFAULT_DATA_DIR + ")";
        return DoctorAdvice.builder("the local store")
                .fix(UncheckedIOException.class, folder)
                .fix(SecurityException.class, folder)
                .fix(IllegalArgumentException.class, folder)
                .build();
    }
}
