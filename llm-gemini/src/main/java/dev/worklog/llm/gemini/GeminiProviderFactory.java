package dev.worklog.llm.gemini;

import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.SpiContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the Gemini provider ({@code LLM_PROVIDER=gemini}): {@code POST /v1beta/models/{model}:generateContent}
 * with the key in {@code x-goog-api-key} (never {@code ?key=}, which request loggers print) and native structured
 * output. Found by {@link java.util.ServiceLoader}.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>Variable</th><th>Default</th></tr>
 * <tr><td>{@code GEMINI_API_KEY}</td><td>required</td></tr>
 * <tr><td>{@code GEMINI_MODEL}</td><td>{@value #DEFAULT_MODEL}</td></tr>
 * <tr><td>{@code GEMINI_BASE_URL}</td><td>{@value #DEFAULT_BASE_URL}</td></tr>
 * <tr><td>{@code GEMINI_API_VERSION}</td><td>{@code v1beta}, as Google's SDKs use</td></tr>
 * <tr><td>{@code GEMINI_STRUCTURED_OUTPUT}</td><td>{@code json_schema} ({@code responseJsonSchema});
 * {@code response_schema} for the older OpenAPI-subset field, {@code json} (JSON mode, schema in the prompt) or
 * {@code none}</td></tr>
 * <tr><td>{@code GEMINI_THINKING_LEVEL}, {@code GEMINI_THINKING_BUDGET}</td><td>not sent; thinking tokens count
 * against the output limit, so {@code low} (Gemini 3) or a small budget (2.5) leaves more for the reply</td></tr>
 * </table>
 *
 * <p>Timeouts, temperature and retries are shared by all providers: see {@link LlmSettings}.
 *
 * <pre>{@code
 * LlmProvider gemini = new GeminiProviderFactory().create(SpiContext.of(WorkLogConfig.fromEnvironment()));
 * LlmResponse reply = gemini.complete(request);
 * }</pre>
 */
public final class GeminiProviderFactory implements LlmProviderFactory {
    /**
     * The model used when {@code GEMINI_MODEL} is unset: the current generally available Flash model (the 2.5
     * generation is deprecated). Pin another id, or use the moving alias {@code gemini-flash-latest}, with
     * {@code GEMINI_MODEL}.
     */
    public static final String DEFAULT_MODEL = "gemini-3.5-flash";
    /** The API root used when {@code GEMINI_BASE_URL} is unset. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    /** The variable holding the key. */
    public static final String GEMINI_API_KEY = "GEMINI_API_KEY";
    /** Where keys are made and billing is checked. */
    public static final String KEYS_PAGE = "https://aistudio.google.com/app/apikey";

    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern VERSION = Pattern.compile("v\\d+[a-z0-9]*");

    /** Used by {@link java.util.ServiceLoader}. */
    public GeminiProviderFactory() {
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public List<String> requiredVariables() {
        return List.of(GEMINI_API_KEY);
    }

    @Override
    public LlmProvider create(SpiContext context) {
        LlmSettings settings = LlmSettings.read(context.config(), "GEMINI", DEFAULT_MODEL, DEFAULT_BASE_URL);
        String model = settings.model().startsWith("models/") ? settings.model().substring(7) : settings.model();
        if (!MODEL_ID.matcher(model).matches()) {
            throw new ConfigurationException("GEMINI_MODEL must be a model id such as " + DEFAULT_MODEL + ", got '"
                    + settings.model() + "'");
        }
        String version = settings.option("API_VERSION", "v1beta");
        if (!VERSION.matcher(version).matches()) {
            throw new ConfigurationException("GEMINI_API_VERSION must look like v1beta or v1, got '" + version + "'");
        }
        String structured = settings.option("STRUCTURED_OUTPUT", "json_schema", "json_schema", "response_schema",
                "json", "none");
        Integer thinkingBudget = settings.optional("THINKING_BUDGET").isPresent()
                ? settings.config().getInt("GEMINI_THINKING_BUDGET", 0, -1, 1_000_000) : null;
        String thinkingLevel = settings.optional("THINKING_LEVEL").orElse(null);
        return new GeminiProvider(settings, LlmHttp.create(settings, context, new GeminiErrorReader()), model, version,
                structured, thinkingBudget, thinkingLevel);
    }

    /** Doctor's fixes name this provider's variables and {@value #KEYS_PAGE}. */
    @Override
    public DoctorAdvice advice() {
        return DoctorAdvice.providerBuilder(name()).keysPage(KEYS_PAGE).build();
    }
}
