/**
 * The configuration resolved once: {@link dev.worklog.internal.config.ResolvedConfig} picks the store, the provider
 * and its fallbacks, the zone, the language, the log options and the execution log for the facade, doctor and
 * backups alike.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.config;
