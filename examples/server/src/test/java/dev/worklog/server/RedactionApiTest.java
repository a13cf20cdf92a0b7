package dev.worklog.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.testing.SensitiveWeek;
import dev.worklog.testing.VendorFake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redaction through the REST API of a server process, against the loopback vendor fake that records every request:
 * the week of {@link SensitiveWeek} is posted to {@code /daily-logs}, then {@code /weekly-summaries} shows its prompt
 * ({@code show_prompt}) and runs, for each of the three vendors. Nothing sensitive reaches a request body, every
 * figure does, the answer and the stored roll-up have the values back in the right achievements, the preview is the
 * prompt the run sends, a mangled placeholder is a warning, and {@code WORKLOG_REDACT=off} sends the notes as written.
 */
class RedactionApiTest {
    @TempDir
    Path dir;
    private VendorFake vendor;
    private Path terms;

    @BeforeEach
    void start() throws Exception {
        vendor = new VendorFake().responder(SensitiveWeek::echo);
        terms = dir.resolve("terms.txt");
        Files.writeString(terms, SensitiveWeek.TERMS, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"claude", "openai", "gemini"})
    void nothing_sensitive_reaches_the_vendor_and_the_roll_up_has_it_back(String provider) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, variables(provider), null)) {
            postTheWeek(server);

            ServerProcess.Answer preview = server.post("/weekly-summaries", "{\"week\":\"" + SensitiveWeek.WEEK
                    + "\",\"dry_run\":true,\"show_prompt\":true}", null);
            assertThat(preview.status()).as(preview.json().toString()).isEqualTo(200);
            assertThat(vendor.requests).as("a preview sends nothing").isEmpty();
            JsonNode shown = preview.json();
            assertThat(shown.path("status").asText()).isEqualTo("prompt_preview");
            assertThat(shown.path("sent").asBoolean(true)).isFalse();
            assertThat(shown.path("leaves_machine").asBoolean()).isTrue();
            assertThat(shown.path("redaction").path("mode").asText()).isEqualTo("standard");
            assertThat(shown.path("redaction").path("values").path("customer").asInt()).isEqualTo(3);
            assertThat(shown.path("redaction").path("values").path("email").asInt()).isEqualTo(3);
            assertThat(shown.path("redaction").path("values").path("ticket").asInt()).isEqualTo(4);

            ServerProcess.Answer run = server.post("/weekly-summaries", "{\"week\":\"" + SensitiveWeek.WEEK + "\"}",
                    null);
            assertThat(run.status()).as(run.json().toString()).isEqualTo(200);
            assertThat(vendor.requests).hasSize(1);
            String body = vendor.requests.get(0).body();
            for (String value : SensitiveWeek.sensitive()) {
                assertThat(body.toLowerCase(Locale.ROOT)).as("the request to %s", provider)
                        .doesNotContain(value.toLowerCase(Locale.ROOT));
            }
            String sent = vendor.requests.get(0).prompt();
            assertThat(sent).contains(SensitiveWeek.numbers());
            assertThat(shown.path("request").path("prompt").asText()).as("the preview is what the run sends")
                    .isEqualTo(sent);

            JsonNode achievements = run.json().path("rollup").path("achievements");
            List<SensitiveWeek.Log> logs = SensitiveWeek.logs();
            assertThat(achievements).hasSize(logs.size());
            for (int i = 0; i < logs.size(); i++) {
                assertThat(achievements.get(i).path("title").asText()).isEqualTo(logs.get(i).draft().title());
                assertThat(achievements.get(i).path("action").asText()).contains(logs.get(i).sensitive());
            }
            assertThat(run.json().toString()).doesNotContain("not a placeholder");
            String stored = storedWeek();
            assertThat(stored).contains(SensitiveWeek.sensitive()).doesNotContainPattern("\\[[A-Z]+_\\d+]");

            // a model that invents or mangles a placeholder: a warning, and the token left as it was
            vendor.responder(prompt -> SensitiveWeek.echo(prompt, true));
            ServerProcess.Answer mangled = server.post("/weekly-summaries", "{\"week\":\"" + SensitiveWeek.WEEK
                    + "\",\"force\":true}", null);
            assertThat(mangled.status()).as(mangled.json().toString()).isEqualTo(200);
            assertThat(mangled.json().path("warnings").toString())
                    .contains("the model wrote [HOST_99], which is not a placeholder this run made",
                            "the model wrote [Customer 1]");
            assertThat(mangled.json().path("rollup").path("achievements").path(0).path("action").asText())
                    .contains("[HOST_99]", "[Customer 1]").contains(logs.get(0).sensitive());
            assertThat(storedWeek()).contains("[HOST_99]");
        }
    }

    @Test
    void with_redaction_off_the_request_carries_the_notes_as_written() throws Exception {
        Map<String, String> variables = variables("openai");
        variables.put("WORKLOG_REDACT", "off");
        try (ServerProcess server = ServerProcess.start(dir, variables, null)) {
            postTheWeek(server);
            ServerProcess.Answer preview = server.post("/weekly-summaries", "{\"week\":\"" + SensitiveWeek.WEEK
                    + "\",\"show_prompt\":true}", null);
            assertThat(preview.json().path("redaction").path("mode").asText()).isEqualTo("off");
            assertThat(preview.json().path("request").path("prompt").asText()).contains(SensitiveWeek.sensitive());

            ServerProcess.Answer run = server.post("/weekly-summaries", "{\"week\":\"" + SensitiveWeek.WEEK + "\"}",
                    null);
            assertThat(run.status()).as(run.json().toString()).isEqualTo(200);
            assertThat(vendor.requests.get(0).prompt()).contains(SensitiveWeek.sensitive())
                    .doesNotContainPattern("\\[[A-Z]+_\\d+]");
        }
    }

    private Map<String, String> variables(String provider) {
        String prefix = provider.toUpperCase(Locale.ROOT);
        return ServerProcess.variables("LLM_PROVIDER", provider, prefix + "_API_KEY", VendorFake.KEY,
                prefix + "_BASE_URL", vendor.baseUrl(), "WORKLOG_REDACT_TERMS_FILE", terms.toString(),
                "WORKLOG_DATA_DIR", dir.resolve("data").toString(), "WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString(),
                "LOG_FILE", dir.resolve("execution.log").toString(), "WORKLOG_TIMEZONE", "Asia/Seoul");
    }

    private static void postTheWeek(ServerProcess server) {
        for (SensitiveWeek.Log log : SensitiveWeek.logs()) {
            ServerProcess.Answer a = server.post(log.json(), null);
            assertThat(a.status()).as(a.json().toString()).isEqualTo(201);
        }
    }

    private String storedWeek() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("data").resolve("weekly"))) {
            List<Path> md = files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList());
            assertThat(md).hasSize(1);
            return Files.readString(md.get(0), StandardCharsets.UTF_8);
        }
    }
}
