package dev.worklog.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionLogTest {
    // 00:30:12 UTC is 09:30:12 in Seoul: the stamp must use the configured zone, not UTC or the system zone
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-16T00:30:12Z"), ZoneOffset.UTC);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @TempDir
    Path dir;

    private ExecutionLog log(Path file, List<String> secrets) {
        return ExecutionLog.toFile(file, CLOCK, SEOUL, secrets);
    }

    @Test
    void writesTheOriginalLineFormat() throws Exception {
        Path file = dir.resolve("logs").resolve("execution.log");
        ExecutionLog log = log(file, List.of());

        log.success(ExecutionLog.WEEKLY_PROCESSOR, "stored weekly roll-up 2025-W46");

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("[2025-11-16 09:30:12] [SUCCESS] weekly_processor - stored weekly roll-up 2025-W46\n");
    }

    @ParameterizedTest
    @EnumSource(ExecutionLog.Level.class)
    void everyLevelIsWrittenByItsName(ExecutionLog.Level level) throws Exception {
        Path file = dir.resolve("execution.log");
        ExecutionLog log = log(file, List.of());
        switch (level) {
            case INFO -> log.info(ExecutionLog.DAILY_LOGGER, "m");
            case SUCCESS -> log.success(ExecutionLog.DAILY_LOGGER, "m");
            case ERROR -> log.error(ExecutionLog.DAILY_LOGGER, "m");
            case CANCELLED -> log.cancelled(ExecutionLog.DAILY_LOGGER, "m");
        }
        assertThat(Files.readString(file)).isEqualTo("[2025-11-16 09:30:12] [" + level.name() + "] daily_logger - m\n");
    }

    @Test
    void componentNamesAreTheOriginals() {
        assertThat(List.of(ExecutionLog.DAILY_LOGGER, ExecutionLog.WEEKLY_PROCESSOR, ExecutionLog.MONTHLY_PROCESSOR,
                ExecutionLog.API_SERVER)).containsExactly("daily_logger", "weekly_processor", "monthly_processor",
                        "api_server");
    }

    @Test
    void appendsRatherThanOverwrites() throws Exception {
        Path file = dir.resolve("execution.log");
        log(file, List.of()).info(ExecutionLog.API_SERVER, "one");
        log(file, List.of()).error(ExecutionLog.API_SERVER, "two");

        assertThat(Files.readAllLines(file)).containsExactly("[2025-11-16 09:30:12] [INFO] api_server - one",
                "[2025-11-16 09:30:12] [ERROR] api_server - two");
    }

    @Test
    void masksSecrets() throws Exception {
        Path file = dir.resolve("execution.log");
        ExecutionLog log = log(file, List.of("sk-ant-very-secret-123"));

        log.error(ExecutionLog.WEEKLY_PROCESSOR, "claude said no to key sk-ant-very-secret-123");
        log.error(ExecutionLog.WEEKLY_PROCESSOR, "request had Authorization: Bearer abc.def-ghi");
        log.error(ExecutionLog.WEEKLY_PROCESSOR, "GET https://g.example/v1/models?key=AIzaSyXYZ&alt=json failed");

        String text = Files.readString(file);
        assertThat(text).doesNotContain("sk-ant-very-secret-123", "abc.def-ghi", "AIzaSyXYZ")
                .contains("claude said no to key ****")
                .contains("Authorization: ****")
                .contains("?key=****&alt=json failed");
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void collapsesNewlinesSoOneEventIsOneLine() throws Exception {
        Path file = dir.resolve("execution.log");
        log(file, List.of()).error(ExecutionLog.MONTHLY_PROCESSOR, "first\nsecond\r\nthird\rfourth");

        assertThat(Files.readAllLines(file))
                .containsExactly("[2025-11-16 09:30:12] [ERROR] monthly_processor - first second third fourth");
    }

    @Test
    void formatIsTheLineWithoutWriting() {
        ExecutionLog log = ExecutionLog.disabled();
        assertThat(log.file()).isNull();
        assertThatCode(() -> log.info("x", "y")).doesNotThrowAnyException();
        assertThat(log(dir.resolve("x.log"), List.of()).format(ExecutionLog.Level.CANCELLED, "daily_logger", null))
                .isEqualTo("[2025-11-16 09:30:12] [CANCELLED] daily_logger - ");
        assertThat(dir.resolve("x.log")).doesNotExist();
    }

    @Test
    void aLogPathThatIsADirectoryNeverThrows() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("execution.log"));
        ExecutionLog log = log(folder, List.of());

        assertThatCode(() -> {
            log.error(ExecutionLog.DAILY_LOGGER, "one");
            log.error(ExecutionLog.DAILY_LOGGER, "two");
        }).doesNotThrowAnyException();
        assertThat(folder).isDirectory();
    }

    @Test
    void aParentThatIsAFileNeverThrows() throws Exception {
        Path parent = Files.writeString(dir.resolve("logs"), "I am a file");
        ExecutionLog log = log(parent.resolve("execution.log"), List.of());

        assertThatCode(() -> log.success(ExecutionLog.WEEKLY_PROCESSOR, "done")).doesNotThrowAnyException();
        assertThat(Files.readString(parent)).isEqualTo("I am a file");
    }

    @Test
    void recoversOnceThePathBecomesWritable() throws Exception {
        Path parent = Files.writeString(dir.resolve("logs"), "file in the way");
        Path file = parent.resolve("execution.log");
        ExecutionLog log = log(file, List.of());
        log.info(ExecutionLog.API_SERVER, "lost");

        Files.delete(parent);
        log.info(ExecutionLog.API_SERVER, "kept");

        assertThat(Files.readAllLines(file)).containsExactly("[2025-11-16 09:30:12] [INFO] api_server - kept");
    }

    @Test
    void aFolderRemovedAfterTheFirstLineIsMadeAgain() throws Exception {
        Path file = dir.resolve("logs").resolve("execution.log");
        ExecutionLog log = log(file, List.of());
        log.info(ExecutionLog.API_SERVER, "first");
        Files.delete(file);
        Files.delete(file.getParent());

        log.info(ExecutionLog.API_SERVER, "second");

        assertThat(Files.readAllLines(file)).containsExactly("[2025-11-16 09:30:12] [INFO] api_server - second");
    }

    @Test
    void concurrentAppendsProduceWholeLinesOnly() throws Exception {
        Path file = dir.resolve("execution.log");
        int threads = 8;
        int perThread = 200;
        String padding = "x".repeat(300);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int n = t;
                // separate instances share no monitor, as separate components of one app would not
                ExecutionLog log = log(file, List.of());
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.info(ExecutionLog.WEEKLY_PROCESSOR, "thread " + n + " line " + i + " " + padding);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(threads * perThread)
                .allMatch(l -> l.matches("\\[2025-11-16 09:30:12] \\[INFO] weekly_processor - thread \\d line \\d+ x{300}"));
        assertThat(lines).doesNotHaveDuplicates();
    }
}
