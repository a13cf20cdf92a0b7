package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI refuses what the REST server refuses, with one clear error naming the limit: an entry over the server's
 * 1 MiB body (from a file, stdin or a flag), control characters in one-line fields; and a {@code .env} with lines
 * it cannot parse is an error per line, with the line's number. Nothing is stored in any of these cases.
 */
class CliInputLimitsTest {
    @TempDir
    Path work;

    private CliRunner.Run cli(String stdin, String... args) throws IOException {
        return new CliRunner(work, work.resolve("data"), work.resolve("logs/execution.log"), "UTC")
                .run(stdin, Map.of(), args);
    }

    private long stored() throws IOException {
        Path daily = work.resolve("data").resolve("daily");
        if (!Files.isDirectory(daily)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(daily)) {
            return s.count();
        }
    }

    private static String json(String title, String context) {
        return "{\"title\":\"" + title + "\",\"context\":\"" + context + "\",\"category\":\"성능개선\","
                + "\"impact_level\":\"High\",\"tech_stack\":[\"Java\"],\"logged_date\":\"2026-11-24\"}";
    }

    @Test
    void aFiveMegabyteContextFileIsRefusedBeforeItIsReadNamingTheLimit() throws IOException {
        Path big = Files.writeString(work.resolve("big.md"), "x".repeat(5 * 1024 * 1024));
        CliRunner.Run run = cli("", "daily", "--title", "t", "--category", "성능개선", "--impact", "High", "--tech",
                "Java", "--context-file", big.toString());
        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("--context-file " + big + ": the file is 5242880 bytes; a daily log is at most "
                + "1048576 bytes (1 MiB) as JSON, the REST server's limit");
        assertThat(stored()).isZero();
    }

    @Test
    void aJsonFileOrStdinOverOneMebibyteIsRefused() throws IOException {
        String huge = json("t", "y".repeat(2 * 1024 * 1024));
        Path file = Files.writeString(work.resolve("entry.json"), huge, StandardCharsets.UTF_8);
        CliRunner.Run fromFile = cli("", "daily", "--json", file.toString());
        assertThat(fromFile.code).isEqualTo(1);
        assertThat(fromFile.err).contains("--json " + file + ": the file is ", "1048576 bytes (1 MiB)");
        CliRunner.Run fromStdin = cli(huge, "daily", "--json", "-");
        assertThat(fromStdin.code).isEqualTo(1);
        assertThat(fromStdin.err).contains("--json -: stdin holds more than 1048576 bytes");
        assertThat(stored()).isZero();
    }

    @Test
    void anEntryJustOverTheLimitFromSmallerPartsIsRefusedByTheSameRuleAsOnTheServer() throws IOException {
        // the context file itself fits, the entry as a REST body does not: the validator's rule, shared with the server
        Path context = Files.writeString(work.resolve("ctx.md"), "z".repeat(1024 * 1024 - 10));
        CliRunner.Run run = cli("", "daily", "--title", "t", "--category", "성능개선", "--impact", "High", "--tech",
                "Java", "--metrics", "m".repeat(100), "--context-file", context.toString());
        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("context: the entry is ", "at most 1048576 bytes (1 MiB) are accepted, as by "
                + "the server");
        assertThat(stored()).isZero();
    }

    @Test
    void controlCharactersInATitleAreRefused() throws IOException {
        CliRunner.Run flag = cli("", "daily", "--title", "tab\there", "--category", "성능개선", "--impact", "High",
                "--tech", "Java", "--context", "### Situation\nx");
        assertThat(flag.code).as(flag.toString()).isEqualTo(1);
        assertThat(flag.err).contains("title: must not contain control characters (U+0009 at character 4)");
        CliRunner.Run json = cli(json("bell\\u0007 in the title", "ok"), "daily", "--json", "-");
        assertThat(json.code).isEqualTo(1);
        assertThat(json.err).contains("U+0007");
        assertThat(stored()).isZero();
    }

    @Test
    void everyMalformedDotEnvLineIsReportedWithItsLineNumberAndNothingRuns() throws IOException {
        Files.writeString(work.resolve(".env"), "WORKLOG_TIMEZONE=UTC\nthis line is free text\n=orphan value\n"
                + "LLM_PROVIDER=offline\nsk-live-0123456789\n");
        CliRunner.Run run = cli("", "daily", "--title", "t", "--category", "성능개선", "--impact", "High", "--tech",
                "Java", "--context", "x");
        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains(".env: 3 lines cannot be read:", "line 2: no '=' (expected NAME=value)",
                "line 3: no variable name before '='", "line 5: no '=' (expected NAME=value)")
                .doesNotContain("free text", "orphan", "sk-live");
        assertThat(stored()).isZero();
    }
}
