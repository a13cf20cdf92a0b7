/**
 * The redaction step between the prompt builder and every provider that sends prompts off the machine
 * ({@code WORKLOG_REDACT}): {@link dev.worklog.internal.redact.RedactionRules} (what is replaced, from the
 * configuration), {@link dev.worklog.internal.redact.Redactor} (one run's placeholders: redact, then restore the
 * reply) and {@link dev.worklog.internal.redact.RedactingProvider} (the wrapper every such provider gets, so that
 * each model call passes the step).
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.redact;
