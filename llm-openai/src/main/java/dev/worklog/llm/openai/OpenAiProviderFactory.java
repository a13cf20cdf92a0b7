package dev.worklog.llm.openai;

import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.SpiContext;
import java.util.List;

/**
 * Creates the OpenAI provider ({@code LLM_PROVIDER=openai}): Chat Completions ({@code POST .../chat/completions},
 * {@code Authorization: Bearer}) with native structured output ({@code response_format} of type
 * {@code json_schema}). Works with any OpenAI-compatible server through {@code OPENAI_BASE_URL}, given with or
 * without a trailing {@code /v1} or {@code /}. Found by {@link java.util.ServiceLoader}.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>Variable</th><th>Default</th></tr>
 * <tr><td>{@code OPENAI_API_KEY}</td><td>required (any non-empty value for servers without auth)</td></tr>
 * <tr><td>{@code OPENAI_MODEL}</td><td>{@value #DEFAULT_MODEL}</td></tr>
 * <tr><td>{@code OPENAI_BASE_URL}</td><td>{@value #DEFAULT_BASE_URL}; a bare host gets {@code /v1}, any other path
 * is kept</td></tr>
 * <tr><td>{@code OPENAI_STRUCTURED_OUTPUT}</td><td>{@code auto}: {@code json_schema}, falling back to
 * {@code json_object} and then {@code none} when the server rejects it; or one of them, fixed ({@code json_object} and
 * {@code none} put the schema into the system prompt)</td></tr>
 * <tr><td>{@code OPENAI_MAX_TOKENS_FIELD}</td><td>{@code max_completion_tokens}; {@code max_tokens} for servers
 * that only honour the old field (Ollama), {@code both} to send both</td></tr>
 * <tr><td>{@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}</td><td>not sent</td></tr>
 * </table>
 *
 * <p>Timeouts, temperature and retries are shared by all providers: see {@link LlmSettings}. A base URL on loopback
 * (a local Ollama, llama.cpp or vLLM server) gets a longer default timeout, for the slow first token of a local
 * model.
 *
 * <pre>{@code
 * LlmProvider openai = new OpenAiProviderFactory().create(SpiContext.of(WorkLogConfig.fromEnvironment()));
 * LlmResponse reply = openai.complete(request);
 * }</pre>
 */
public final class OpenAiProviderFactory implements LlmProviderFactory {
    /**
     * The model used when {@code OPENAI_MODEL} is unset: cheap, not a reasoning model (so no hidden reasoning tokens
     * eat the output limit, and a configured temperature is accepted), with strict JSON-schema output.
     */
    public static final String DEFAULT_MODEL = "gpt-4.1-mini";
    /** The API root used when {@code OPENAI_BASE_URL} is unset. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The variable holding the key. */
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    /** Where keys are made and billing is checked. */
    public static final String KEYS_PAGE = "https://platform.openai.com/api-keys";

    /** Used by {@link java.util.ServiceLoader}. */
    public OpenAiProviderFactory() {
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<String> requiredVariables() {
        return List.of(OPENAI_API_KEY);
    }

    @Override
    public LlmProvider create(SpiContext context) {
        LlmSettings settings = LlmSettings.read(context.config(), "OPENAI", DEFAULT_MODEL, DEFAULT_BASE_URL);
        String structured = settings.option("STRUCTURED_OUTPUT", "auto", "auto", "json_schema", "json_object", "none");
        String maxTokensField = settings.option("MAX_TOKENS_FIELD", "max_completion_tokens", "max_completion_tokens",
                "max_tokens", "both");
        return new OpenAiProvider(settings, LlmHttp.create(settings, context, new OpenAiErrorReader()), structured,
                maxTokensField, context.executionLog());
    }

    /** Doctor's fixes name this provider's variables and {@value #KEYS_PAGE}. */
    @Override
    public DoctorAdvice advice() {
        return DoctorAdvice.providerBuilder(name()).keysPage(KEYS_PAGE).build();
    }
}
