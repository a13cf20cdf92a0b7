package dev.worklog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkLogConfigTest {
    @TempDir
    Path dir;

    @Test
    void parsesDotEnvSyntax() {
        Map<String, String> env = WorkLogConfig.parseDotEnv("""
                # a comment
                NOTION_API_KEY=secret_abc123

                export LLM_PROVIDER = gemini
                QUOTED="value with # hash"
                SINGLE='single quoted'
                TRAILING=plain value # comment
                HASH_NO_SPACE=a#b
                EQUALS=a=b=c
                EMPTY=
                KOREAN=한국어 값
                """);

        assertThat(env).containsEntry("NOTION_API_KEY", "secret_abc123")
                .containsEntry("LLM_PROVIDER", "gemini")
                .containsEntry("QUOTED", "value with # hash")
                .containsEntry("SINGLE", "single quoted")
                .containsEntry("TRAILING", "plain value")
                .containsEntry("HASH_NO_SPACE", "a#b")
                .containsEntry("EQUALS", "a=b=c")
                .containsEntry("EMPTY", "")
                .containsEntry("KOREAN", "한국어 값")
                .hasSize(9);
    }

    @Test
    void everyMalformedDotEnvLineIsAnErrorNamingItsLineNumberWithoutQuotingIt() throws Exception {
        Path dotEnv = Files.writeString(dir.resolve(".env"), String.join("\n",
                "# settings",
                "GOOD=1",
                "sk-ant-api03-pasted-secret-without-a-name",
                "=value-without-a-name",
                "this is free text with spaces = and an equals sign",
                "OPEN=\"never closed",
                "1BAD=starts with a digit",
                "ALSO_GOOD='x'",
                ""));
        assertThatThrownBy(() -> WorkLogConfig.load(Map.of(), dotEnv))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(dotEnv.toAbsolutePath() + ": 5 lines cannot be read:\n"
                        + "  line 3: no '=' (expected NAME=value)\n"
                        + "  line 4: no variable name before '='\n"
                        + "  line 5: the text before '=' is not a variable name (letters, digits and '_', not starting "
                        + "with a digit)\n"
                        + "  line 6: the value of OPEN opens a quote (\") that is not closed on the same line\n"
                        + "  line 7: the text before '=' is not a variable name (letters, digits and '_', not starting "
                        + "with a digit)")
                .message().doesNotContain("pasted-secret", "value-without", "free text", "never closed");
    }

    @Test
    void oneMalformedLineIsReportedInTheSingular() {
        assertThatThrownBy(() -> WorkLogConfig.parseDotEnv("A=1\r\nnonsense\r\n"))
                .hasMessage("1 line cannot be read:\n  line 2: no '=' (expected NAME=value)");
    }

    @Test
    void parsesCrlfDotEnv() {
        assertThat(WorkLogConfig.parseDotEnv("A=1\r\nB=2\r\n")).containsEntry("A", "1").containsEntry("B", "2");
    }

    @Test
    void environmentWinsOverDotEnv() throws Exception {
        Path dotEnv = Files.writeString(dir.resolve(".env"), "LLM_PROVIDER=openai\nPORT=9000\nLOG_FILE=from-dotenv.log\n");

        WorkLogConfig config = WorkLogConfig.load(Map.of("LLM_PROVIDER", "claude", "LOG_LEVEL", "DEBUG"), dotEnv);

        assertThat(config.get("LLM_PROVIDER")).contains("claude");
        assertThat(config.get("PORT")).contains("9000");
        assertThat(config.get("LOG_FILE")).contains("from-dotenv.log");
        assertThat(config.get("LOG_LEVEL")).contains("DEBUG");
    }

    @Test
    void aMissingDotEnvIsFineAndNullEnvironmentEntriesAreIgnored() {
        Map<String, String> env = new HashMap<>();
        env.put("A", "1");
        env.put("B", null);
        WorkLogConfig config = WorkLogConfig.load(env, dir.resolve("missing.env"));
        assertThat(config.names()).containsExactly("A");
        assertThat(WorkLogConfig.load(Map.of(), null).names()).isEmpty();
    }

    @Test
    void anUnreadableDotEnvNamesTheFile() throws Exception {
        Path dotEnv = Files.write(dir.resolve(".env"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> WorkLogConfig.load(Map.of(), dotEnv)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(dotEnv.toAbsolutePath().toString());
    }

    @Test
    void blankValuesCountAsUnset() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("A", "  ", "B", " x "));

        assertThat(config.get("A")).isEmpty();
        assertThat(config.isSet("A")).isFalse();
        assertThat(config.get("A", "fallback")).isEqualTo("fallback");
        assertThat(config.get("B")).contains("x");
    }

    @Test
    void requireNamesTheVariableAndItsPurpose() {
        assertThatThrownBy(() -> WorkLogConfig.empty().require("NOTION_DB1_ID", "the Daily Work Logs database"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("NOTION_DB1_ID is not set: the Daily Work Logs database. Set it in the environment or in .env");
    }

    @Test
    void getIntValidatesAndNamesTheVariable() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("PORT", "8080", "BAD", "eighty", "BIG", "70000"));

        assertThat(config.getInt("PORT", 8000, 1, 65535)).isEqualTo(8080);
        assertThat(config.getInt("UNSET", 8000, 1, 65535)).isEqualTo(8000);
        assertThatThrownBy(() -> config.getInt("BAD", 1, 1, 10)).isInstanceOf(ConfigurationException.class)
                .hasMessage("BAD must be a whole number, got 'eighty'");
        assertThatThrownBy(() -> config.getInt("BIG", 1, 1, 65535)).isInstanceOf(ConfigurationException.class)
                .hasMessage("BIG must be between 1 and 65535, got 70000");
    }

    @ParameterizedTest
    @CsvSource({"30,30000", "1.5,1500", "500ms,500", "30s,30000", "2m,120000", "PT45S,45000", "pt1m,60000", "0,0"})
    void getDurationUnderstandsUnits(String text, long millis) {
        assertThat(WorkLogConfig.of(Map.of("WAIT", text)).getDuration("WAIT", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void getDurationErrorsNameTheVariable() {
        assertThat(WorkLogConfig.empty().getDuration("WAIT", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> WorkLogConfig.of(Map.of("WORKLOG_MAX_RETRY_WAIT", "soon")).getDuration("WORKLOG_MAX_RETRY_WAIT", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("WORKLOG_MAX_RETRY_WAIT must be a duration").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> WorkLogConfig.of(Map.of("WAIT", "-5")).getDuration("WAIT", null))
                .isInstanceOf(ConfigurationException.class).hasMessage("WAIT must not be negative, got '-5'");
    }

    @Test
    void getListSplitsTrimsAndDropsBlanks() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("WORKLOG_CATEGORIES", " 신규기능 , ,버그픽스,", "COMMAS", ", ,"));

        assertThat(config.getList("WORKLOG_CATEGORIES", List.of())).containsExactly("신규기능", "버그픽스");
        assertThat(config.getList("COMMAS", List.of("d"))).containsExactly("d");
        assertThat(config.getList("UNSET", List.of("d"))).containsExactly("d");
    }

    @Test
    void secretValuesAreThoseOfSecretNames() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("NOTION_API_KEY", " secret_notion ", "API_AUTH_TOKEN", "tok-123",
                "DB_PASSWORD", "hunter22", "X_SECRET", "shh-shh", "SHORT_KEY", "abc", "NOTION_DB1_ID", "abcdef123456",
                "LLM_PROVIDER", "claude"));

        assertThat(config.secretValues()).containsExactlyInAnyOrder("secret_notion", "tok-123", "hunter22", "shh-shh");
        assertThat(WorkLogConfig.isSecretName("CLAUDE_API_KEY")).isTrue();
        assertThat(WorkLogConfig.isSecretName("NOTION_DB1_ID")).isFalse();
    }

    @Test
    void toStringShowsNamesNeverValues() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("CLAUDE_API_KEY", "sk-ant-secret", "PORT", "8000"));

        assertThat(config.toString()).contains("CLAUDE_API_KEY", "PORT").doesNotContain("sk-ant-secret", "8000");
    }

    @Test
    void withAndWithoutMakeCopies() {
        WorkLogConfig base = WorkLogConfig.of(Map.of("A", "1"));
        WorkLogConfig more = base.with("B", "2");
        WorkLogConfig less = more.without("A");

        assertThat(base.names()).containsExactly("A");
        assertThat(more.names()).containsExactly("A", "B");
        assertThat(less.names()).containsExactly("B");
        assertThatThrownBy(() -> base.names().add("C")).isInstanceOf(UnsupportedOperationException.class);
    }
}
