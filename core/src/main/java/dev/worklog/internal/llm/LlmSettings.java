package dev.worklog.internal.llm;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.http.RetryPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration every LLM provider reads, by the provider's variable prefix ({@code CLAUDE}, {@code OPENAI},
 * {@code GEMINI}). Read once when the provider is created, so that a missing key fails at start-up.
 *
 * <table>
 * <caption>Variables (PREFIX is the provider's)</caption>
 * <tr><th>Variable</th><th>Meaning</th><th>Default</th></tr>
 * <tr><td>{@code PREFIX_API_KEY}</td><td>the key; required</td><td>none</td></tr>
 * <tr><td>{@code PREFIX_MODEL}</td><td>the model id</td><td>the provider's</td></tr>
 * <tr><td>{@code PREFIX_BASE_URL}</td><td>the API's base URL</td><td>the vendor's</td></tr>
 * <tr><td>{@code PREFIX_TIMEOUT}, else {@code WORKLOG_LLM_TIMEOUT}</td><td>time for one attempt</td><td>300 s; 1200 s
 * when the base URL is on loopback (a local model: slow first token)</td></tr>
 * <tr><td>{@code WORKLOG_LLM_CONNECT_TIMEOUT}</td><td>time to connect</td><td>10 s</td></tr>
 * <tr><td>{@code PREFIX_TEMPERATURE}, else {@code LLM_TEMPERATURE}</td><td>sampling temperature, 0 to 2</td>
 * <td>not sent</td></tr>
 * <tr><td>{@code PREFIX_MAX_RETRIES}, else {@code WORKLOG_LLM_MAX_RETRIES}</td><td>retries after the first
 * attempt, 0 to 20</td><td>2</td></tr>
 * <tr><td>{@code WORKLOG_MAX_RETRY_WAIT}</td><td>longest server-requested wait accepted</td><td>60 s</td></tr>
 * </table>
 *
 * <pre>{@code
 * LlmSettings s = LlmSettings.read(config, "OPENAI", "gpt-4.1-mini", "https://api.openai.com/v1");
 * String mode = s.option("STRUCTURED_OUTPUT", "json_schema", "json_schema", "json_object", "none");
 * }</pre>
 */
public final class LlmSettings {
    /** Time one attempt of an LLM call may take, for every provider; default 300 s. */
    public static final String WORKLOG_LLM_TIMEOUT = "WORKLOG_LLM_TIMEOUT";
    /** Time to open a connection to an LLM service; default 10 s. */
    public static final String WORKLOG_LLM_CONNECT_TIMEOUT = "WORKLOG_LLM_CONNECT_TIMEOUT";
    /** Sampling temperature for every provider; not sent unless set. */
    public static final String LLM_TEMPERATURE = "LLM_TEMPERATURE";
    /** The default time for one attempt. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /**
     * The default time for one attempt when the base URL is on this machine: a local model on a CPU may take minutes
     * to load and to read a week's prompt before its first token.
     */
    public static final Duration LOCAL_DEFAULT_TIMEOUT = Duration.ofMinutes(20);
    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final WorkLogConfig config;
    private final String prefix;
    private final String apiKey;
    private final String model;
    private final String baseUrl;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Double temperature;
    private final RetryPolicy retryPolicy;

    private LlmSettings(WorkLogConfig config, String prefix, String apiKey, String model, String baseUrl,
            Duration timeout, Duration connectTimeout, Double temperature, RetryPolicy retryPolicy) {
        this.config = config;
        this.prefix = prefix;
        this.apiKey = apiKey;
        this.model = model;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.temperature = temperature;
        this.retryPolicy = retryPolicy;
    }

    /**
     * Reads and checks a provider's settings.
     *
     * @param config the configuration
     * @param prefix the provider's variable prefix, e.g. {@code CLAUDE}
     * @param defaultModel used when {@code PREFIX_MODEL} is unset
     * @param defaultBaseUrl used when {@code PREFIX_BASE_URL} is unset; trailing slashes are stripped either way
     * @throws ConfigurationException naming the variable when the key is missing or a value is invalid
     */
    public static LlmSettings read(WorkLogConfig config, String prefix, String defaultModel, String defaultBaseUrl) {
        Objects.requireNonNull(config, "config");
        String p = Objects.requireNonNull(prefix, "prefix").toUpperCase(Locale.ROOT);
        String vendor = p.charAt(0) + p.substring(1).toLowerCase(Locale.ROOT);
        String apiKey = config.require(p + "_API_KEY", "the " + vendor + " API key, needed because LLM_PROVIDER selects "
                + p.toLowerCase(Locale.ROOT));
        if (!apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigurationException(p + "_API_KEY contains characters that cannot be sent in an HTTP header "
                    + "(spaces, quotes from copying, or non-ASCII); set it to the bare key");
        }
        String model = config.get(p + "_MODEL", defaultModel);
        String baseUrl = BaseUrls.normalise(p + "_BASE_URL", config.get(p + "_BASE_URL", defaultBaseUrl));
        Duration defaultTimeout = BaseUrls.isLoopback(baseUrl) ? LOCAL_DEFAULT_TIMEOUT : DEFAULT_TIMEOUT;
        Duration timeout = positive(p + "_TIMEOUT", config.getDuration(p + "_TIMEOUT",
                positive(WORKLOG_LLM_TIMEOUT, config.getDuration(WORKLOG_LLM_TIMEOUT, defaultTimeout))));
        Duration connect = positive(WORKLOG_LLM_CONNECT_TIMEOUT,
                config.getDuration(WORKLOG_LLM_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT));
        Double temperature = temperature(config, p + "_TEMPERATURE");
        if (temperature == null) {
            temperature = temperature(config, LLM_TEMPERATURE);
        }
        int retries = config.getInt(p + "_MAX_RETRIES",
                config.getInt(ConfigKeys.WORKLOG_LLM_MAX_RETRIES, RetryPolicy.DEFAULT_MAX_RETRIES, 0, 20), 0, 20);
        Duration maxWait = config.getDuration(ConfigKeys.WORKLOG_MAX_RETRY_WAIT, RetryPolicy.DEFAULT_MAX_SERVER_WAIT);
        RetryPolicy policy = RetryPolicy.builder().maxRetries(retries).maxServerWait(maxWait).build();
        return new LlmSettings(config, p, apiKey, model, baseUrl, timeout, connect, temperature, policy);
    }

    /** The provider's name in lower case, as {@code LLM_PROVIDER} and error messages spell it. */
    public String provider() {
        return prefix.toLowerCase(Locale.ROOT);
    }

    /** The variable prefix, e.g. {@code CLAUDE}. */
    public String prefix() {
        return prefix;
    }

    /** The API key. Never log it. */
    public String apiKey() {
        return apiKey;
    }

    /** The name of the key variable, e.g. {@code CLAUDE_API_KEY}. */
    public String apiKeyVariable() {
        return prefix + "_API_KEY";
    }

    /** The model id. */
    public String model() {
        return model;
    }

    /** The name of the model variable, e.g. {@code CLAUDE_MODEL}. */
    public String modelVariable() {
        return prefix + "_MODEL";
    }

    /** The base URL, normalised by {@link BaseUrls#normalise}: no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Whether the base URL is on this machine ({@link BaseUrls#isLoopback}): a local model server. */
    public boolean local() {
        return BaseUrls.isLoopback(baseUrl);
    }

    /** The name of the base-URL variable, e.g. {@code CLAUDE_BASE_URL}. */
    public String baseUrlVariable() {
        return prefix + "_BASE_URL";
    }

    /** Time for one attempt, request and response. */
    public Duration timeout() {
        return timeout;
    }

    /** Time to open a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The temperature to send; empty means the field is left out of the request. */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** Retries, backoff and the cap on server-requested waits. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The whole configuration, for a provider's own variables. */
    public WorkLogConfig config() {
        return config;
    }

    /**
     * A provider-specific choice, {@code PREFIX_NAME}, lower-cased and checked against the allowed values.
     *
     * @throws ConfigurationException naming the variable and the allowed values when the value is not one of them
     */
    public String option(String name, String fallback, String... allowed) {
        String variable = prefix + "_" + name;
        String value = config.get(variable, fallback).toLowerCase(Locale.ROOT);
        if (allowed.length > 0 && Arrays.stream(allowed).noneMatch(value::equals)) {
            throw new ConfigurationException(variable + " must be one of " + String.join(", ", allowed) + ", got '"
                    + value + "'");
        }
        return value;
    }

    /** A provider-specific optional value, {@code PREFIX_NAME}. */
    public Optional<String> optional(String name) {
        return config.get(prefix + "_" + name);
    }

    @Override
    public String toString() {
        return "LlmSettings[" + provider() + ", model=" + model + ", baseUrl=" + baseUrl + ", timeout=" + timeout
                + ", temperature=" + temperature + ", maxRetries=" + retryPolicy.maxRetries() + "]";
    }

    private static Double temperature(WorkLogConfig config, String variable) {
        Optional<String> v = config.get(variable);
        if (v.isEmpty()) {
            return null;
        }
        try {
            double t = Double.parseDouble(v.get());
            if (!(t >= 0 && t <= 2)) {
                throw new ConfigurationException(variable + " must be between 0 and 2, got " + v.get());
            }
            return t;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(variable + " must be a number such as 0.2, got '" + v.get() + "'", e);
        }
    }

    private static Duration positive(String variable, Duration d) {
        if (d.isZero()) {
            throw new ConfigurationException(variable + " must be more than zero");
        }
        return d;
    }
}
