/**
 * The summarization pipeline, once for all providers: prompts, the output schema, parsing and one repair attempt,
 * source checks on numbers, input fingerprints, and the markdown of roll-up pages.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.summarize;
