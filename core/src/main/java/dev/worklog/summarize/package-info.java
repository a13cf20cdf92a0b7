/**
 * The summarization pipeline, once for all providers: prompts, the output schema, parsing and one repair attempt,
 * source checks on numbers, input fingerprints, and the offline summarizer.
 */
package dev.worklog.summarize;
