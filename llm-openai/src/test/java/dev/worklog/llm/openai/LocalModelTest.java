package dev.worklog.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.RollupStatus;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ServerException;
import dev.worklog.internal.llm.LlmSettings;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.Period;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.SummaryInput;
import dev.worklog.testing.InMemoryWorkLogRepository;
import dev.worklog.testing.VendorFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible provider against local model servers ({@link LocalModelServer}: Ollama, an older llama.cpp
 * server, vLLM without guided decoding), configured as the docs tell a user to: {@code OPENAI_BASE_URL} a bare
 * loopback host, any key, the model's id. Each flavour's quirk is handled and a weekly roll-up goes through.
 */
class LocalModelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final String REPLY = "{\"achievements\":[{\"title\":\"Search p99 cut\",\"situation\":\"Search was "
            + "slow\",\"task\":\"Cut p99\",\"action\":\"Added a cache\",\"result\":\"p99 fell from 800 ms to 120 ms\","
            + "\"tech_stack\":[\"Redis\"],\"metrics\":[\"p99 800 ms → 120 ms\"],\"source_ids\":[\"log-1\"]}],"
            + "\"key_highlights\":[\"Search p99 down\"]}";

    @TempDir
    Path dir;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private LocalModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ollama_takes_the_schema_the_old_token_field_and_a_lookup_by_id() throws Exception {
        server = new LocalModelServer(LocalModelServer.Flavour.OLLAMA, prompt -> REPLY);
        LlmProvider p = provider(Map.of("OPENAI_MAX_TOKENS_FIELD", "max_tokens"));

        LlmResponse r = p.complete(request());

        assertThat(r.text()).isEqualTo(REPLY);
        JsonNode body = server.requests.get(0);
        assertThat(body.path("model").asText()).isEqualTo(LocalModelServer.MODEL);
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(server.paths).containsExactly("POST /v1/chat/completions");
        HealthCheck health = p.checkHealth();
        assertThat(health.checked()).isTrue();
        assertThat(health.detail()).contains(LocalModelServer.MODEL);
        assertThat(server.paths).contains("GET /v1/models/" + LocalModelServer.MODEL);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void llama_cpp_refusing_the_schema_gets_json_mode_and_is_remembered() throws Exception {
        server = new LocalModelServer(LocalModelServer.Flavour.LLAMA_CPP, prompt -> REPLY);
        Path log = dir.resolve("execution.log");
        LlmProvider p = provider(Map.of("WORKLOG_LLM_MAX_RETRIES", "0"), log);

        assertThat(p.complete(request()).text()).isEqualTo(REPLY);
        assertThat(p.complete(request()).text()).isEqualTo(REPLY);

        List<String> formats = formats();
        assertThat(formats).containsExactly("json_schema", "json_object", "json_object");
        // in JSON mode the schema travels in the system message, since the server cannot enforce it
        assertThat(server.requests.get(1).path("messages").get(0).path("content").asText()).contains("JSON Schema");
        assertThat(Files.readString(log)).contains("rejected response_format json_schema",
                "OPENAI_STRUCTURED_OUTPUT=json_object");
        // only the list of models is served: the model is fine when the list names it
        assertThat(p.checkHealth().detail()).isEqualTo("model " + LocalModelServer.MODEL + " is served (GET "
                + server.baseUrl() + "/v1/models)");
        assertThat(server.paths).contains("GET /v1/models/" + LocalModelServer.MODEL, "GET /v1/models");
    }

    @Test
    void a_model_the_server_does_not_list_is_named_with_the_ones_it_does() throws Exception {
        server = new LocalModelServer(LocalModelServer.Flavour.LLAMA_CPP, prompt -> REPLY);
        LlmProvider p = provider(Map.of("OPENAI_MODEL", "llama3.1:8b"));

        assertThatThrownBy(p::checkHealth).hasMessageContaining("does not serve the model 'llama3.1:8b'")
                .hasMessageContaining("it lists " + LocalModelServer.MODEL).hasMessageContaining("OPENAI_MODEL");
    }

    @Test
    void a_fixed_structured_output_mode_is_not_second_guessed() throws Exception {
        server = new LocalModelServer(LocalModelServer.Flavour.LLAMA_CPP, prompt -> REPLY);
        LlmProvider p = provider(Map.of("OPENAI_STRUCTURED_OUTPUT", "json_schema", "WORKLOG_LLM_MAX_RETRIES", "0"));

        assertThatThrownBy(() -> p.complete(request())).isInstanceOf(ServerException.class)
                .hasMessageContaining("response_format");
        assertThat(formats()).containsExactly("json_schema");
    }

    @Test
    void vllm_without_guided_decoding_gets_prompt_only_json_and_a_roll_up_goes_through() throws Exception {
        server = new LocalModelServer(LocalModelServer.Flavour.VLLM, VendorFake::defaultRollup);
        Map<String, String> env = new LinkedHashMap<>(base());
        env.put("LLM_PROVIDER", "openai");
        env.put("LOG_FILE", dir.resolve("execution.log").toString());
        InMemoryWorkLogRepository repository = new InMemoryWorkLogRepository();
        try (WorkLogger logger = WorkLogger.builder().config(WorkLogConfig.of(env)).repository(repository)
                .clock(CLOCK).zone(ZoneOffset.UTC).sleeper(sleeps::add).build()) {
            for (String date : List.of("2026-11-17", "2026-11-19")) {
                assertThat(logger.log(DailyLogDraft.builder().title("Search API " + date).category("성능개선")
                        .impactLevel("High").techStack(List.of("Redis")).loggedDate(date)
                        .metrics("p99 800ms → 120ms").context("### Situation\nslow\n### Result\np99 800ms → 120ms")
                        .build()).stored()).isTrue();
            }
            WeeklyResult week = logger.summarizeWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());

            assertThat(week.status()).isEqualTo(RollupStatus.WRITTEN);
            assertThat(week.rollup().achievements()).isNotEmpty();
            assertThat(week.rollup().generation().provider()).isEqualTo("openai");
        }
        // json_schema and json_object refused with 400 (not retried), then the schema in the prompt only; the
        // fenced reply after a <think> block parses
        assertThat(formats()).containsExactly("json_schema", "json_object", "");
        assertThat(server.requests.get(2).path("messages").get(0).path("content").asText()).contains("JSON Schema");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_loopback_base_url_gets_the_long_default_timeout_and_a_set_one_wins() {
        WorkLogConfig local = WorkLogConfig.of(Map.of("OPENAI_API_KEY", "x", "OPENAI_BASE_URL", "http://localhost:11434"));
        WorkLogConfig cloud = WorkLogConfig.of(Map.of("OPENAI_API_KEY", "x"));
        WorkLogConfig set = WorkLogConfig.of(Map.of("OPENAI_API_KEY", "x", "OPENAI_BASE_URL", "http://127.0.0.1:8000/v1",
                "OPENAI_TIMEOUT", "90s"));

        assertThat(read(local).timeout()).isEqualTo(LlmSettings.LOCAL_DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(20));
        assertThat(read(local).local()).isTrue();
        assertThat(read(cloud).timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
        assertThat(read(cloud).local()).isFalse();
        assertThat(read(set).timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    private static LlmSettings read(WorkLogConfig config) {
        return LlmSettings.read(config, "OPENAI", OpenAiProviderFactory.DEFAULT_MODEL,
                OpenAiProviderFactory.DEFAULT_BASE_URL);
    }

    private List<String> formats() {
        List<String> out = new ArrayList<>();
        server.requests.forEach(b -> out.add(b.path("response_format").path("type").asText("")));
        return out;
    }

    private Map<String, String> base() {
        return Map.of("OPENAI_API_KEY", "ollama", "OPENAI_BASE_URL", server.baseUrl(), "OPENAI_MODEL",
                LocalModelServer.MODEL);
    }

    private LlmProvider provider(Map<String, String> overrides) {
        return provider(overrides, dir.resolve("execution.log"));
    }

    private LlmProvider provider(Map<String, String> overrides, Path log) {
        Map<String, String> env = new LinkedHashMap<>(base());
        env.putAll(overrides);
        return new OpenAiProviderFactory().create(new SpiContext(WorkLogConfig.of(env), CLOCK, sleeps::add,
                ExecutionLog.toFile(log, CLOCK, ZoneOffset.UTC, List.of())));
    }

    private static LlmRequest request() {
        SummaryInput input = new SummaryInput.Weekly(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)),
                List.of(), "en");
        return new LlmRequest("You condense work logs.", "Summarise the week. (id: log-1)", "weekly_rollup",
                "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"achievements\",\"key_highlights\"],"
                        + "\"properties\":{\"achievements\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},"
                        + "\"key_highlights\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}",
                2048, input);
    }
}
