/**
 * How the SDK's remote calls behave, for code that configures or implements them: {@link dev.worklog.http.RetryPolicy}
 * (retries, backoff, the longest server-requested wait), {@link dev.worklog.http.Sleeper} (how retries wait, injected
 * by tests) and {@link dev.worklog.http.CircuitBreaker} (what a store's
 * {@link dev.worklog.spi.WorkLogRepository#circuitBreaker()} reports).
 */
package dev.worklog.http;
