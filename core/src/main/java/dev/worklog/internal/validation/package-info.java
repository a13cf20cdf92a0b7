/**
 * Input validation: {@link dev.worklog.internal.validation.DailyLogValidator} reports every field error of a daily
 * log at once; {@link dev.worklog.internal.validation.StarSections} parses the STAR sections of a context and warns
 * (never rejects) when one is missing. The facade validates through {@code WorkLogger.check} and {@code log}.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.validation;
