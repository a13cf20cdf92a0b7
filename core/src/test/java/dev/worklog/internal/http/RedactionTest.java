package dev.worklog.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization: Bearer secret_abc.def | Authorization: ****",
        "authorization: Basic dXNlcjpwYXNz | authorization: ****",
        "x-api-key: sk-ant-api03-xyz | x-api-key: ****",
        "X-Goog-Api-Key: AIzaSyABC | X-Goog-Api-Key: ****",
        "sent headers {\"x-api-key\":\"sk-ant-123\"} | sent headers {\"x-api-key\":\"****\"}",
        "then Authorization: Bearer tok-1 was refused | then Authorization: **** was refused",
        "GET /v1beta/models?key=AIzaSy123&alt=sse | GET /v1beta/models?key=****&alt=sse",
        "GET /x?a=1&key=AIzaSy123 | GET /x?a=1&key=****",
        "GET /x?api_key=abc&token=def | GET /x?api_key=****&token=****",
        "using bearer eyJhbGciOi.payload.sig now | using bearer **** now",
        "Cookie: session=abc; other=def | Cookie: ****"
    })
    void masksCredentialPatterns(String input, String expected) {
        assertThat(Redaction.redact(input)).isEqualTo(expected);
    }

    @Test
    void masksKnownSecretValuesAnywhere() {
        String text = "the key sk-live-0123456789 was sent in a body: {\"k\":\"sk-live-0123456789\"}";

        assertThat(Redaction.redact(text, List.of("sk-live-0123456789")))
                .isEqualTo("the key **** was sent in a body: {\"k\":\"****\"}");
    }

    @Test
    void ignoresTooShortOrMissingSecretsAndLeavesOrdinaryTextAlone() {
        assertThat(Redaction.redact("abc keys are fine", java.util.Arrays.asList("abc", null, "")))
                .isEqualTo("abc keys are fine");
        assertThat(Redaction.redact("monkey=banana and keyboard: yes")).isEqualTo("monkey=banana and keyboard: yes");
        assertThat(Redaction.redact(null)).isNull();
        assertThat(Redaction.redact("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "x-api-key", "X-GOOG-API-KEY", "cookie", "Proxy-Authorization"})
    void secretHeadersAreRecognisedIgnoringCase(String name) {
        assertThat(Redaction.isSecretHeader(name)).isTrue();
        assertThat(Redaction.headerValue(name, "value")).isEqualTo(Redaction.MASK);
    }

    @Test
    void ordinaryHeadersAreKept() {
        assertThat(Redaction.isSecretHeader("content-type")).isFalse();
        assertThat(Redaction.headerValue("Notion-Version", "2025-09-03")).isEqualTo("2025-09-03");
    }
}
