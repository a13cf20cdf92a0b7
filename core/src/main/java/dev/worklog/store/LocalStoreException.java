package dev.worklog.store;

import dev.worklog.error.NonRetryableException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local store cannot read or write one of its files: a file a person edited into a shape that no longer
 * parses, or a disk that refuses a write. The message names the file, so the person can open it and fix it.
 */
public final class LocalStoreException extends NonRetryableException {
    private final transient Path file;

    /**
     * A failure concerning one file.
     *
     * @param file the file concerned, or {@code null} when the failure is not about one file
     * @param message what is wrong, naming the file
     * @param cause the underlying error, or {@code null}
     */
    public LocalStoreException(Path file, String message, Throwable cause) {
        super(message, null, cause);
        this.file = file;
    }

    /** The file concerned, when there is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
