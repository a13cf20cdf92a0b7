/**
 * The Notion wire layer: {@link dev.worklog.notion.internal.client.NotionClient} (one method per endpoint, both API
 * versions), its wiring over core's executor ({@link dev.worklog.notion.internal.client.NotionHttp}), the shared rate
 * limiter and the error reader. Internal: not part of the public API, it may change without notice in any release.
 */
package dev.worklog.notion.internal.client;
