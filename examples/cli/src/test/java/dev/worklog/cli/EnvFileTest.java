package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .env} as init and setup write it: values read back as written, other lines kept, owner-only. */
class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void setsVariablesInPlaceKeepsEveryOtherLineAndDropsLaterDuplicates() throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "# my settings\nexport NOTION_API_KEY=old\nLOG_LEVEL=DEBUG\n\nNOTION_API_KEY=older\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        EnvFile env = EnvFile.read(file);
        Map<String, String> updates = new LinkedHashMap<>();
        updates.put("NOTION_API_KEY", "ntn_new");
        updates.put("LOG_LEVEL", "DEBUG");
        updates.put("WORKLOG_TIMEZONE", "Asia/Seoul");

        assertThat(env.diff(updates)).containsExactly("~ NOTION_API_KEY (changed)", "= LOG_LEVEL (unchanged)",
                "+ WORKLOG_TIMEZONE (new)");
        env.write(updates);

        assertThat(Files.readString(file)).isEqualTo("# my settings\nNOTION_API_KEY=ntn_new\nLOG_LEVEL=DEBUG\n\n"
                + "WORKLOG_TIMEZONE=Asia/Seoul\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(EnvFile.read(file).changes(updates)).isFalse();
    }

    @Test
    void everyGeneratedValueReadsBackAsWritten() {
        Random random = new Random(20261130L);
        String alphabet = "abcXYZ019_-./:@=+ #\"'\t$%&*()[]{}<>?!~`,;|\\한글";
        for (int round = 0; round < 300; round++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int v = 0; v < 1 + random.nextInt(4); v++) {
                StringBuilder value = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = value.toString().strip();
                if (text.contains("\"") && text.contains("'")) {
                    text = text.replace("'", ""); // a .env value cannot hold both quotes: the parser has no escapes
                }
                values.put("VAR_" + v, text);
            }
            Path file = dir.resolve("round-" + round + ".env");
            EnvFile.read(file).write(values);
            assertThat(EnvFile.read(file).values()).as("round %d: %s", round, values).isEqualTo(values);
        }
    }
}
