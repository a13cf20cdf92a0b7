/**
 * The JSON forms clients send and receive: {@link dev.worklog.internal.json.DailyLogCodec}, the one codec of a daily
 * log (the REST body and the entry), on {@link dev.worklog.internal.json.StrictJson}, the strict reader of client
 * objects that names every problem at once.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.json;
