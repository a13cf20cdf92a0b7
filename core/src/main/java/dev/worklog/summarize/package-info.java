/**
 * The offline summarizer ({@code LLM_PROVIDER=offline}, the default without a key): roll-ups made without a model,
 * by extracting from the logs.
 */
package dev.worklog.summarize;
