package dev.worklog.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.WorkLogRepositoryFactory;
import dev.worklog.store.LocalRepositoryFactory;
import dev.worklog.summarize.OfflineSummarizerFactory;
import dev.worklog.testing.DoctorFakes;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedConfigTest {
    private final DoctorFakes.Llm llm = new DoctorFakes.Llm();

    /** A provider that, like Claude, is chosen when its key is set. */
    private final LlmProviderFactory keyed = llm.factory(new LlmProviderFactory() {
        @Override
        public String name() {
            return "keyed";
        }

        @Override
        public List<String> requiredVariables() {
            return List.of("KEYED_API_KEY");
        }

        @Override
        public dev.worklog.spi.LlmProvider create(dev.worklog.spi.SpiContext context) {
            throw new AssertionError();
        }

        @Override
        public boolean selectedByDefault(WorkLogConfig config) {
            return config.isSet("KEYED_API_KEY");
        }
    });

    private ResolvedConfig resolved(Map<String, String> variables) {
        return new ResolvedConfig(WorkLogConfig.of(variables),
                NamedServices.of(WorkLogRepositoryFactory::name, "store", "WORKLOG_STORE", new LocalRepositoryFactory()),
                NamedServices.of(LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER", keyed,
                        new OfflineSummarizerFactory()));
    }

    @Test
    void aProviderIsChosenByNameElseByItsOwnDefaultElseOffline() {
        assertThat(resolved(Map.of("LLM_PROVIDER", "Offline", "KEYED_API_KEY", "k")).providerName()).isEqualTo("offline");
        assertThat(resolved(Map.of("KEYED_API_KEY", "k")).providerName()).isEqualTo("keyed");
        assertThat(resolved(Map.of("KEYED_API_KEY", "k")).providerNote()).isEmpty();

        ResolvedConfig none = resolved(Map.of());
        assertThat(none.providerName()).isEqualTo("offline");
        assertThat(none.providerNote()).hasValue("LLM_PROVIDER is not set and no provider is configured: using the "
                + "offline summarizer (no LLM). Set LLM_PROVIDER=keyed and its key to use a model.");
    }

    @Test
    void theStoreIsNamedOrLocal() {
        assertThat(resolved(Map.of()).storeName()).isEqualTo("local");
        assertThat(resolved(Map.of("WORKLOG_STORE", "other")).storeName()).isEqualTo("other");
        assertThatThrownBy(() -> resolved(Map.of("WORKLOG_STORE", "other")).store())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_STORE=other is not available");
    }

    @Test
    void fallbacksLeaveTheMainProviderOut() {
        assertThat(resolved(Map.of("LLM_FALLBACK", "keyed, offline ,Keyed")).fallbackNames("keyed"))
                .containsExactly("offline");
    }

    @Test
    void everyPartIsResolvedOnItsOwnAndABadOneNamesItsVariable() {
        ResolvedConfig bad = resolved(Map.of("WORKLOG_TIMEZONE", "Seoul", "WORKLOG_LANGUAGE", "fr",
                "WORKLOG_STATUSES", "a,,b", "WORKLOG_MAX_OUTPUT_TOKENS", "10", "LOG_FILE", "x/y.log"));

        assertThatThrownBy(bad::zone).isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_TIMEZONE");
        assertThatThrownBy(bad::language).hasMessageContaining("WORKLOG_LANGUAGE must be ko or en, got 'fr'");
        assertThatThrownBy(bad::maxOutputTokens).hasMessageContaining("WORKLOG_MAX_OUTPUT_TOKENS");
        assertThat(bad.logOptions().statuses()).containsExactly("a", "b");
        assertThat(bad.executionLogFile()).contains(Path.of("x/y.log"));
        assertThat(resolved(Map.of("LOG_FILE", " - ")).executionLogFile()).as("LOG_FILE=-: the console only").isEmpty();

        ResolvedConfig good = resolved(Map.of("WORKLOG_TIMEZONE", "Asia/Seoul", "WORKLOG_LANGUAGE", " EN "));
        assertThat(good.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(good.language()).isEqualTo("en");
        assertThat(good.maxOutputTokens()).isEqualTo(ResolvedConfig.DEFAULT_MAX_OUTPUT_TOKENS);
    }
}
