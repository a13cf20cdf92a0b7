/**
 * The HTTP plumbing every remote module shares: {@link dev.worklog.internal.http.HttpExecutor} with one
 * {@link dev.worklog.http.RetryPolicy} and an optional {@link dev.worklog.http.CircuitBreaker}, status-to-exception
 * mapping in {@link dev.worklog.internal.http.HttpErrors}, {@code Retry-After} parsing, and
 * {@link dev.worklog.internal.http.Redaction} of secrets. Time is injected through {@link java.time.Clock} and
 * {@link dev.worklog.http.Sleeper}.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.http;
