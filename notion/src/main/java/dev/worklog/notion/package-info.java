/**
 * Notion as the work-log store: {@link dev.worklog.notion.NotionWorkLogRepository} keeps daily logs, weekly and
 * monthly roll-ups in the three databases of the design (review packets in an optional fourth), and {@link dev.worklog.notion.NotionRepositoryFactory}
 * makes it from the environment ({@code WORKLOG_STORE=notion}, or {@code NOTION_API_KEY} set).
 */
package dev.worklog.notion;
