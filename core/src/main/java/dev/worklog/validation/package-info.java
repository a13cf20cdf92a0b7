/**
 * Input validation: {@link dev.worklog.validation.DailyLogValidator} reports every field error of a daily log at
 * once; {@link dev.worklog.validation.StarSections} parses the STAR sections of a context and warns (never
 * rejects) when one is missing; {@link dev.worklog.validation.DailyLogJson} reads the REST body's JSON into a draft,
 * rejecting unknown fields by name.
 */
package dev.worklog.validation;
