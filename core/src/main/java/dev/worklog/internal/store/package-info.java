/**
 * The local store's file format: markdown files with a front-matter header.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.store;
