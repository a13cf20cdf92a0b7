/**
 * The Notion wire layer behind {@link dev.worklog.notion.NotionWorkLogRepository}: the HTTP client, the shared rate
 * limiter, the error reader, and the markdown / block converters. Not part of the public API; it may change in any
 * release.
 */
package dev.worklog.notion.internal;
