/**
 * Backup and migration: {@link dev.worklog.backup.Backups} exports the configured store (Notion, say) to a folder in
 * the local store's format ({@code worklog export}) and imports it back ({@code worklog import}), through the
 * {@link dev.worklog.spi.WorkLogRepository} SPI, so the same code copies between any two stores.
 */
package dev.worklog.backup;
