package dev.worklog.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlsTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080, http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/, http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1, http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1/, http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1/chat/completions, http://127.0.0.1:8080/v1",
        "https://api.openai.com/v1, https://api.openai.com/v1",
        "https://openrouter.ai/api/v1/, https://openrouter.ai/api/v1",
        "https://generativelanguage.googleapis.com/v1beta/openai/, https://generativelanguage.googleapis.com/v1beta/openai",
        "https://res.openai.azure.com/openai/v1, https://res.openai.azure.com/openai/v1",
    })
    void openai_compatible_roots_get_v1_only_when_they_have_no_path(String raw, String expected) {
        String base = BaseUrls.normalise("OPENAI_BASE_URL", raw, "/chat/completions");

        assertThat(BaseUrls.withDefaultVersion(base, "v1")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.anthropic.com, https://api.anthropic.com/v1",
        "https://api.anthropic.com/, https://api.anthropic.com/v1",
        "https://api.anthropic.com/v1/, https://api.anthropic.com/v1",
        "https://proxy.example.com/anthropic, https://proxy.example.com/anthropic/v1",
        "https://generativelanguage.googleapis.com/v1beta, https://generativelanguage.googleapis.com/v1beta",
    })
    void versioned_apis_get_their_version_unless_the_url_ends_in_one(String raw, String expected) {
        assertThat(BaseUrls.withVersion(BaseUrls.normalise("X_BASE_URL", raw), "v1")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:11434", "ftp://host/v1", "http:///v1", "https://host/v1?key=abc", "not a url"})
    void rejects_what_is_not_an_http_url_naming_the_variable(String raw) {
        assertThatThrownBy(() -> BaseUrls.normalise("OPENAI_BASE_URL", raw))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OPENAI_BASE_URL")
                .hasMessageNotContaining("key=abc");
    }
}
