package dev.worklog.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.WorkLogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpErrorsTest {
    private static UpstreamError error(int status) {
        return new UpstreamError("notion", status, "some_code", "it failed", "req-1", null, "");
    }

    @ParameterizedTest(name = "{0} quota={1} -> {2}")
    @CsvSource({
        "400, false, InvalidRequestException, false",
        "401, false, AuthenticationException, false",
        "403, false, PermissionDeniedException, false",
        "404, false, NotFoundException, false",
        "408, false, ServerException, true",
        "409, false, ServerException, true",
        "413, false, InvalidRequestException, false",
        "422, false, InvalidRequestException, false",
        "429, false, RateLimitException, true",
        "429, true, QuotaExceededException, false",
        "500, false, ServerException, true",
        "502, false, ServerException, true",
        "503, false, ServerException, true",
        "529, false, ServerException, true",
        "302, false, NonRetryableException, false"
    })
    void mapsStatusToExceptionClass(int status, boolean quota, String simpleName, boolean retryable) {
        WorkLogException e = HttpErrors.map(error(status), quota, "");

        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.upstream()).contains(error(status));
        assertThat(e.getMessage()).contains("notion HTTP " + status + " some_code: it failed (request id req-1)");
    }

    @Test
    void theClassesAreTheSdksOwn() {
        assertThat(HttpErrors.map(error(401), false, "")).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(HttpErrors.map(error(403), false, "")).isExactlyInstanceOf(PermissionDeniedException.class);
        assertThat(HttpErrors.map(error(404), false, "")).isExactlyInstanceOf(NotFoundException.class);
        assertThat(HttpErrors.map(error(400), false, "")).isExactlyInstanceOf(InvalidRequestException.class);
        assertThat(HttpErrors.map(error(429), false, "")).isExactlyInstanceOf(RateLimitException.class);
        assertThat(HttpErrors.map(error(429), true, "")).isExactlyInstanceOf(QuotaExceededException.class);
        assertThat(HttpErrors.map(error(500), false, "")).isExactlyInstanceOf(ServerException.class);
        assertThat(HttpErrors.map(error(302), false, "")).isExactlyInstanceOf(NonRetryableException.class)
                .hasMessageStartingWith("unexpected HTTP status: ");
    }

    @Test
    void messagesCarryDetailAndAdvice() {
        assertThat(HttpErrors.map(error(401), false, "after 3 attempts").getMessage())
                .isEqualTo("notion HTTP 401 some_code: it failed (request id req-1); after 3 attempts. Check the notion API key");
        assertThat(HttpErrors.map(error(429), false, null).getMessage()).endsWith(". Rate limited; try again later");
        assertThat(HttpErrors.map(error(429), true, "").getMessage())
                .endsWith(". The notion quota or spend limit is used up; raise it or wait for it to reset");
        assertThat(HttpErrors.map(error(500), false, "").getMessage())
                .isEqualTo("notion HTTP 500 some_code: it failed (request id req-1)");
    }

    @Test
    void describesNonJsonBodies() {
        assertThat(HttpErrors.describeNonJson("<!doctype html><html><title> 502 Bad Gateway </title></html>"))
                .isEqualTo("non-JSON (HTML) response: 502 Bad Gateway");
        assertThat(HttpErrors.describeNonJson("<html><body>x</body></html>")).isEqualTo("non-JSON (HTML) response");
        assertThat(HttpErrors.describeNonJson("upstream\n  connect error")).isEqualTo("non-JSON response: upstream connect error");
        assertThat(HttpErrors.describeNonJson("y".repeat(500))).hasSize("non-JSON response: ".length() + 203).endsWith("...");
    }
}
