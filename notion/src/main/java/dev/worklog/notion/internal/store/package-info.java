/**
 * The jobs behind {@link dev.worklog.notion.NotionWorkLogRepository}, one class each: the three databases and their
 * errors, page mapping per database kind ({@link dev.worklog.notion.internal.store.DailyPages},
 * {@link dev.worklog.notion.internal.store.WeeklyPages}, {@link dev.worklog.notion.internal.store.MonthlyPages}),
 * query filters, entry ids, relations of any size, the schema check, the reader pool, and the daily-log and roll-up
 * stores built from them. Internal: not part of the public API, it may change without notice in any release.
 */
package dev.worklog.notion.internal.store;
