/**
 * What the three LLM provider modules share, so that none of them copies another: reading their configuration
 * ({@link dev.worklog.internal.llm.LlmSettings}), calling the vendor over the one retrying HTTP executor
 * ({@link dev.worklog.internal.llm.LlmHttp}), base-URL normalisation ({@link dev.worklog.internal.llm.BaseUrls}), JSON Schema helpers
 * ({@link dev.worklog.internal.llm.JsonSchemas}) and the errors for unusable replies ({@link dev.worklog.internal.llm.LlmOutputs}).
 *
 * <p>A provider module is then only the vendor's wire format:
 *
 * <pre>{@code
 * LlmSettings settings = LlmSettings.read(context.config(), "CLAUDE", "claude-sonnet-4-6", "https://api.anthropic.com");
 * LlmHttp http = LlmHttp.create(settings, context, myErrorReader);
 * JsonNode reply = http.postJson(BaseUrls.withVersion(settings.baseUrl(), "v1") + "/messages", headers, body);
 * }</pre>
 *
 * <p>Application code does not need this package; it selects a provider with {@code LLM_PROVIDER}.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.internal.llm;
