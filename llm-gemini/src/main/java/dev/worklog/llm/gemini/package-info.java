/**
 * The Gemini provider: the Gemini Developer API's {@code generateContent} over {@code java.net.http}, with native
 * structured output ({@code responseMimeType} plus {@code responseJsonSchema}) and the key in the
 * {@code x-goog-api-key} header, never in the URL. {@link dev.worklog.llm.gemini.GeminiProviderFactory} is the only public
 * type; the wire mapping is package-private.
 *
 * <pre>{@code
 * // LLM_PROVIDER=gemini, GEMINI_API_KEY=AIza...
 * WorkLogger logger = WorkLogger.fromEnvironment();
 * }</pre>
 */
package dev.worklog.llm.gemini;
