/**
 * Input validation: {@link dev.worklog.validation.DailyLogValidator} reports every field error of a daily log at
 * once; {@link dev.worklog.validation.StarSections} parses the STAR sections of a context and warns (never
 * rejects) when one is missing.
 */
package dev.worklog.validation;
