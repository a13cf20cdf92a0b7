/**
 * The HTTP plumbing every remote module shares: {@link dev.worklog.http.HttpExecutor} with one
 * {@link dev.worklog.http.RetryPolicy}, status-to-exception mapping in {@link dev.worklog.http.HttpErrors},
 * {@code Retry-After} parsing, and {@link dev.worklog.http.Redaction} of secrets. Time is injected through
 * {@link java.time.Clock} and {@link dev.worklog.http.Sleeper}.
 */
package dev.worklog.http;
