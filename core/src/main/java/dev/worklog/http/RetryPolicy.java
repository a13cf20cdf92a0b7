package dev.worklog.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before trying an HTTP call again. Immutable; build with {@link #builder()} or start
 * from {@link #defaults()}.
 *
 * <p>Retried: 408, 409, 429, every 5xx (529 included) and I/O errors, unless the server says
 * {@code x-should-retry: false} or the failure is a used-up quota. The wait is what the server asked for
 * ({@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date), otherwise
 * {@code initialBackoff × 2^(n-1)} capped at {@code maxBackoff}, minus up to {@code jitter} of it. A server-requested
 * wait longer than {@code maxServerWait} ends the retries with a message saying so, and so does a total wait beyond
 * {@code totalBudget}.
 *
 * <pre>{@code
 * RetryPolicy notion = RetryPolicy.builder().maxRetries(5).maxServerWait(null).totalBudget(Duration.ofMinutes(10)).build();
 * }</pre>
 */
public final class RetryPolicy {
    /** Retries after the first attempt, as the vendors' own SDKs do. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The first backoff. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    /** The longest computed backoff. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
    /** The longest server-requested wait we accept before giving up. */
    public static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofSeconds(60);
    /** Up to this fraction of a computed backoff is taken off at random. */
    public static final double DEFAULT_JITTER = 0.25;

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxServerWait;
    private final Duration totalBudget;
    private final double jitter;
    private final DoubleSupplier random;

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxServerWait = b.maxServerWait;
        this.totalBudget = b.totalBudget;
        this.jitter = b.jitter;
        this.random = b.random;
    }

    /** Two retries, 0.5 s doubling to 8 s with 25 % jitter, server waits up to 60 s, no total budget. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** No retry at all. */
    public static RetryPolicy none() {
        return builder().maxRetries(0).build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.maxServerWait = maxServerWait;
        b.totalBudget = totalBudget;
        b.jitter = jitter;
        b.random = random;
        return b;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The cap on a single server-requested wait; empty means no cap (then only the total budget limits). */
    public Optional<Duration> maxServerWait() {
        return Optional.ofNullable(maxServerWait);
    }

    /** The cap on all waits of one call together; empty means none. */
    public Optional<Duration> totalBudget() {
        return Optional.ofNullable(totalBudget);
    }

    /** The computed wait before retry number {@code retry} (1-based), jitter applied. */
    public Duration backoff(int retry) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double jittered = capped * (1 - jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(0, Math.round(jittered)));
    }

    /** Whether an HTTP status is worth retrying at all. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** Builds {@link RetryPolicy}s; changing a builder never changes a policy already built. */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration maxServerWait = DEFAULT_MAX_SERVER_WAIT;
        private Duration totalBudget;
        private double jitter = DEFAULT_JITTER;
        private DoubleSupplier random = Math::random;

        private Builder() {
        }

        /** Retries after the first attempt, 0 to 20. */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 20) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 20, got " + value);
            }
            this.maxRetries = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            this.initialBackoff = positive(value, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
            return this;
        }

        /** The longest single server-requested wait accepted; {@code null} for no cap. */
        public Builder maxServerWait(Duration value) {
            this.maxServerWait = value == null ? null : positive(value, "maxServerWait");
            return this;
        }

        /** The longest total wait of one call; {@code null} for none. */
        public Builder totalBudget(Duration value) {
            this.totalBudget = value == null ? null : positive(value, "totalBudget");
            return this;
        }

        /** The fraction, 0 to 1, of a computed backoff that may be taken off at random. */
        public Builder jitter(double value) {
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, got " + value);
            }
            this.jitter = value;
            return this;
        }

        /** The source of randomness for jitter, values in [0, 1); tests pass a constant. */
        public Builder random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }
}
