/**
 * What runs report while they work: the execution log of the original system (grep-able lines with the levels INFO,
 * SUCCESS, ERROR and CANCELLED and the components {@code daily_logger}, {@code weekly_processor},
 * {@code monthly_processor} and {@code api_server}, in a file, on the console, or both), and the
 * {@link dev.worklog.log.ProgressListener} of long runs.
 */
package dev.worklog.log;
