package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.testing.SensitiveWeek;
import dev.worklog.testing.VendorFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redaction through the CLI process, against the loopback vendor fake that records every request: a week of notes
 * full of e-mail addresses, IPs, internal URLs, ticket keys and customer names ({@link SensitiveWeek}) is logged with
 * {@code worklog daily}, then rolled up for each of the three vendors. None of those values reaches a request body,
 * every figure does, the stored roll-up has them back in the achievement of the log they came from, a placeholder
 * the model mangles is a warning, {@code --show-prompt} prints exactly the prompt a run sends, and with
 * {@code WORKLOG_REDACT=off} the notes go as written.
 */
class RedactionEndToEndTest {
    /** The store with the week logged once through the CLI; each test works on a copy. */
    @TempDir
    static Path seeded;
    private static Path seedData;

    @TempDir
    Path work;
    private VendorFake vendor;
    private Path data;
    private Path logFile;
    private Path terms;

    @BeforeAll
    static void logTheWeek() throws IOException {
        seedData = seeded.resolve("data");
        CliRunner cli = new CliRunner(seeded, seedData, seeded.resolve("seed.log"), "Asia/Seoul");
        for (SensitiveWeek.Log log : SensitiveWeek.logs()) {
            CliRunner.Run run = cli.run(log.json(), Map.of(), "daily", "--json", "-");
            assertThat(run.code).as(run.toString()).isZero();
        }
    }

