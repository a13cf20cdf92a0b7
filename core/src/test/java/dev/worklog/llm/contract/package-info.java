/**
 * The contract test kit every LLM provider module runs. It ships in core's test jar; a provider module depends on
 * that jar at test scope and extends {@link dev.worklog.llm.contract.AbstractLlmProviderContractTest} once,
 * supplying its vendor's request checks and its recorded response fixtures:
 *
 * <pre>{@code
 * class ClaudeProviderContractTest extends AbstractLlmProviderContractTest {
 *     protected LlmProviderFactory factory() { return new ClaudeProviderFactory(); }
 *     protected String variablePrefix() { return "CLAUDE"; }
 *     // ... expected path, headers, body checks, fixtures under src/test/resources/claude/
 * }
 * }</pre>
 */
package dev.worklog.llm.contract;
