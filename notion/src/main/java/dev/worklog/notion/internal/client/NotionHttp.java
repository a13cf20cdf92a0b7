package dev.worklog.notion.internal.client;

import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.http.HttpExecutor;
import dev.worklog.log.ExecutionLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the client every Notion call goes through: core's executor (retries, error mapping through
 * {@link NotionErrorReader}, the breaker), the token bucket before each attempt (paused for the whole wait of a 429
 * or 529, so that other threads on the token hold back too), and each retry written to the execution log.
 *
 * @param baseUrl the API address, ending with {@code /}
 * @param version the {@code Notion-Version}
 * @param token the integration secret, masked in every error
 * @param limiter the token bucket, or {@code null} for none
 * @param retryPolicy the retries
 * @param breaker the breaker over every call
 * @param clock the clock for {@code Retry-After} dates
 * @param sleeper how to wait between retries
 * @param executionLog where retries are recorded
 * @param httpClient the JDK client, or {@code null} for the executor's default
 */
public record NotionHttp(URI baseUrl, String version, String token, RateLimiter limiter, RetryPolicy retryPolicy,
        CircuitBreaker breaker, Clock clock, Sleeper sleeper, ExecutionLog executionLog, HttpClient httpClient) {
    /**
     * 6 retries, 1 s doubling to 30 s with jitter, every {@code Retry-After} honoured in full, at most 15 minutes of
     * waiting per call.
     */
    public static RetryPolicy defaultRetryPolicy() {
        return RetryPolicy.builder().maxRetries(6).initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30)).maxServerWait(null).totalBudget(Duration.ofMinutes(15)).build();
    }

    /** Names the address and version; never the token. */
    @Override
    public String toString() {
        return "NotionHttp[" + baseUrl + ", Notion-Version " + version + "]";
    }

    /** The client. */
    public NotionClient connect() {
        AtomicInteger calls = new AtomicInteger();
        HttpExecutor.Builder http = HttpExecutor.builder(NotionErrorReader.SERVICE)
                .circuitBreaker(breaker)
                .retryPolicy(retryPolicy)
                .clock(clock)
                .sleeper(sleeper)
                .errorReader(new NotionErrorReader())
                .secrets(List.of(token))
                .beforeAttempt(() -> {
                    if (limiter != null) {
                        limiter.acquire();
                    }
                    calls.incrementAndGet();
                })
                .onRetry(event -> {
                    int status = event.httpError().map(e -> e.status()).orElse(0);
                    if (limiter != null && (status == 429 || status == 529)) {
                        limiter.pauseFor(event.delay());
                    }
                    executionLog.info(NotionErrorReader.SERVICE, event.describe());
                });
        if (httpClient != null) {
            http.httpClient(httpClient);
        }
        return new NotionClient(baseUrl, version, token, http.build(), calls);
    }
}
