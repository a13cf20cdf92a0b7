/**
 * The facade: {@link dev.worklog.WorkLogger} records daily logs and makes weekly and monthly roll-ups, with
 * {@link dev.worklog.SummarizeOptions} and the result records.
 */
package dev.worklog;
