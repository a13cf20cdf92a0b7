/**
 * The durable outbox: a {@link dev.worklog.spi.WorkLogRepository} decorator that keeps every daily log it accepted
 * even while the store is down.
 *
 * <p>{@link dev.worklog.outbox.Outbox} passes writes through to the store. When the store still fails with a
 * retryable error after its own retries, the entry is written to a local folder (one JSON file per entry, made
 * durable with fsync and an atomic rename) and delivered later by a background deliverer with backoff, also after
 * a restart. An {@code Idempotency-Key} maps to one result, persisted in the same folder, so a client's retry never
 * makes a second entry.
 *
 * <pre>
 * outbox/
 *   pending/&lt;queue id&gt;.json        accepted, not yet delivered
 *   failed/&lt;queue id&gt;.json         the store refused it for good (kept for a person to look at)
 *   idempotency/&lt;sha256(key)&gt;.json  key -&gt; result of the first request with that key
 * </pre>
 */
package dev.worklog.outbox;
