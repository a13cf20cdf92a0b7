package dev.worklog.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.backup.BackupReport.Action;
import dev.worklog.backup.BackupReport.Kind;
import dev.worklog.backup.BackupReport;
import dev.worklog.internal.backup.Backup;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.store.LocalWorkLogRepository;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to and import from the real local store: what `worklog export` and `worklog import` do. */
class BackupLocalStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);
    private static final Period ALL = new Period(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1));

    @TempDir
    Path dir;

    @Test
    void exportToAFolderAndImportBackKeepsEveryFieldAndRelation() throws Exception {
        InMemoryWorkLogRepository original = new InMemoryWorkLogRepository();
        BackupFixtures.History history = BackupFixtures.populate(original);

        try (LocalWorkLogRepository folder = LocalWorkLogRepository.open(dir.resolve("backup"), CLOCK)) {
            BackupReport export = Backup.copy(original, folder, null);
            assertThat(export.count(Action.CREATED)).isEqualTo(7);
            assertThat(files(dir.resolve("backup"))).hasSize(7);

            InMemoryWorkLogRepository restored = new InMemoryWorkLogRepository();
            BackupReport imported = Backup.copy(folder, restored, null);
            assertThat(imported.count(Action.CREATED)).isEqualTo(7);
            assertThat(imported.warnings()).isEmpty();

            List<DailyLog> logs = restored.findDailyLogs(ALL, Set.of());
            assertThat(logs).extracting(l -> l.withStored(null, null))
                    .containsExactlyElementsOf(history.logs().stream().map(l -> l.withStored(null, null)).toList());
            Map<String, String> title = logs.stream().collect(Collectors.toMap(DailyLog::id, DailyLog::title));

            WeeklyRollup w46 = restored.findWeekly(BackupFixtures.WEEK_46).orElseThrow();
            assertThat(w46.sourceLogIds()).extracting(title::get).containsExactly("검색 API 지연 개선", "결제 장애 대응");
            assertThat(w46.achievements()).extracting(a -> a.title() + "/" + a.result())
                    .containsExactly("검색 지연 85% 감소/p99 800ms → 120ms", "운영 안정화/재발 0건");
            assertThat(w46.generation()).isEqualTo(history.week46().generation());

            MonthlyRollup month = restored.findMonthly(YearMonth.of(2026, 11)).orElseThrow();
            WeeklyRollup w47 = restored.findWeekly(BackupFixtures.WEEK_47).orElseThrow();
            assertThat(month.sourceWeekIds()).containsExactly(w46.id(), w47.id());
            assertThat(month.careerBrief()).isEqualTo(history.month().careerBrief());
            assertThat(month.stats()).isEqualTo(history.month().stats());
        }
    }

    @Test
    void aSecondExportAndASecondImportWriteNothing() throws Exception {
        InMemoryWorkLogRepository original = new InMemoryWorkLogRepository();
        BackupFixtures.populate(original);
        Path folderDir = dir.resolve("backup");
        try (LocalWorkLogRepository folder = LocalWorkLogRepository.open(folderDir, CLOCK)) {
            Backup.copy(original, folder, null);
            Map<Path, String> before = contents(folderDir);

            BackupReport again = Backup.copy(original, folder, null);

            assertThat(again.wroteAnything()).isFalse();
            assertThat(contents(folderDir)).isEqualTo(before);

            // import into a second folder twice: the second import creates nothing
            try (LocalWorkLogRepository other = LocalWorkLogRepository.open(dir.resolve("other"), CLOCK)) {
                assertThat(Backup.copy(folder, other, null).count(Kind.DAILY, Action.CREATED)).isEqualTo(4);
                BackupReport second = Backup.copy(folder, other, null);
                assertThat(second.wroteAnything()).isFalse();
                assertThat(second.count(Action.SKIPPED)).isEqualTo(7);
            }
        }
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md")).toList();
        }
    }

    /** Every file's content by path: a rewrite with other content, or a new file, changes it. */
    private static Map<Path, String> contents(Path root) throws Exception {
        return files(root).stream().collect(Collectors.toMap(p -> p, p -> {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }));
    }
}
