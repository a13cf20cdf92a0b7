package dev.worklog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.internal.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void defaultsAreTwoRetriesHalfASecondDoublingToEightWithSixtySecondServerCap() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.maxRetries()).isEqualTo(2);
        assertThat(p.maxServerWait()).contains(Duration.ofSeconds(60));
        assertThat(p.totalBudget()).isEmpty();
        assertThat(RetryPolicy.none().maxRetries()).isZero();
    }

    @Test
    void backoffDoublesUpToTheCapWithoutJitterWhenRandomIsZero() {
        RetryPolicy p = RetryPolicy.builder().random(() -> 0.0).build();

        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(5), p.backoff(6)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @ParameterizedTest
    @CsvSource({"1.0,0.25,750", "0.5,0.25,875", "0.999,1.0,1", "1.0,0.0,1000"})
    void jitterTakesOffUpToItsFraction(double random, double jitter, long millis) {
        RetryPolicy p = RetryPolicy.builder().random(() -> random).jitter(jitter).build();

        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void customBackoffSettingsApply() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(3))
                .random(() -> 0.0).build();

        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3))).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void aBuiltPolicyDoesNotChangeWithItsBuilder() {
        RetryPolicy.Builder b = RetryPolicy.builder().maxRetries(5);
        RetryPolicy p = b.build();
        b.maxRetries(1).totalBudget(Duration.ofSeconds(1));

        assertThat(p.maxRetries()).isEqualTo(5);
        assertThat(p.totalBudget()).isEmpty();
        RetryPolicy copy = p.toBuilder().maxServerWait(null).build();
        assertThat(copy.maxRetries()).isEqualTo(5);
        assertThat(copy.maxServerWait()).isEmpty();
        assertThat(p.maxServerWait()).isPresent();
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(21)).hasMessageContaining("between 0 and 20");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(-1)))
                .hasMessageContaining("initialBackoff must not be negative");
        assertThatThrownBy(() -> RetryPolicy.builder().random(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void retryableStatuses(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 403, 404, 413, 422})
    void nonRetryableStatuses(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isFalse();
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void retryAfterReadsSecondsMillisecondsAndDates() {
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of("2"))), CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of(" 1.5 "))), CLOCK)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse(headers(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("9"))), CLOCK))
                .contains(Duration.ofMillis(250));
        assertThat(RetryAfter.parse(headers(Map.of("retry-after-ms", List.of("soon"), "retry-after", List.of("9"))), CLOCK))
                .contains(Duration.ofSeconds(9));
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of("Tue, 24 Nov 2026 10:01:00 GMT"))), CLOCK))
                .contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of("Tue, 24 Nov 2026 09:00:00 GMT"))), CLOCK))
                .contains(Duration.ZERO);
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of("whenever"))), CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(headers(Map.of("retry-after", List.of("-3"))), CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(headers(Map.of()), CLOCK)).isEmpty();
    }
}
