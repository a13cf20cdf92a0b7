package dev.worklog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.model.Period;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryFactoryTest {
    @TempDir
    Path dir;

    @Test
    void isFoundByServiceLoaderUnderTheNameLocal() {
        WorkLogRepositoryFactory factory = NamedServices.repositories().require("local");

        assertThat(factory).isInstanceOf(LocalRepositoryFactory.class);
        assertThat(factory.name()).isEqualTo("local");
    }

    @Test
    void createsTheStoreInWorklogDataDir() {
        Path data = dir.resolve("nested").resolve("data");
        SpiContext context = SpiContext.of(WorkLogConfig.of(Map.of("WORKLOG_DATA_DIR", data.toString())));

        try (WorkLogRepository store = new LocalRepositoryFactory().create(context)) {
            assertThat(store.describe()).contains(data.toString());
            store.saveDailyLog(Fixtures.daily("x", LocalDate.of(2026, 11, 17)));
            assertThat(store.findDailyLogs(Period.isoWeekOf(LocalDate.of(2026, 11, 17)), Set.of())).hasSize(1);
        }
        assertThat(data.resolve("daily")).isDirectory();
        assertThat(data.resolve("weekly")).isDirectory();
        assertThat(data.resolve("monthly")).isDirectory();
    }

    @Test
    void failsNamingTheVariableWhenTheFolderCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        SpiContext context = SpiContext.of(WorkLogConfig.of(Map.of("WORKLOG_DATA_DIR", file.resolve("data").toString())));

        assertThatThrownBy(() -> new LocalRepositoryFactory().create(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("WORKLOG_DATA_DIR=" + file.resolve("data"))
                .hasMessageContaining("writable");
    }

    @Test
    void failsNamingTheVariableWhenTheFolderIsReadOnly() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
        try {
            // root ignores permissions; the check is only meaningful for an ordinary user
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
            SpiContext context = SpiContext.of(WorkLogConfig.of(Map.of("WORKLOG_DATA_DIR", readOnly.toString())));
            assertThatThrownBy(() -> new LocalRepositoryFactory().create(context))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_DATA_DIR");
        } finally {
            readOnly.toFile().setWritable(true, false);
        }
    }

    @Test
    void defaultsToWorklogDataInTheWorkingDirectory() {
        assertThat(LocalRepositoryFactory.DEFAULT_DATA_DIR).isEqualTo("./worklog-data");
    }
}
