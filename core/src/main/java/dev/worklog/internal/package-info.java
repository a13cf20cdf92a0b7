/**
 * Helpers shared by the SDK's own modules: the shared Jackson mapper and the one hashing helper.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal;
