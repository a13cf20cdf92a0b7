/**
 * The jobs behind {@link dev.worklog.notion.NotionSetup}: what the databases should look like
 * ({@link dev.worklog.notion.internal.setup.Specs}, a list of {@link dev.worklog.notion.internal.setup.DatabaseSpec}s
 * that a new database joins by adding its spec), how a found schema differs from its spec
 * ({@link dev.worklog.notion.internal.setup.SchemaDiff}, also behind {@code verifySchema()}), the JSON that creates
 * or changes a property on either API version ({@link dev.worklog.notion.internal.setup.PropertyConfigs}), making the
 * databases under a page ({@link dev.worklog.notion.internal.setup.Provisioner}) and repairing existing ones
 * ({@link dev.worklog.notion.internal.setup.Repairer}). Internal: not part of the public API, it may change without
 * notice in any release.
 */
package dev.worklog.notion.internal.setup;
