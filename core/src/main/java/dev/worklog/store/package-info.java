/**
 * The embedded local store: readable markdown files in a folder, the default when no Notion key is set.
 */
package dev.worklog.store;
