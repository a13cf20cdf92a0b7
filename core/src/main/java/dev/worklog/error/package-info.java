/**
 * The SDK's one exception tree. {@link dev.worklog.error.WorkLogException} is the root; it splits into
 * {@link dev.worklog.error.RetryableException} and {@link dev.worklog.error.NonRetryableException}. Failures that
 * come from a remote service carry an {@link dev.worklog.error.UpstreamError} with the status, the vendor's error
 * code and the request id. HTTP statuses are mapped to these classes in one place, core's HTTP executor, which
 * every remote module uses.
 */
package dev.worklog.error;
