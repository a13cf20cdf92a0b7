package dev.worklog.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedServicesTest {

    /** A service type nothing registers, so the class path alone contributes no implementation. */
    public interface Greeter {
        String name();
    }

    public static final class Alpha implements Greeter {
        @Override
        public String name() {
            return "alpha";
        }
    }

    public static final class Beta implements Greeter {
        @Override
        public String name() {
            return "Beta";
        }
    }

    public static final class AlphaImpostor implements Greeter {
        @Override
        public String name() {
            return "ALPHA";
        }
    }

    /** A provider that needs a key, as the vendor modules do. */
    public static final class KeyedFactory implements LlmProviderFactory {
        @Override
        public String name() {
            return "keyed";
        }

        @Override
        public List<String> requiredVariables() {
            return List.of("KEYED_API_KEY");
        }

        @Override
        public LlmProvider create(SpiContext context) {
            context.config().require("KEYED_API_KEY", "the API key of the keyed provider");
            throw new AssertionError("not reached in these tests");
        }
    }

    @TempDir
    Path dir;

    private ClassLoader loaderRegistering(String... classNames) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Greeter.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private static NamedServices<Greeter> discover(ClassLoader loader) {
        return NamedServices.discover(Greeter.class, Greeter::name, "greeter", "GREETER", loader);
    }

    @Test
    void zero_providers_give_an_error_that_says_none_is_on_the_class_path() throws Exception {
        NamedServices<Greeter> none = discover(loaderRegistering());
        assertThat(none.names()).isEmpty();
        assertThatThrownBy(() -> none.require("alpha")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GREETER=alpha is not available: no greeter is on the classpath");
    }

    @Test
    void one_provider_is_found_by_name_ignoring_case() throws Exception {
        NamedServices<Greeter> one = discover(loaderRegistering(Alpha.class.getName()));
        assertThat(one.names()).containsExactly("alpha");
        assertThat(one.require("ALPHA")).isInstanceOf(Alpha.class);
    }

    @Test
    void two_providers_are_both_found_and_an_unknown_name_lists_them() throws Exception {
        NamedServices<Greeter> two = discover(loaderRegistering(Alpha.class.getName(), Beta.class.getName()));
        assertThat(two.names()).containsExactly("alpha", "beta");
        assertThatThrownBy(() -> two.require("gamma")).hasMessageContaining("the greeters on the classpath are alpha, beta");
    }

    @Test
    void two_classes_claiming_one_name_is_an_error_naming_both() throws Exception {
        ClassLoader loader = loaderRegistering(Alpha.class.getName(), AlphaImpostor.class.getName());
        assertThatThrownBy(() -> discover(loader)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Alpha.class.getName()).hasMessageContaining(AlphaImpostor.class.getName());
    }

    @Test
    void a_null_context_class_loader_falls_back_to_cores_own_loader() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(null);
            assertThat(NamedServices.llmProviders().names()).contains("offline");
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void explicit_registration_works_without_service_loader() {
        NamedServices<Greeter> explicit = NamedServices.of(Greeter::name, "greeter", "GREETER", new Beta());
        assertThat(explicit.with("alpha", new Alpha()).names()).containsExactly("beta", "alpha");
    }

    @Test
    void an_unknown_llm_provider_fails_at_start_up_listing_the_providers_on_the_class_path() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("LLM_PROVIDER", "nope"));
        assertThatThrownBy(() -> WorkLogger.builder().config(config).repository(new InMemoryWorkLogRepository()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("LLM_PROVIDER=nope is not available")
                .hasMessageContaining("offline");
    }

    @Test
    void a_provider_whose_key_is_missing_fails_at_start_up_naming_the_variable() {
        WorkLogConfig config = WorkLogConfig.of(Map.of("LLM_PROVIDER", "keyed"));
        NamedServices<LlmProviderFactory> factories =
                NamedServices.of(LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER", new KeyedFactory());
        assertThatThrownBy(() -> WorkLogger.builder().config(config).providerFactories(factories)
                .repository(new InMemoryWorkLogRepository()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("KEYED_API_KEY is not set");
    }

    @Test
    void without_llm_provider_and_claude_key_the_offline_summarizer_is_used_and_said() {
        WorkLogger logger = WorkLogger.builder().config(WorkLogConfig.empty()).repository(new InMemoryWorkLogRepository())
                .build();
        assertThat(logger.provider().name()).isEqualTo("offline");
        assertThat(logger.startupNotes()).singleElement().asString().contains("using the offline summarizer");
    }
}
