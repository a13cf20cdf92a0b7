package dev.worklog.internal.http;

import dev.worklog.error.TransportException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import dev.worklog.http.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HTTP requests with one retry policy, shared by the Notion client and the three LLM providers. Failures
 * become exceptions of {@link dev.worklog.error} through {@link HttpErrors}; secrets never reach the log.
 *
 * <pre>{@code
 * HttpExecutor http = HttpExecutor.builder("claude").retryPolicy(RetryPolicy.defaults()).secrets(List.of(key)).build();
 * HttpResult result = http.execute(request);
 * }</pre>
 *
 * <p>Writes that are not idempotent (a Notion page create) pass a {@link LandedCheck}: after an ambiguous failure
 * (an I/O error or a 5xx once the body was sent) it is asked whether the write landed before anything is sent
 * again, so a retry never duplicates.
 *
 * <p>With a {@link CircuitBreaker}, every attempt (landed checks included) first asks the breaker and reports its
 * outcome to it; once the service is known to be failing, calls fail at once instead of waiting out the retries.
 */
public final class HttpExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(HttpExecutor.class);

    private final String service;
    private final HttpClient client;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ErrorReader errorReader;
    private final List<String> secrets;
    private final Runnable beforeAttempt;
    private final Consumer<RetryEvent> onRetry;
    private final CircuitBreaker breaker;

    private HttpExecutor(Builder b) {
        this.service = b.service;
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.policy = b.policy;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.errorReader = b.errorReader;
        this.secrets = List.copyOf(b.secrets);
        this.beforeAttempt = b.beforeAttempt;
        this.onRetry = b.onRetry;
        this.breaker = b.breaker;
    }

    /** A builder for calls to the named service. */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /** Decides whether an ambiguous write reached the service. */
    @FunctionalInterface
    public interface LandedCheck {
        /** The result of the write if it landed (for example the page found by a query), else empty. */
        Optional<HttpResult> landed();
    }

    /** Sends a request that is safe to repeat. */
    public HttpResult execute(HttpRequest request) {
        return execute(request, null);
    }

    /**
     * Sends a request, retrying per the policy.
     *
     * @param landedCheck for non-idempotent writes; {@code null} when repeating is safe
     * @throws WorkLogException when the call fails for good
     */
    public HttpResult execute(HttpRequest request, LandedCheck landedCheck) {
        Duration waited = Duration.ZERO;
        int retry = 0;
        while (true) {
            if (breaker != null) {
                breaker.acquirePermission(); // a service known to be down is not called, nor waited for
            }
            beforeAttempt.run();
            HttpResponse<byte[]> response = null;
            boolean counted = false;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // an I/O error's message may quote the URL, and a Gemini URL carries its key
                String what = redact(describe(e));
                if (breaker != null) {
                    breaker.onFailure(what);
                    counted = true;
                }
                if (landedCheck != null) {
                    Optional<HttpResult> landed = landedCheck.landed();
                    if (landed.isPresent()) {
                        LOG.info("{}: {} after {}, but the write had landed; not sending it again", service,
                                request.method(), what);
                        return landed.get();
                    }
                }
                if (retry >= policy.maxRetries()) {
                    throw new TransportException(service + " request failed: " + what + attemptsNote(retry), null, e);
                }
                stopIfBreakerOpened();
                retry++;
                Duration wait = policy.backoff(retry);
                waited = checkBudget(waited, wait, null, what);
                notifyRetry(new RetryEvent(service, retry, policy.maxRetries(), null, what, wait));
                pause(wait);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(service + " request interrupted", null, e);
            } finally {
                if (breaker != null && response == null && !counted) {
                    breaker.onFailure("the attempt ended without an answer"); // never leave a trial call pending
                }
            }
            int status = response.statusCode();
            if (breaker != null) {
                if (status >= 500 || status == 408) {
                    breaker.onFailure("HTTP " + status);
                } else {
                    breaker.onSuccess(); // any other answer, a rate limit or a refusal included, means it is up
                }
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (status >= 200 && status < 300) {
                return new HttpResult(status, response.headers(), body);
            }
            UpstreamError error = redact(errorReader.read(service, status, response.headers(), body));
            // the headers win; a wait the reader found in the body (Gemini's RetryInfo.retryDelay) comes next
            Optional<Duration> hint = RetryAfter.parse(response.headers(), clock).or(error::retryAfterHint);
            if (hint.isPresent()) {
                error = error.withRetryAfter(hint.get());
            }
            boolean quota = errorReader.isQuotaExhausted(error, response.headers(), body);
            if (!shouldRetry(status, quota, response.headers().firstValue("x-should-retry"))) {
                throw HttpErrors.map(error, quota, retry == 0 ? "" : attemptsNote(retry).substring(2));
            }
            // 429 and 529 mean the request was refused unprocessed; other retryable statuses may hide a landed write
            boolean refusedUnprocessed = status == 429 || status == 529;
            if (landedCheck != null && !refusedUnprocessed) {
                Optional<HttpResult> landed = landedCheck.landed();
                if (landed.isPresent()) {
                    LOG.info("{}: HTTP {} on {}, but the write had landed; not sending it again", service, status,
                            request.method());
                    return landed.get();
                }
            }
            if (retry >= policy.maxRetries()) {
                throw HttpErrors.map(error, quota, "gave up" + attemptsNote(retry));
            }
            Duration wait = hint.orElse(null);
            if (wait != null && policy.maxServerWait().isPresent() && wait.compareTo(policy.maxServerWait().get()) > 0) {
                throw HttpErrors.map(error, quota, "the server asked to wait " + seconds(wait)
                        + ", more than the configured maximum of " + seconds(policy.maxServerWait().get())
                        + "; not waiting");
            }
            stopIfBreakerOpened();
            retry++;
            if (wait == null) {
                wait = policy.backoff(retry);
            }
            waited = checkBudget(waited, wait, error, null);
            notifyRetry(new RetryEvent(service, retry, policy.maxRetries(), error, null, wait));
            pause(wait);
        }
    }

    /** A failure that just opened the breaker ends the retries now rather than after a wait. */
    private void stopIfBreakerOpened() {
        if (breaker != null && !breaker.isClosed()) {
            breaker.acquirePermission(); // throws CircuitOpenException while it is open
        }
    }

    private boolean shouldRetry(int status, boolean quota, Optional<String> shouldRetryHeader) {
        if (quota) {
            return false;
        }
        if (shouldRetryHeader.isPresent()) {
            String v = shouldRetryHeader.get().strip();
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return RetryPolicy.isRetryableStatus(status);
    }

    private Duration checkBudget(Duration waited, Duration wait, UpstreamError error, String ioError) {
        Duration total = waited.plus(wait);
        Optional<Duration> budget = policy.totalBudget();
        if (budget.isPresent() && total.compareTo(budget.get()) > 0) {
            String note = "the retry budget of " + seconds(budget.get()) + " would be exceeded (waited "
                    + seconds(waited) + ", next wait " + seconds(wait) + "); giving up";
            if (error != null) {
                throw HttpErrors.map(error, false, note);
            }
            throw new TransportException(service + " request failed: " + ioError + "; " + note, null, null);
        }
        return total;
    }

    private void notifyRetry(RetryEvent event) {
        LOG.warn("{}: {}", service, redact(event.describe()));
        onRetry.accept(event);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(service + " request interrupted while waiting to retry", null, e);
        }
    }

    private String redact(String text) {
        return Redaction.redact(text, secrets);
    }

    /** Vendors sometimes echo the key in an error message (OpenAI's "Incorrect API key provided: ..."). */
    private UpstreamError redact(UpstreamError error) {
        return new UpstreamError(error.service(), error.status(), redact(error.code()), redact(error.message()),
                error.requestId(), error.retryAfter(), redact(error.reason()));
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String attemptsNote(int retries) {
        return retries == 0 ? "" : "; after " + (retries + 1) + " attempts";
    }

    public static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Builds {@link HttpExecutor}s. */
    public static final class Builder {
        private final String service;
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private RetryPolicy policy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ErrorReader errorReader = ErrorReader.generic();
        private final List<String> secrets = new ArrayList<>();
        private Runnable beforeAttempt = () -> { };
        private Consumer<RetryEvent> onRetry = e -> { };
        private CircuitBreaker breaker;

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** The JDK client to use; by default one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            this.client = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** Connect timeout of the default client. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.policy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public Builder errorReader(ErrorReader value) {
            this.errorReader = Objects.requireNonNull(value, "errorReader");
            return this;
        }

        /** Values masked wherever this executor logs. */
        public Builder secrets(Collection<String> values) {
            values.forEach(v -> {
                if (v != null && !v.isBlank()) {
                    secrets.add(v);
                }
            });
            return this;
        }

        /** Runs before every attempt, retries included: the hook for a client-side rate limiter. */
        public Builder beforeAttempt(Runnable value) {
            this.beforeAttempt = Objects.requireNonNull(value, "beforeAttempt");
            return this;
        }

        /** Told about every retry, after it is decided and before the wait. */
        public Builder onRetry(Consumer<RetryEvent> value) {
            this.onRetry = Objects.requireNonNull(value, "onRetry");
            return this;
        }

        /**
         * A breaker every attempt asks first and reports to: while it is open, {@link HttpExecutor#execute} fails at
         * once with {@link dev.worklog.error.CircuitOpenException} instead of calling and waiting out the retries.
         */
        public Builder circuitBreaker(CircuitBreaker value) {
            this.breaker = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        public HttpExecutor build() {
            return new HttpExecutor(this);
        }
    }
}
