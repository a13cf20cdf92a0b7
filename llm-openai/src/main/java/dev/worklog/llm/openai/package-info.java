/**
 * The OpenAI provider: Chat Completions over {@code java.net.http}, for OpenAI itself and any OpenAI-compatible
 * server (Ollama, vLLM, LM Studio, Azure OpenAI v1, OpenRouter, Groq). {@link dev.worklog.llm.openai.OpenAiProviderFactory}
 * is the only public type; the wire mapping is package-private.
 *
 * <pre>{@code
 * // a local Ollama: LLM_PROVIDER=openai OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_API_KEY=ollama
 * //                 OPENAI_MODEL=llama3.1 OPENAI_MAX_TOKENS_FIELD=max_tokens
 * WorkLogger logger = WorkLogger.fromEnvironment();
 * }</pre>
 */
package dev.worklog.llm.openai;
