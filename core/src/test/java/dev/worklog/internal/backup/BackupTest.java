package dev.worklog.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.backup.BackupReport.Action;
import dev.worklog.backup.BackupReport.Kind;
import dev.worklog.backup.BackupReport;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.backup.Backup;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.testing.InMemoryWorkLogRepository;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BackupTest {
    private static final Period ALL = new Period(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1));

    private final InMemoryWorkLogRepository source = new InMemoryWorkLogRepository();
    private final InMemoryWorkLogRepository target = new InMemoryWorkLogRepository();

    @Test
    void copiesEveryRecordWithItsFieldsAndRemapsRelationsToTheTargetsIds() {
        BackupFixtures.History history = BackupFixtures.populate(source);
        // the target already has an unrelated entry, so its ids cannot coincide with the source's
        target.saveDailyLog(BackupFixtures.log("다른 기록", LocalDate.of(2026, 1, 5), "기타", ImpactLevel.LOW, null, null));

        BackupReport report = Backup.copy(source, target, null);

        assertThat(report.count(Kind.DAILY, Action.CREATED)).isEqualTo(4);
        assertThat(report.count(Kind.WEEKLY, Action.CREATED)).isEqualTo(2);
        assertThat(report.count(Kind.MONTHLY, Action.CREATED)).isEqualTo(1);
        assertThat(report.warnings()).isEmpty();

        List<DailyLog> copied = target.findDailyLogs(new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)),
                Set.of());
        assertThat(copied).hasSize(4);
        for (int i = 0; i < 4; i++) {
            DailyLog want = history.logs().get(i);
            DailyLog got = copied.get(i);
            assertThat(got.withStored(null, null)).isEqualTo(want.withStored(null, null));
            assertThat(got.id()).isNotEqualTo(want.id());
        }
        Map<String, String> titleById = copied.stream().collect(Collectors.toMap(DailyLog::id, DailyLog::title));

        WeeklyRollup w46 = target.findWeekly(BackupFixtures.WEEK_46).orElseThrow();
        assertThat(w46.sourceLogIds()).extracting(titleById::get).containsExactly("검색 API 지연 개선", "결제 장애 대응");
        assertThat(w46.achievements().get(0).sourceIds()).extracting(titleById::get).containsExactly("검색 API 지연 개선");
        assertThat(w46.achievements().get(1).sourceIds()).extracting(titleById::get)
                .containsExactly("검색 API 지연 개선", "결제 장애 대응");
        assertThat(w46.keyHighlights()).isEqualTo(history.week46().keyHighlights());
        assertThat(w46.generation()).isEqualTo(history.week46().generation());

        MonthlyRollup month = target.findMonthly(YearMonth.of(2026, 11)).orElseThrow();
        WeeklyRollup w47 = target.findWeekly(BackupFixtures.WEEK_47).orElseThrow();
        assertThat(month.sourceWeekIds()).containsExactly(w46.id(), w47.id());
        assertThat(month.achievements().get(0).sourceIds()).containsExactly(w46.id(), w47.id());
        assertThat(month.careerBrief()).isEqualTo(history.month().careerBrief());
        assertThat(month.stats()).isEqualTo(history.month().stats());
        assertThat(month.warnings()).containsExactly("경고: 예시");

        // the report pairs every source id with the target id
        assertThat(report.items()).filteredOn(i -> i.kind() == Kind.DAILY)
                .allSatisfy(i -> assertThat(titleById).containsKey(i.targetId()));
    }

    @Test
    void aSecondRunWritesNothing() {
        BackupFixtures.populate(source);
        Backup.copy(source, target, null);
        List<String> writesAfterFirst = new ArrayList<>(target.writes());

        BackupReport again = Backup.copy(source, target, null);

        assertThat(target.writes()).isEqualTo(writesAfterFirst);
        assertThat(again.wroteAnything()).isFalse();
        assertThat(again.count(Action.SKIPPED)).isEqualTo(7);
        assertThat(again.summaryLines()).containsExactly("daily logs: 0 created, 4 already there",
                "weekly roll-ups: 0 created, 0 updated, 2 already there",
                "monthly roll-ups: 0 created, 0 updated, 1 already there");
    }

    @Test
    void copiesBackAndForthWithoutDuplicating() {
        BackupFixtures.populate(source);
        Backup.copy(source, target, null);
        int before = source.writes().size();

        BackupReport back = Backup.copy(target, source, null);

        assertThat(back.wroteAnything()).isFalse();
        assertThat(source.writes()).hasSize(before);
    }

    @Test
    void aRollupThatDiffersInTheTargetIsUpdatedNotDuplicated() {
        BackupFixtures.History history = BackupFixtures.populate(source);
        Backup.copy(source, target, null);
        // regenerate week 47 in the source with another highlight
        WeeklyRollup changed = new WeeklyRollup(null, null, history.week47().period(), history.week47().title(),
                history.week47().achievements(), List.of("새 하이라이트"), history.week47().sourceLogIds(),
                history.week47().generation(), List.of());
        source.upsertWeekly(changed);

        BackupReport report = Backup.copy(source, target, null);

        assertThat(report.count(Kind.WEEKLY, Action.UPDATED)).isEqualTo(1);
        assertThat(report.count(Kind.WEEKLY, Action.SKIPPED)).isEqualTo(1);
        assertThat(target.weeklyCount()).isEqualTo(2);
        assertThat(target.findWeekly(BackupFixtures.WEEK_47).orElseThrow().keyHighlights()).containsExactly("새 하이라이트");
    }

    @Test
    void anEditedDailyLogIsReportedAsDifferentAndNotCopiedTwice() {
        DailyLog original = BackupFixtures.stored(source, BackupFixtures.log("검색 API 지연 개선",
                LocalDate.of(2026, 11, 10), "성능개선", ImpactLevel.HIGH, "p99 800ms", null));
        Backup.copy(source, target, null);
        // edit: same day, title and category; other metrics
        InMemoryWorkLogRepository edited = new InMemoryWorkLogRepository();
        edited.saveDailyLog(new DailyLog(null, null, original.title(), original.context(), original.category(),
                ImpactLevel.HIGH, original.techStack(), original.loggedDate(), "Published", "p99 120ms", null));

        BackupReport report = Backup.copy(edited, target, null);

        assertThat(report.count(Kind.DAILY, Action.DIFFERS)).isEqualTo(1);
        assertThat(report.count(Kind.DAILY, Action.CREATED)).isZero();
        assertThat(report.warnings()).singleElement().asString().contains("differs", "검색 API 지연 개선");
        assertThat(target.findDailyLogs(ALL, Set.of())).hasSize(1);
    }

    @Test
    void twoEqualEntriesOfOneDayStayTwoEntries() {
        DailyLog twice = BackupFixtures.log("스탠드업", LocalDate.of(2026, 11, 10), "기타", ImpactLevel.LOW, null, null);
        source.saveDailyLog(twice);
        source.saveDailyLog(twice);

        assertThat(Backup.copy(source, target, null).count(Kind.DAILY, Action.CREATED)).isEqualTo(2);
        assertThat(Backup.copy(source, target, null).count(Kind.DAILY, Action.SKIPPED)).isEqualTo(2);
        assertThat(target.findDailyLogs(ALL, Set.of())).hasSize(2);
    }

    @Test
    void contextsThatDifferOnlyInLineEndsBlankLinesAndTrailingSpacesAreTheSameEntry() {
        DailyLog log = BackupFixtures.log("검색", LocalDate.of(2026, 11, 10), "기타", ImpactLevel.LOW, null, null);
        target.saveDailyLog(log);
        // as Notion gives it back: a blank line after every block
        source.saveDailyLog(new DailyLog(null, null, log.title(), log.context().replace("\n", "  \r\n\n") + "\n\n",
                log.category(), log.impactLevel(), log.techStack(), log.loggedDate(), log.status(), null, null));

        assertThat(Backup.copy(source, target, null).count(Kind.DAILY, Action.SKIPPED)).isEqualTo(1);
    }

    @Test
    void aContextWithOtherWordsIsADifferentEntry() {
        DailyLog log = BackupFixtures.log("검색", LocalDate.of(2026, 11, 10), "기타", ImpactLevel.LOW, null, null);
        target.saveDailyLog(log);
        source.saveDailyLog(new DailyLog(null, null, log.title(), log.context().replace("120ms", "130ms"),
                log.category(), log.impactLevel(), log.techStack(), log.loggedDate(), log.status(), null, null));

        assertThat(Backup.copy(source, target, null).count(Kind.DAILY, Action.DIFFERS)).isEqualTo(1);
    }

    @Test
    void sinceCopiesLaterRecordsAndWhatTheRollupsReachingItNeed() {
        BackupFixtures.History history = BackupFixtures.populate(source);
        DailyLog october = BackupFixtures.stored(source, BackupFixtures.log("10월 작업", LocalDate.of(2026, 10, 20),
                "기타", ImpactLevel.LOW, null, null));

        // 2026-11-18 lies in week 47 and in the month: the month reaches back to 11-01, so week 46 and its logs come
        BackupReport report = Backup.copy(source, target, LocalDate.of(2026, 11, 18));

        Function<DailyLog, String> title = DailyLog::title;
        assertThat(target.findDailyLogs(ALL, Set.of())).extracting(title)
                .containsExactly("검색 API 지연 개선", "결제 장애 대응", "배치 리팩토링", "온보딩 문서화")
                .doesNotContain(october.title());
        assertThat(report.count(Kind.WEEKLY, Action.CREATED)).isEqualTo(2);
        assertThat(report.count(Kind.MONTHLY, Action.CREATED)).isEqualTo(1);
        assertThat(report.warnings()).isEmpty();
        assertThat(history.logs()).hasSize(4);
    }

    @Test
    void sinceAfterEveryRollupCopiesOnlyLaterLogs() {
        BackupFixtures.populate(source);
        BackupFixtures.stored(source, BackupFixtures.log("12월 작업", LocalDate.of(2026, 12, 3), "기타", ImpactLevel.LOW,
                null, null));

        BackupReport report = Backup.copy(source, target, LocalDate.of(2026, 12, 1));

        assertThat(target.findDailyLogs(ALL, Set.of())).extracting(DailyLog::title).containsExactly("12월 작업");
        assertThat(report.count(Kind.WEEKLY, Action.CREATED)).isZero();
        assertThat(target.weeklyCount()).isZero();
    }

    @Test
    void aRelationToARecordMissingFromTheSourceIsDroppedWithAWarning() {
        DailyLog log = BackupFixtures.stored(source, BackupFixtures.log("검색", LocalDate.of(2026, 11, 10), "기타",
                ImpactLevel.LOW, null, null));
        source.upsertWeekly(BackupFixtures.week(BackupFixtures.WEEK_46, List.of(log.id(), "deleted-page")));

        BackupReport report = Backup.copy(source, target, null);

        WeeklyRollup copied = target.findWeekly(BackupFixtures.WEEK_46).orElseThrow();
        assertThat(copied.sourceLogIds()).hasSize(1);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("deleted-page", "dropped"));
        // stable: the second run compares the same remapped roll-up and writes nothing
        assertThat(Backup.copy(source, target, null).wroteAnything()).isFalse();
    }

    @Test
    void aStoreWithoutRollupDatabasesCopiesTheDailyLogsAndSaysWhy() {
        BackupFixtures.populate(source);
        InMemoryWorkLogRepository written = new InMemoryWorkLogRepository();
        WorkLogRepository dailyOnly = new DailyOnly(written);

        BackupReport report = Backup.copy(source, dailyOnly, null);

        assertThat(report.count(Kind.DAILY, Action.CREATED)).isEqualTo(4);
        assertThat(report.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("NOTION_DB2_ID"))
                .anySatisfy(w -> assertThat(w).contains("NOTION_DB3_ID"));
        assertThat(written.writes()).allMatch(w -> w.startsWith("daily"));
    }

    @Test
    void progressIsReportedAsRecordsAreHandled() {
        BackupFixtures.populate(source);
        List<String> seen = new ArrayList<>();

        Backup.withListener(i -> seen.add(i.kind() + " " + i.action())).run(source, target, null);

        assertThat(seen).containsExactly("DAILY CREATED", "DAILY CREATED", "DAILY CREATED", "DAILY CREATED",
                "WEEKLY CREATED", "WEEKLY CREATED", "MONTHLY CREATED");
    }

    @Test
    void refusesToCopyAStoreOntoItself() {
        assertThatThrownBy(() -> Backup.copy(source, source, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same store");
    }

    /** A store whose roll-up databases are not configured, like Notion with only NOTION_DB1_ID set. */
    private static final class DailyOnly implements WorkLogRepository {
        private final InMemoryWorkLogRepository logs;

        DailyOnly(InMemoryWorkLogRepository logs) {
            this.logs = logs;
        }

        @Override
        public String describe() {
            return "daily-only store";
        }

        @Override
        public StoredRef saveDailyLog(DailyLog log) {
            return logs.saveDailyLog(log);
        }

        @Override
        public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
            return logs.findDailyLogs(period, statuses);
        }

        @Override
        public java.util.Optional<WeeklyRollup> findWeekly(Period period) {
            throw new ConfigurationException("NOTION_DB2_ID is not set: the id of the Weekly Achievements database");
        }

        @Override
        public List<WeeklyRollup> findWeeklies(Period overlapping) {
            throw new ConfigurationException("NOTION_DB2_ID is not set: the id of the Weekly Achievements database");
        }

        @Override
        public StoredRef upsertWeekly(WeeklyRollup rollup) {
            throw new AssertionError("must not be called");
        }

        @Override
        public java.util.Optional<MonthlyRollup> findMonthly(YearMonth month) {
            throw new ConfigurationException("NOTION_DB3_ID is not set: the id of the Monthly Highlights database");
        }

        @Override
        public List<MonthlyRollup> findMonthlies(Period overlapping) {
            throw new ConfigurationException("NOTION_DB3_ID is not set: the id of the Monthly Highlights database");
        }

        @Override
        public StoredRef upsertMonthly(MonthlyRollup rollup) {
            throw new AssertionError("must not be called");
        }
    }
}
