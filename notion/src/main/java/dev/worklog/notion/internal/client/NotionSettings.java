package dev.worklog.notion.internal.client;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * How to reach Notion, read from configuration once for every user of the client (the store and setup):
 * {@code NOTION_BASE_URL}, {@code NOTION_VERSION}, the token bucket ({@code NOTION_RATE_LIMIT},
 * {@code NOTION_RATE_BURST}), retries ({@code NOTION_MAX_RETRIES}, {@code NOTION_RETRY_BUDGET}) and the circuit
 * breaker ({@code NOTION_BREAKER_FAILURES}, {@code NOTION_BREAKER_OPEN}). Each bad value is an error naming its
 * variable.
 *
 * @param baseUrl the API address
 * @param version the {@code Notion-Version}
 * @param rate requests per second, 0 for no limiter
 * @param burst requests at once
 * @param retryPolicy the retries
 * @param breaker the breaker over every call
 */
public record NotionSettings(URI baseUrl, String version, double rate, int burst, RetryPolicy retryPolicy,
        CircuitBreaker breaker) {
    /** The default API address. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.notion.com/");

    /**
     * The settings the configuration gives.
     *
     * @param clock the breaker's clock
     * @throws ConfigurationException naming the variable of the first bad value
     */
    public static NotionSettings fromConfig(WorkLogConfig c, Clock clock) {
        String version;
        try {
            version = NotionClient.checkVersion(c.get("NOTION_VERSION", NotionClient.DEFAULT_VERSION));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("NOTION_VERSION: " + e.getMessage(), e);
        }
        String base = c.get("NOTION_BASE_URL", DEFAULT_BASE_URL.toString());
        URI baseUrl;
        try {
            baseUrl = URI.create(base);
            if (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("NOTION_BASE_URL must be an http(s) URL, got '" + base + "'", e);
        }
        RetryPolicy policy = NotionHttp.defaultRetryPolicy().toBuilder()
                .maxRetries(c.getInt("NOTION_MAX_RETRIES", 6, 0, 20))
                .totalBudget(c.getDuration("NOTION_RETRY_BUDGET", Duration.ofMinutes(15)))
                .build();
        Duration open = c.getDuration("NOTION_BREAKER_OPEN", Duration.ofSeconds(5));
        if (open.isZero()) {
            throw new ConfigurationException("NOTION_BREAKER_OPEN must be longer than 0 s");
        }
        CircuitBreaker breaker = CircuitBreaker.builder(NotionErrorReader.SERVICE).clock(clock)
                .failureThreshold(c.getInt("NOTION_BREAKER_FAILURES", 3, 1, 1000))
                .openDuration(open)
                .maxOpenDuration(open.compareTo(Duration.ofMinutes(1)) > 0 ? open : Duration.ofMinutes(1))
                .build();
        return new NotionSettings(baseUrl, version, rate(c), c.getInt("NOTION_RATE_BURST", 10, 1, 1000), policy,
                breaker);
    }

    /**
     * Fails, naming the variable, when a value the Notion store cannot work without is missing.
     *
     * @param what what the value is, e.g. {@code the secret of the Notion integration}
     * @throws ConfigurationException when {@code value} is null or blank
     */
    public static void require(String value, String variable, String what) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(variable + " is not set: " + what + " is needed to use the Notion store. "
                    + "Set it in the environment or in .env");
        }
    }

    private static double rate(WorkLogConfig c) {
        String v = c.get("NOTION_RATE_LIMIT", "3");
        try {
            double rate = Double.parseDouble(v);
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate) || rate > 1000) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("NOTION_RATE_LIMIT must be requests per second between 0 (off) and "
                    + "1000, got '" + v + "'", e);
        }
    }
}
