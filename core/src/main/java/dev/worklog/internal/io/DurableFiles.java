package dev.worklog.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that survive a crash or a power cut whole or not at all, for the local store and the outbox: a write goes to
 * a temporary file in the same folder, is forced to disk, renamed over the target and the folder forced, so that the
 * rename itself is durable. Temporary files are dot-files ending in {@code .tmp}, which readers skip and
 * {@link #removeTempFiles} clears.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} so that after a crash the file is either as before or complete.
     *
     * @param attributes given to the file from its creation, e.g. owner-only permissions for a file of secrets (set
     *     afterwards, they would leave a moment when others could read it)
     * @throws UncheckedIOException naming the target when it cannot be written
     */
    public static void write(Path target, byte[] bytes, FileAttribute<?>... attributes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + Integer.toHexString(Thread.currentThread().hashCode()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover dot-file is skipped by every reader and removed at the next start
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        forceDirectory(dir);
    }

    /**
     * Deletes a file without forcing the folder: for files whose return after a power cut is harmless.
     *
     * @throws UncheckedIOException when it cannot be deleted
     */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a file and forces the folder, so that it does not come back after a power cut.
     *
     * @throws UncheckedIOException when it cannot be deleted
     */
    public static void deleteDurably(Path file) {
        delete(file);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Forces a folder's entries (creations, renames, deletions) to disk; a no-op where the platform cannot open a
     * folder (Windows, whose file system journals the rename itself) or the file system refuses.
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the data itself is already on disk
        }
    }

    /**
     * Deletes the temporary files a crash left in a folder: a rename that did not happen was never acknowledged.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static void removeTempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
