/**
 * A stateful, in-memory fake of the Notion API on loopback, for tests, the benchmark and process-level tests of
 * the CLI ({@code java ... dev.worklog.notion.fake.FakeNotionServer 8080}).
 */
package dev.worklog.notion.fake;
