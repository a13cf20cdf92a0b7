package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.testing.VendorFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog init} as a process choosing the local store and a cloud provider: the provider's key is tried with
 * its token-free check (OpenAI's model lookup), a rejected one is asked again with the reason, and nothing that
 * spends tokens is sent.
 */
class InitCommandTest {
    @TempDir
    Path work;

    @Test
    void aProvidersKeyIsTriedWithoutSpendingTokensAndARejectedOneIsAskedAgain() throws IOException {
        try (VendorFake vendor = new VendorFake()) {
            CliRunner cli = new CliRunner(work, work.resolve("data"), work.resolve("execution.log"), "UTC");
            String wrong = "sk-wrong-key-000000000000";

            CliRunner.Run init = cli.run("local\nopenai\n" + wrong + "\n" + VendorFake.KEY + "\nEurope/Nowhere\nUTC\n"
                    + "en\n", Map.of("OPENAI_BASE_URL", vendor.baseUrl()), "init");

            assertThat(init.code).as(init.toString()).isZero();
            assertThat(init.out).contains("rejected", "Paste it again", "is available to the key in OPENAI_API_KEY",
                    "'Europe/Nowhere' is not a time zone", "Ready: record your first day")
                    .doesNotContain(VendorFake.KEY).doesNotContain(wrong);
            assertThat(vendor.requests).isNotEmpty().allSatisfy(r -> assertThat(r.method() + " " + r.path())
                    .isEqualTo("GET /v1/models/gpt-4.1-mini"));
            assertThat(vendor.requests.get(0).header("Authorization")).isEqualTo("Bearer " + wrong);
            assertThat(vendor.requests.get(1).header("Authorization")).isEqualTo("Bearer " + VendorFake.KEY);
            Path dotEnv = work.resolve(".env");
            assertThat(Files.readString(dotEnv)).contains("WORKLOG_STORE=local", "LLM_PROVIDER=openai",
                    "OPENAI_API_KEY=" + VendorFake.KEY, "WORKLOG_TIMEZONE=UTC", "WORKLOG_LANGUAGE=en")
                    .doesNotContain("NOTION_API_KEY");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotEnv))).isEqualTo("rw-------");
            assertThat(Files.readString(work.resolve("execution.log"))).doesNotContain(VendorFake.KEY);
        }
    }

    @Test
    void aBadOptionIsOneErrorAndNoDotEnv() throws IOException {
        CliRunner cli = new CliRunner(work, work.resolve("data"), work.resolve("execution.log"), "UTC");

        CliRunner.Run init = cli.run("", Map.of(), "init", "--store", "s3");

        assertThat(init.code).as(init.toString()).isEqualTo(1);
        assertThat(init.err).contains("--store must be one of local, notion, got 's3'");
        assertThat(work.resolve(".env")).doesNotExist();
    }
}
