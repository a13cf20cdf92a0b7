package dev.worklog.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.backup.BackupReport.Action;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.backup.BackupFixtures;
import dev.worklog.store.LocalWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import from configuration, as the CLI runs them: the configured store here is a local folder. */
class BackupsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private WorkLogConfig config() {
        return WorkLogConfig.of(Map.of("WORKLOG_STORE", "local", "WORKLOG_DATA_DIR", dir.resolve("store").toString(),
                "LOG_FILE", dir.resolve("logs/execution.log").toString(), "WORKLOG_TIMEZONE", "Asia/Seoul"));
    }

    @Test
    void exportThenImportIntoAFreshStoreAndAgainWritesNothing() throws Exception {
        try (LocalWorkLogRepository store = LocalWorkLogRepository.open(dir.resolve("store"), CLOCK)) {
            BackupFixtures.populate(store);
        }
        List<String> progress = new ArrayList<>();

        BackupReport export = Backups.export(config(), dir.resolve("backup"), null, i -> progress.add(i.label()),
                CLOCK);

        assertThat(export.count(Action.CREATED)).isEqualTo(7);
        assertThat(progress).hasSize(7).contains("month 2026-11");
        String log = Files.readString(dir.resolve("logs/execution.log"));
        assertThat(log).contains("[SUCCESS] backup - export from local store at", "daily logs: 4 created");

        WorkLogConfig fresh = WorkLogConfig.of(Map.of("WORKLOG_STORE", "local",
                "WORKLOG_DATA_DIR", dir.resolve("fresh").toString(),
                "LOG_FILE", dir.resolve("logs/execution.log").toString()));
        assertThat(Backups.importFrom(fresh, dir.resolve("backup"), null, i -> { }, CLOCK).count(Action.CREATED))
                .isEqualTo(7);
        BackupReport again = Backups.importFrom(fresh, dir.resolve("backup"), null, i -> { }, CLOCK);
        assertThat(again.wroteAnything()).isFalse();
    }

    @Test
    void importingFromAFolderThatIsNotAnExportFailsAndCreatesNothing() {
        Path typo = dir.resolve("bakcup");

        assertThatThrownBy(() -> Backups.importFrom(config(), typo, null, i -> { }, CLOCK))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not a worklog export");
        assertThat(typo).doesNotExist();
    }

    @Test
    void anUnknownStoreIsAConfigurationErrorNamingTheVariable() {
        WorkLogConfig bad = WorkLogConfig.of(Map.of("WORKLOG_STORE", "dropbox",
                "LOG_FILE", dir.resolve("execution.log").toString()));

        assertThatThrownBy(() -> Backups.export(bad, dir.resolve("backup"), null, i -> { }, CLOCK))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_STORE=dropbox");
    }
}
