package dev.worklog.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
    private static final String KEY = "sk-settings-test-123456";

    @Test
    void defaults_apply_when_only_the_key_is_set() {
        LlmSettings s = LlmSettings.read(WorkLogConfig.of(Map.of("OPENAI_API_KEY", KEY)), "openai", "gpt-4.1-mini",
                "https://api.openai.com/v1/");

        assertThat(s.provider()).isEqualTo("openai");
        assertThat(s.apiKey()).isEqualTo(KEY);
        assertThat(s.apiKeyVariable()).isEqualTo("OPENAI_API_KEY");
        assertThat(s.model()).isEqualTo("gpt-4.1-mini");
        assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(s.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
        assertThat(s.connectTimeout()).isEqualTo(LlmSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(s.temperature()).isEmpty();
        assertThat(s.retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(s.retryPolicy().maxServerWait()).contains(Duration.ofSeconds(60));
        assertThat(s.toString()).doesNotContain(KEY);
    }

    @Test
    void provider_variables_win_over_shared_ones() {
        LlmSettings s = LlmSettings.read(WorkLogConfig.of(Map.of("CLAUDE_API_KEY", KEY, "WORKLOG_LLM_TIMEOUT", "90",
                "CLAUDE_TIMEOUT", "2m", "LLM_TEMPERATURE", "0.2", "CLAUDE_TEMPERATURE", "1",
                "WORKLOG_LLM_MAX_RETRIES", "4", "CLAUDE_MAX_RETRIES", "1", "WORKLOG_MAX_RETRY_WAIT", "15s")),
                "CLAUDE", "m", "https://api.anthropic.com");

        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.temperature()).contains(1.0);
        assertThat(s.retryPolicy().maxRetries()).isEqualTo(1);
        assertThat(s.retryPolicy().maxServerWait()).contains(Duration.ofSeconds(15));
    }

    @Test
    void a_missing_key_names_the_variable() {
        assertThatThrownBy(() -> LlmSettings.read(WorkLogConfig.empty(), "GEMINI", "m", "https://x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GEMINI_API_KEY");
    }

    @Test
    void a_key_that_cannot_be_a_header_value_fails_without_echoing_it() {
        assertThatThrownBy(() -> LlmSettings.read(WorkLogConfig.of(Map.of("CLAUDE_API_KEY", "sk-ant-abc déf")),
                "CLAUDE", "m", "https://x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CLAUDE_API_KEY")
                .hasMessageNotContaining("abc");
    }

    @Test
    void invalid_values_name_the_variable() {
        WorkLogConfig base = WorkLogConfig.of(Map.of("OPENAI_API_KEY", KEY));
        assertThatThrownBy(() -> LlmSettings.read(base.with("OPENAI_TEMPERATURE", "3"), "OPENAI", "m", "https://x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OPENAI_TEMPERATURE");
        assertThatThrownBy(() -> LlmSettings.read(base.with("WORKLOG_LLM_TIMEOUT", "0"), "OPENAI", "m", "https://x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_LLM_TIMEOUT");
        LlmSettings s = LlmSettings.read(base.with("OPENAI_STRUCTURED_OUTPUT", "xml"), "OPENAI", "m", "https://x");
        assertThatThrownBy(() -> s.option("STRUCTURED_OUTPUT", "json_schema", "json_schema", "none"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OPENAI_STRUCTURED_OUTPUT")
                .hasMessageContaining("json_schema, none");
    }
}
