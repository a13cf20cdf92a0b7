/**
 * Backup and migration between any two stores: {@link dev.worklog.backup.Backup} copies daily logs, weekly and
 * monthly roll-ups with their relations through the {@link dev.worklog.spi.WorkLogRepository} SPI, so the same code
 * exports Notion to a local folder ({@code worklog export}) and imports it back ({@code worklog import}).
 */
package dev.worklog.backup;
