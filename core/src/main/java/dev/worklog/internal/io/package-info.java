/**
 * Files that survive crashes: {@link dev.worklog.internal.io.DurableFiles} (temporary file, fsync, atomic rename,
 * fsync of the folder) and {@link dev.worklog.internal.io.FolderLock} (one writer per folder across threads and
 * processes), shared by the local store and the outbox.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.io;
