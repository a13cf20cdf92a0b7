package dev.worklog.llm.claude;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.SpiContext;
import java.util.List;

/**
 * Creates the Claude provider ({@code LLM_PROVIDER=claude}): Anthropic's Messages API
 * ({@code POST /v1/messages}, {@code anthropic-version: 2023-06-01}, key in {@code x-api-key}) with native
 * structured output. Found by {@link java.util.ServiceLoader}; adding this module to the classpath is all it takes.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>Variable</th><th>Default</th></tr>
 * <tr><td>{@code CLAUDE_API_KEY}</td><td>required</td></tr>
 * <tr><td>{@code CLAUDE_MODEL}</td><td>{@value #DEFAULT_MODEL}</td></tr>
 * <tr><td>{@code CLAUDE_BASE_URL}</td><td>{@value #DEFAULT_BASE_URL}</td></tr>
 * <tr><td>{@code CLAUDE_STRUCTURED_OUTPUT}</td><td>{@code json_schema}; {@code none} for proxies or older models
 * without {@code output_config} (the schema then goes into the system prompt)</td></tr>
 * </table>
 *
 * <p>Timeouts, temperature and retries are shared by all providers: see {@link LlmSettings}.
 *
 * <pre>{@code
 * LlmProvider claude = new ClaudeProviderFactory().create(SpiContext.of(WorkLogConfig.fromEnvironment()));
 * LlmResponse reply = claude.complete(request);
 * }</pre>
 */
public final class ClaudeProviderFactory implements LlmProviderFactory {
    /** The model used when {@code CLAUDE_MODEL} is unset: a pinned, current Sonnet. */
    public static final String DEFAULT_MODEL = "claude-sonnet-4-6";
    /** The API root used when {@code CLAUDE_BASE_URL} is unset. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The variable holding the key. */
    public static final String CLAUDE_API_KEY = "CLAUDE_API_KEY";
    /** Where keys are made and billing is checked. */
    public static final String KEYS_PAGE = "https://console.anthropic.com/settings/keys";

    /** Used by {@link java.util.ServiceLoader}. */
    public ClaudeProviderFactory() {
    }

    @Override
    public String name() {
        return "claude";
    }

    @Override
    public List<String> requiredVariables() {
        return List.of(CLAUDE_API_KEY);
    }

    @Override
    public LlmProvider create(SpiContext context) {
        LlmSettings settings = LlmSettings.read(context.config(), "CLAUDE", DEFAULT_MODEL, DEFAULT_BASE_URL);
        String structured = settings.option("STRUCTURED_OUTPUT", "json_schema", "json_schema", "none");
        return new ClaudeProvider(settings, LlmHttp.create(settings, context, new ClaudeErrorReader()),
                structured.equals("json_schema"));
    }

    /** Claude is the provider when {@code LLM_PROVIDER} is unset and its key is set, as in the original system. */
    @Override
    public boolean selectedByDefault(WorkLogConfig config) {
        return config.isSet(CLAUDE_API_KEY);
    }

    /** Doctor's fixes name this provider's variables and {@value #KEYS_PAGE}. */
    @Override
    public DoctorAdvice advice() {
        return DoctorAdvice.providerBuilder(name()).keysPage(KEYS_PAGE).build();
    }
}
