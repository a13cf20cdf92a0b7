package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.internal.outbox.Outbox;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code worklog outbox list|flush} as a real process over an outbox the server would have filled. */
class OutboxCommandTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path work;

    private record Run(int code, String out, String err) {
    }

    private Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().put("WORKLOG_DATA_DIR", work.resolve("data").toString());
        pb.environment().put("WORKLOG_OUTBOX_DIR", work.resolve("outbox").toString());
        pb.environment().put("LOG_FILE", work.resolve("execution.log").toString());
        pb.environment().put("WORKLOG_TIMEZONE", "UTC");
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private String queueOne(String title) {
        try (Outbox outbox = Outbox.open(work.resolve("outbox"), new InMemoryWorkLogRepository().down())) {
            return outbox.submit(new DailyLog(null, null, title, "### Situation\nx", "기타", ImpactLevel.LOW,
                    List.of("Java"), LocalDate.parse("2026-11-24"), "Logged", null, null), null).queueId();
        }
    }

    private long dailyFiles() throws IOException {
        Path daily = work.resolve("data");
        if (!Files.exists(daily)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(daily)) {
            return s.filter(p -> p.toString().endsWith(".md")).count();
        }
    }

    @Test
    void listShowsPendingEntriesAndFlushDeliversThemOnce() throws Exception {
        String queueId = queueOne("큐에 남은 로그");

        Run list = cli("outbox", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("1 pending, 0 refused", queueId, "2026-11-24", "큐에 남은 로그");

        Run flush = cli("outbox", "flush");
        assertThat(flush.code()).as(flush.toString()).isZero();
        assertThat(flush.out()).contains("delivered " + queueId + " -> ", "1 delivered, 0 still pending, 0 refused");
        assertThat(dailyFiles()).isEqualTo(1);

        Run again = cli("outbox", "flush");
        assertThat(again.out()).contains("0 delivered, 0 still pending");
        assertThat(dailyFiles()).isEqualTo(1);
        assertThat(cli("outbox", "list").out()).contains("0 pending");
    }

    @Test
    void withoutASubcommandItIsAUsageError() throws Exception {
        Run run = cli("outbox");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("list", "flush");
    }
}
