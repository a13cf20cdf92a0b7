/**
 * The REST server: {@link dev.worklog.server.Main} reads the configuration, builds the SDK's
 * {@link dev.worklog.rest.WorkLogApi} (with the durable outbox in front of the store) and serves it on the
 * built-in {@link dev.worklog.rest.ApiServer} (one event loop, a worker pool, load shedding, graceful shutdown).
 * Everything else — routes, auth, bodies, errors, the transport — is the {@code worklog-rest} module's.
 */
package dev.worklog.server;
