/**
 * The REST server example: the original system's API on the JDK's {@code com.sun.net.httpserver}, hardened.
 *
 * <p>All request handling lives in {@link dev.worklog.server.ApiHandler}, which knows nothing of the transport:
 * it maps an {@link dev.worklog.server.ApiRequest} to an {@link dev.worklog.server.ApiResponse}.
 * {@link dev.worklog.server.HttpApiServer} is the thin binding to the JDK HTTP server (worker pool, load shedding,
 * graceful shutdown); a serverless adapter (AWS Lambda) would be another thin binding over the same handler. The
 * behaviour itself (validation, storing, the outbox, roll-ups) is the SDK's.
 */
package dev.worklog.server;
