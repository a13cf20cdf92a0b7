/**
 * Helpers shared by the SDK's own modules. Not a public API: anything here may change without notice.
 */
package dev.worklog.internal;
