/**
 * The durable outbox: a {@link dev.worklog.spi.WorkLogRepository} decorator that keeps every daily log it accepted
 * even while the store is down.
 *
 * <p>{@link dev.worklog.internal.outbox.Outbox} passes writes through to the store, after forcing the intent (entry id and
 * entry) to disk. When the store still fails with a retryable error after its own retries, or its circuit breaker
 * is open, the entry is written to a local folder (one JSON file per entry, made durable with fsync and an atomic
 * rename) and delivered later by a background deliverer with backoff, also after a restart; every delivery looks the
 * entry id up before creating. An {@code Idempotency-Key} decides the entry id and maps to one result, persisted in
 * the same folder, so a client's retry never makes a second entry.
 *
 * <pre>
 * outbox/
 *   intents/&lt;random&gt;.journal         creates in flight, one journal per process (locked while it lives)
 *   pending/&lt;queue id&gt;.json        accepted, not yet delivered
 *   failed/&lt;queue id&gt;.json         the store refused it for good (kept for a person to look at)
 *   idempotency/&lt;sha256(key)&gt;.json  key -&gt; result of the first request with that key
 *   breaker.json                    the store's circuit breaker as last recorded (for doctor)
 *   delivery.lock                   held by a delivery pass (server or CLI)
 * </pre>
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.outbox;
