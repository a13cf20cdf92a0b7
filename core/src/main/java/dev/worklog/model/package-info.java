/**
 * The domain: daily logs, weekly and monthly roll-ups and their parts. All are immutable records that copy the
 * collections they are given. Client input arrives as a {@link dev.worklog.model.DailyLogDraft} and becomes a
 * {@link dev.worklog.model.DailyLog} through {@link dev.worklog.WorkLogger#check} (or {@code log}), which lists every
 * field error at once.
 */
package dev.worklog.model;
