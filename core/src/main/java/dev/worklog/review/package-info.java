/**
 * Review packets: a quarter, half-year, year or any run of months ({@link dev.worklog.review.ReviewPeriod}) made into
 * a narrative, the top achievements traced to their daily logs, statistics against the previous period and the
 * weeks without any log ({@link dev.worklog.review.ReviewPacket}), by {@link dev.worklog.WorkLogger#review}, and
 * rendered by {@link dev.worklog.review.ReviewExport} as markdown, HTML, JSON Resume or worklog's own JSON.
 */
package dev.worklog.review;
