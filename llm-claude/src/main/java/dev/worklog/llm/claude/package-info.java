/**
 * The Claude provider: Anthropic's Messages API over {@code java.net.http}, with native structured output
 * ({@code output_config.format} of type {@code json_schema}). {@link dev.worklog.llm.claude.ClaudeProviderFactory} is the
 * only public type; the wire mapping is package-private.
 *
 * <pre>{@code
 * // LLM_PROVIDER=claude, CLAUDE_API_KEY=sk-ant-...
 * WorkLogger logger = WorkLogger.fromEnvironment();
 * }</pre>
 */
package dev.worklog.llm.claude;