    @BeforeEach
    void start() throws IOException {
        vendor = new VendorFake().responder(SensitiveWeek::echo);
        data = work.resolve("data");
        copy(seedData, data);
        logFile = work.resolve("execution.log");
        terms = work.resolve("terms.txt");
        Files.writeString(terms, SensitiveWeek.TERMS, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"claude", "openai", "gemini"})
    void no_sensitive_value_reaches_the_vendor_and_the_stored_roll_up_has_them_back(String provider)
            throws IOException {
        CliRunner.Run weekly = cli().run("", env(provider), "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();

        assertThat(vendor.requests).hasSize(1);
        String body = vendor.requests.get(0).body();
        String prompt = vendor.requests.get(0).prompt();
        for (String value : SensitiveWeek.sensitive()) {
            assertThat(body).as("the request to %s", provider).doesNotContain(value);
            assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(value.toLowerCase(Locale.ROOT));
        }
        assertThat(prompt).contains("[CUSTOMER_1]", "[CUSTOMER_2]", "[PROJECT_1]", "[EMAIL_1]", "[IP_1]", "[URL_1]",
                "[HOST_1]", "[TICKET_1]", "[SECRET_1]");
        for (String figure : SensitiveWeek.numbers()) {
            assertThat(prompt).as("figures reach the model unchanged").contains(figure);
        }

        // each achievement is made from one log: its values are back in that achievement, not in another's
        String stored = Files.readString(only("weekly"), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContainPattern("\\[[A-Z]+_\\d+]");
        List<String> sections = achievements(stored);
        List<SensitiveWeek.Log> logs = SensitiveWeek.logs();
        assertThat(sections).hasSize(logs.size());
        for (int i = 0; i < logs.size(); i++) {
            assertThat(sections.get(i)).as("achievement %d", i + 1).contains(logs.get(i).draft().title())
                    .contains(logs.get(i).sensitive());
        }
        assertThat(weekly.out).doesNotContain("not a placeholder");

        // the execution log counts what was replaced, by kind, and names none of it
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(log).contains("redaction standard: the request to " + provider, "customer 3", "project 1",
                "email 3", "ticket 4");
        for (String value : SensitiveWeek.sensitive()) {
            assertThat(log + weekly.err).doesNotContain(value);
        }
    }

    @Test
    void the_monthly_roll_up_is_redacted_on_the_way_out_and_restored_in_the_store_the_same_way() throws IOException {
        CliRunner.Run weekly = cli().run("", env("gemini"), "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();
        CliRunner.Run monthly = cli().run("", env("gemini"), "monthly", "--month", "2026-11");
        assertThat(monthly.code).as(monthly.toString()).isZero();

        assertThat(vendor.requests).hasSize(2);
        String body = vendor.requests.get(1).body();
        for (String value : SensitiveWeek.sensitive()) {
            assertThat(body.toLowerCase(Locale.ROOT)).as("the monthly request").doesNotContain(
                    value.toLowerCase(Locale.ROOT));
        }
        assertThat(vendor.requests.get(1).prompt()).contains("[CUSTOMER_1]", "[EMAIL_1]");
        String stored = Files.readString(only("monthly"), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContainPattern("\\[[A-Z]+_\\d+]").contains(SensitiveWeek.logs().get(0).sensitive());
        assertThat(monthly.out).doesNotContain("not a placeholder");
    }

    @Test
    void show_prompt_prints_exactly_what_the_run_then_sends_and_sends_nothing() throws IOException {
        CliRunner.Run preview = cli().run("", env("claude"), "weekly", "--week", SensitiveWeek.WEEK, "--dry-run",
                "--show-prompt");
        assertThat(preview.code).as(preview.toString()).isZero();
        assertThat(vendor.requests).isEmpty();
        assertThat(markdown("weekly")).isEmpty();
        assertThat(preview.out).contains("Redaction: standard", "customer 3", "email 3", "ticket 4",
                "nothing was sent and nothing stored");
        for (String value : SensitiveWeek.sensitive()) {
            assertThat(preview.out).doesNotContain(value);
        }

        CliRunner.Run weekly = cli().run("", env("claude"), "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();
        String sent = vendor.requests.get(0).prompt();
        String shown = preview.out.substring(preview.out.indexOf("----- prompt -----\n") + 19,
                preview.out.indexOf("\n----- end"));
        assertThat(shown).isEqualTo(sent.stripTrailing());
    }

    @Test
    void a_review_dry_run_shows_the_prompt_as_it_would_leave_the_machine() throws IOException {
        CliRunner.Run weekly = cli().run("", env("claude"), "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();
        int sent = vendor.requests.size();

        CliRunner.Run dry = cli().run("", env("claude"), "review", "--from", "2026-11", "--to", "2026-11",
                "--dry-run");
        assertThat(dry.code).as(dry.toString()).isZero();
        assertThat(dry.err).contains("Status: DRY_RUN");
        assertThat(vendor.requests).as("a dry run sends nothing").hasSize(sent);
        assertThat(dry.out).containsPattern("\\[(CUSTOMER|EMAIL|TICKET)_\\d+]");
        for (String value : SensitiveWeek.sensitive()) {
            assertThat(dry.out).doesNotContain(value);
        }

        // the same dry run without redaction shows the values: the prompt above did carry them before redaction
        Map<String, String> off = new LinkedHashMap<>(env("claude"));
        off.put("WORKLOG_REDACT", "off");
        CliRunner.Run plain = cli().run("", off, "review", "--from", "2026-11", "--to", "2026-11", "--dry-run");
        assertThat(plain.code).as(plain.toString()).isZero();
        assertThat(plain.out).contains("Globex").doesNotContainPattern("\\[CUSTOMER_\\d+]");
    }

    @Test
    void a_placeholder_the_model_mangles_is_a_warning_and_stays_visible() throws IOException {
        vendor.responder(prompt -> SensitiveWeek.echo(prompt, true));
        CliRunner.Run weekly = cli().run("", env("openai"), "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();

        assertThat(weekly.out).contains("the model wrote [HOST_99], which is not a placeholder this run made",
                "the model wrote [Customer 1]");
        String stored = Files.readString(only("weekly"), StandardCharsets.UTF_8);
        assertThat(stored).contains("[HOST_99]", "[Customer 1]");
        // what it could restore, it did
        assertThat(achievements(stored).get(0)).contains(SensitiveWeek.logs().get(0).sensitive());
    }

    @Test
    void with_redaction_off_the_notes_go_as_written() throws IOException {
        Map<String, String> env = env("gemini");
        env.put("WORKLOG_REDACT", "off");
        CliRunner.Run weekly = cli().run("", env, "weekly", "--week", SensitiveWeek.WEEK);
        assertThat(weekly.code).as(weekly.toString()).isZero();

        String prompt = vendor.requests.get(0).prompt();
        assertThat(prompt).contains(SensitiveWeek.sensitive()).doesNotContainPattern("\\[[A-Z]+_\\d+]");
        assertThat(Files.readString(logFile, StandardCharsets.UTF_8))
                .contains("redaction off (WORKLOG_REDACT=off): the request to gemini");
    }

    private CliRunner cli() {
        return new CliRunner(work, data, logFile, "Asia/Seoul");
    }

    private Map<String, String> env(String provider) {
        String prefix = provider.toUpperCase(Locale.ROOT);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LLM_PROVIDER", provider);
        env.put(prefix + "_API_KEY", VendorFake.KEY);
        env.put(prefix + "_BASE_URL", vendor.baseUrl());
        env.put("WORKLOG_REDACT_TERMS_FILE", terms.toString());
        env.put("LOG_LEVEL", "info");
        return env;
    }

    /** The stored roll-up's achievements, each from its heading to the next. */
    private static List<String> achievements(String stored) {
        List<String> out = new ArrayList<>();
        String[] parts = stored.split("(?m)^(?=### )");
        for (String part : parts) {
            if (part.startsWith("### ")) {
                out.add(part);
            }
        }
        return out;
    }

    private Path only(String kind) throws IOException {
        List<Path> md = markdown(kind);
        assertThat(md).hasSize(1);
        return md.get(0);
    }

    private List<Path> markdown(String kind) throws IOException {
        if (!Files.isDirectory(data.resolve(kind))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(data.resolve(kind))) {
            return files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (!p.getFileName().toString().endsWith(".lock")) {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
