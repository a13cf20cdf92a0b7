/**
 * Copies between any two stores: {@link dev.worklog.internal.backup.Backup} copies daily logs, weekly and monthly
 * roll-ups with their relations through the {@link dev.worklog.spi.WorkLogRepository} SPI; its entry point is
 * {@link dev.worklog.backup.Backups}.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.backup;
