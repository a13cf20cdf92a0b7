/**
 * The REST API's parts, one job each: {@code Router} (paths, methods, the order of checks), {@code BearerAuth},
 * {@code RequestBodies} (size, content type, strict JSON, query strings), the routes ({@code HealthRoute},
 * {@code DailyLogRoute}, {@code SummaryRoutes}, {@code ApiDocs}), {@code ErrorResponses} (the one mapping from what
 * the SDK throws to a status and an error body) and {@code AccessLog}.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.rest.internal;
