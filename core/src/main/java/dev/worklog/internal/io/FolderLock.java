package dev.worklog.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock on a folder held by one thread of one process at a time: a lock file locked with {@link FileChannel#lock()}
 * between processes, and, since a JVM holds a file lock for all its threads (a second attempt from the same JVM
 * throws instead of waiting), an in-process lock per file first, shared by every user of the same file in this JVM
 * (keyed by its real path, so two spellings of one folder share it). Reentrant: a thread that holds it runs nested
 * actions without locking the file again.
 */
public final class FolderLock {
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock jvmLock;

    private FolderLock(Path file, ReentrantLock jvmLock) {
        this.file = file;
        this.jvmLock = jvmLock;
    }

    /**
     * The lock of the file {@code name} in {@code folder}, which must exist.
     *
     * @throws UncheckedIOException when the folder's real path cannot be read
     */
    public static FolderLock of(Path folder, String name) {
        Path real;
        try {
            real = folder.toRealPath().resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + folder + ": " + e.getMessage(), e);
        }
        return new FolderLock(real, JVM_LOCKS.computeIfAbsent(real, p -> new ReentrantLock()));
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /**
     * Runs the action holding the lock, waiting for it.
     *
     * @throws UncheckedIOException when the lock file cannot be opened or locked
     */
    @SuppressWarnings("unchecked")
    public <T> T locked(Supplier<T> action) {
        jvmLock.lock();
        try {
            return (T) holdFile(action, true);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Runs the action holding the lock if it is free now; empty, without running it, when another thread or process
     * holds it (or the action returned {@code null}).
     *
     * @throws UncheckedIOException when the lock file cannot be opened or locked
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> tryLocked(Supplier<T> action) {
        if (!jvmLock.tryLock()) {
            return Optional.empty();
        }
        try {
            Object result = holdFile(action, false);
            return result == BUSY ? Optional.empty() : Optional.ofNullable((T) result);
        } finally {
            jvmLock.unlock();
        }
    }

    /** What {@link #holdFile} returns when another process holds the file lock. */
    private static final Object BUSY = new Object();

    /** The action's result under the file lock, or {@link #BUSY}; the caller holds the in-process lock. */
    @SuppressWarnings("try") // the file lock is held by being open, not referenced
    private Object holdFile(Supplier<?> action, boolean wait) {
        if (jvmLock.getHoldCount() > 1) {
            return action.get(); // nested: this thread already holds the file lock
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = wait ? channel.lock() : channel.tryLock();
            if (held == null) {
                return BUSY;
            }
            try (FileLock lock = held) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }
}
