package dev.worklog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.model.DailyLog;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
    static final Period WEEK = new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void threadsLoseNothingAndLeaveOneWeeklyFile() throws Exception {
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int n = t;
                // every thread its own instance, as separate components of one app would have
                LocalWorkLogRepository store = LocalWorkLogRepository.open(dir, Clock.systemUTC());
                Callable<List<String>> work = () -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(store.saveDailyLog(Fixtures.daily("t" + n + "-" + i, WEEK.start().plusDays(i % 7))).id());
                        store.upsertWeekly(Fixtures.weekly(WEEK, "t" + n + "-" + i));
                    }
                    return ids;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> f : results) {
                ids.addAll(f.get(60, TimeUnit.SECONDS));
            }

            LocalWorkLogRepository store = LocalWorkLogRepository.open(dir, Clock.systemUTC());
            assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(store.findDailyLogs(WEEK, Set.of())).extracting(DailyLog::id)
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(store.findWeeklies(WEEK)).hasSize(1);
            assertThat(listNames(dir.resolve("weekly"))).containsExactly("2026-11-16_2026-11-22.md");
            assertNoTemporaryFiles();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void twoSpellingsOfOneFolderShareTheLock() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            LocalWorkLogRepository viaDir = LocalWorkLogRepository.open(dir, Clock.systemUTC());
            LocalWorkLogRepository viaLink = LocalWorkLogRepository.open(link, Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (LocalWorkLogRepository store : List.of(viaDir, viaLink)) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20; i++) {
                            store.upsertWeekly(Fixtures.weekly(WEEK, "w" + i));
                            store.saveDailyLog(Fixtures.daily("d" + i, WEEK.start()));
                        }
                        return 20;
                    }));
                }
                start.countDown();
                for (Future<Integer> f : futures) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(20);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(viaDir.findDailyLogs(WEEK, Set.of())).hasSize(40);
            assertThat(listNames(dir.resolve("weekly"))).containsExactly("2026-11-16_2026-11-22.md");
        } finally {
            Files.deleteIfExists(link);
        }
    }

    @Test
    @Timeout(120)
    void aSecondProcessWritingAtTheSameTimeLosesNothing() throws Exception {
        int count = 30;
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(), dir.toString(), "child-", Integer.toString(count))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder transcript = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                transcript.append(line).append('\n');
            }
            assertThat(line).as("child output: %s", transcript).isEqualTo("ready");
            LocalWorkLogRepository store = LocalWorkLogRepository.open(dir, Clock.systemUTC());
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("go\n");
            }
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StoredRef ref = store.saveDailyLog(Fixtures.daily("parent-" + i, LocalDate.of(2026, 11, 16 + i % 7)));
                mine.add(ref.id());
                store.upsertWeekly(Fixtures.weekly(WEEK, "parent-" + i));
                store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 11), "parent-" + i));
            }
            while ((line = out.readLine()) != null) {
                transcript.append(line).append('\n');
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(child.exitValue()).as("child exit; output: %s", transcript).isZero();
            assertThat(transcript.toString()).contains("done " + count);

            List<DailyLog> all = store.findDailyLogs(WEEK, Set.of());
            assertThat(all).hasSize(2 * count);
            assertThat(all).extracting(DailyLog::id).doesNotHaveDuplicates().containsAll(mine);
            assertThat(all).extracting(DailyLog::title).filteredOn(t -> t.startsWith("child-")).hasSize(count);
            // one weekly and one monthly record, whole and readable, from whichever writer came last
            List<WeeklyRollup> weeks = store.findWeeklies(WEEK);
            assertThat(weeks).hasSize(1);
            assertThat(weeks.get(0).achievements().get(0).title()).matches("(parent|child)-" + (count - 1));
            assertThat(listNames(dir.resolve("weekly"))).containsExactly("2026-11-16_2026-11-22.md");
            assertThat(listNames(dir.resolve("monthly"))).containsExactly("2026-11.md");
            assertThat(store.findMonthly(YearMonth.of(2026, 11))).isPresent();
            assertNoTemporaryFiles();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".md") || n.equals(".lock") || n.equals(".sequence"));
        }
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
