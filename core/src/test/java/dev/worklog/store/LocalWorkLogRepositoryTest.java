package dev.worklog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWorkLogRepositoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:30:00Z"), ZoneOffset.UTC);
    private static final Period WEEK = new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    @TempDir
    Path dir;
    LocalWorkLogRepository store;

    @BeforeEach
    void open() {
        store = LocalWorkLogRepository.open(dir, CLOCK);
    }

    @Test
    void dailyLogRoundTripsEveryField() {
        DailyLog log = Fixtures.daily("검색 API 지연 개선 🚀 \"quoted\": yes", LocalDate.of(2026, 11, 17));
        StoredRef ref = store.saveDailyLog(log);

        List<DailyLog> found = store.findDailyLogs(WEEK, Set.of());

        assertThat(found).containsExactly(log.withStored(ref.id(), ref.url()));
        DailyLog back = found.get(0);
        assertThat(back.context()).isEqualTo(Fixtures.KOREAN_CONTEXT);
        assertThat(back.metrics()).isEqualTo("p99: 800ms → 120ms");
        assertThat(back.ticketUrl()).isEqualTo("https://jira.example.com/browse/WL-42?x=1&y=2");
        assertThat(back.techStack()).containsExactly("Java", "Redis", "Spring Boot");
    }

    @Test
    void theEntryIdIsStoredAndAnEnsureOfTheSameEntryFindsItInsteadOfWritingAgain() {
        DailyLog log = Fixtures.daily("once", LocalDate.of(2026, 11, 17)).withEntryId("entry-1");
        StoredRef first = store.ensureDailyLog(log);
        StoredRef again = LocalWorkLogRepository.open(dir, CLOCK).ensureDailyLog(log);
        DailyLog sameTitleOtherEntry = Fixtures.daily("once", LocalDate.of(2026, 11, 17)).withEntryId("entry-2");
        StoredRef other = store.ensureDailyLog(sameTitleOtherEntry);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(store.findDailyLogs(WEEK, Set.of())).extracting(DailyLog::entryId)
                .containsExactly("entry-1", "entry-2");
    }

    @Test
    void nullOptionalFieldsStayNull() {
        DailyLog log = new DailyLog(null, null, "t", "ctx", "기타", ImpactLevel.LOW, List.of("Go"),
                LocalDate.of(2026, 11, 18), "In Review", null, null);
        StoredRef ref = store.saveDailyLog(log);

        DailyLog back = store.findDailyLogs(WEEK, Set.of()).get(0);

        assertThat(back).isEqualTo(log.withStored(ref.id(), ref.url()));
        assertThat(back.metrics()).isNull();
        assertThat(back.ticketUrl()).isNull();
    }

    @Test
    void contextWithFencesCrlfAndFrontMatterLikeLinesRoundTrips() {
        String context = "---\nid: fake\ntitle: \"not me\"\n---\r\n### Situation\r\ntrailing spaces   \r\n\n---\n"
                + "key: value\n\n\n  \u2028line separator\t\n";
        DailyLog log = new DailyLog(null, null, "fences", context, "기타", ImpactLevel.MEDIUM, List.of("md"),
                LocalDate.of(2026, 11, 19), "Logged", "a\nb: c", null);
        StoredRef ref = store.saveDailyLog(log);

        DailyLog back = store.findDailyLogs(WEEK, Set.of()).get(0);

        assertThat(back.context()).isEqualTo(context);
        assertThat(back).isEqualTo(log.withStored(ref.id(), ref.url()));
    }

    @Test
    void contextWithoutFinalNewlineAndWithSeveralRoundTrips() {
        for (String context : List.of("no newline", "one\n", "two\n\n", "crlf\r\n")) {
            DailyLog log = new DailyLog(null, null, context.strip(), context, "기타", ImpactLevel.LOW, List.of("x"),
                    LocalDate.of(2026, 11, 20), "Logged", null, null);
            StoredRef ref = store.saveDailyLog(log);
            DailyLog back = store.findDailyLogs(new Period(log.loggedDate(), log.loggedDate()), Set.of()).stream()
                    .filter(d -> d.id().equals(ref.id())).findFirst().orElseThrow();
            assertThat(back.context()).as("context %s", context.replace("\n", "\\n")).isEqualTo(context);
        }
    }

    @Test
    void filesAreHumanReadableMarkdown() throws IOException {
        DailyLog log = Fixtures.daily("검색 API 지연 개선", LocalDate.of(2026, 11, 17));
        StoredRef ref = store.saveDailyLog(log);

        Path file = Path.of(URI.create(ref.url()));
        String text = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(file.getParent()).isEqualTo(dir.toAbsolutePath().resolve("daily"));
        assertThat(file.getFileName().toString()).startsWith("2026-11-17-").endsWith(".md");
        assertThat(text).startsWith("---\n")
                .contains("title: \"검색 API 지연 개선\"\n")
                .contains("category: \"성능개선\"\n")
                .contains("impact_level: High\n")
                .contains("logged_date: 2026-11-17\n")
                .contains("tech_stack: [\"Java\",\"Redis\",\"Spring Boot\"]\n")
                .contains("\n---\n" + Fixtures.KOREAN_CONTEXT);

        StoredRef weekly = store.upsertWeekly(Fixtures.weekly(WEEK, "검색 지연 85% 감소"));
        String weeklyText = Files.readString(Path.of(URI.create(weekly.url())), StandardCharsets.UTF_8);
        assertThat(Path.of(URI.create(weekly.url())).getFileName()).hasToString("2026-11-16_2026-11-22.md");
        assertThat(weeklyText).contains("title: \"Weekly Achievements 2026-W47 (2026-11-16 ~ 2026-11-22)\"")
                .contains("### 1. 검색 지연 85% 감소").contains("## Key Highlights").contains("**Situation**");
    }

    @Test
    void idsAreStableUniqueAndUrlSafe() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StoredRef ref = store.saveDailyLog(Fixtures.daily("t" + i, LocalDate.of(2026, 11, 17)));
            assertThat(ref.id()).matches("2026-11-17-[a-z0-9]{10}");
            assertThat(ref.url()).startsWith("file:").endsWith(ref.id() + ".md");
            assertThat(Path.of(URI.create(ref.url()))).exists();
            ids.add(ref.id());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(store.findDailyLogs(WEEK, Set.of())).extracting(DailyLog::id).containsExactlyInAnyOrderElementsOf(ids);
        // a second instance (a restart) reads the same ids back
        assertThat(LocalWorkLogRepository.open(dir, CLOCK).findDailyLogs(WEEK, Set.of())).extracting(DailyLog::id)
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void weeklyRoundTripsAndUpsertKeepsOneFileAndTheId() throws IOException {
        WeeklyRollup first = Fixtures.weekly(WEEK, "첫 번째 실행");
        StoredRef r1 = store.upsertWeekly(first);
        assertThat(r1.id()).isEqualTo("weekly-2026-11-16_2026-11-22");
        assertThat(store.findWeekly(WEEK)).contains(first.withStored(r1.id(), r1.url()));

        WeeklyRollup second = Fixtures.weekly(WEEK, "두 번째 실행");
        StoredRef r2 = store.upsertWeekly(second);

        assertThat(r2).isEqualTo(r1);
        assertThat(store.findWeekly(WEEK)).contains(second.withStored(r1.id(), r1.url()));
        assertThat(store.findWeeklies(WEEK)).hasSize(1);
        try (Stream<Path> files = Files.list(dir.resolve("weekly"))) {
            assertThat(files).hasSize(1);
        }
        assertThat(store.findWeekly(new Period(WEEK.start(), WEEK.end().plusDays(1)))).isEmpty();
    }

    @Test
    void tokenUsageIsInTheFrontMatterAndAHandEditedBodyReadsAsFreeText() throws IOException {
        WeeklyRollup plain = Fixtures.weekly(WEEK, "검색");
        dev.worklog.model.Generation g = new dev.worklog.model.Generation("claude", "m", "v3", "f",
                Instant.parse("2026-11-23T10:00:00Z"), new dev.worklog.model.TokenUsage(1500, 320), null);
        StoredRef ref = store.upsertWeekly(new WeeklyRollup(null, null, WEEK, plain.title(), plain.achievements(),
                plain.keyHighlights(), plain.sourceLogIds(), g, List.of()));
        Path file = dir.resolve("weekly").resolve("2026-11-16_2026-11-22.md");
        String text = Files.readString(file);
        assertThat(text).contains("\ninput_tokens: 1500\noutput_tokens: 320\n", "- tokens: 1500 in, 320 out");
        assertThat(store.findWeekly(WEEK).orElseThrow().generation().usage().total()).isEqualTo(1820);

        // a person rewrote the achievements as prose: the week is its text now, with a warning, not an error
        Files.writeString(file, text.replaceAll("(?s)## Achievements.*?## Generation", "## 이번 주\n\n검색을 빠르게 했다.\n\n## Generation"));
        WeeklyRollup edited = store.findWeekly(WEEK).orElseThrow();
        assertThat(edited.id()).isEqualTo(ref.id());
        assertThat(edited.freeText()).contains("## 이번 주", "검색을 빠르게 했다.");
        assertThat(edited.warnings()).singleElement().asString().contains("not in worklog's roll-up layout");
        assertThat(edited.generation().usage().total()).isEqualTo(1820);
    }

    @Test
    void aCopiedFileGetsItsOwnIdFromItsName() throws IOException {
        StoredRef original = store.saveDailyLog(Fixtures.daily("original", LocalDate.of(2026, 11, 17)));
        Path file = Path.of(URI.create(original.url()));
        Path copy = file.resolveSibling("2026-11-18-my-copy.md");
        Files.writeString(copy, Files.readString(file).replace("title: \"original\"", "title: \"copy\""));

        List<DailyLog> logs = store.findDailyLogs(WEEK, Set.of());

        assertThat(logs).extracting(DailyLog::id).containsExactly(original.id(), "2026-11-18-my-copy");
        assertThat(logs).extracting(DailyLog::title).containsExactly("original", "copy");
        assertThat(logs.get(1).url()).isEqualTo(copy.toUri().toString());
    }

    @Test
    void monthlyRoundTripsStatsExactlyAndUpsertsByMonth() throws IOException {
        YearMonth nov = YearMonth.of(2026, 11);
        MonthlyRollup first = Fixtures.monthly(nov, "검색 지연을 85% 줄였다");
        StoredRef r1 = store.upsertMonthly(first);

        MonthlyRollup back = store.findMonthly(nov).orElseThrow();
        assertThat(back).isEqualTo(first.withStored("monthly-2026-11", r1.url()));
        assertThat(back.stats()).isEqualTo(first.stats());
        assertThat(List.copyOf(back.stats().byTechStack().keySet())).containsExactly("Java", "C++");

        MonthlyRollup second = Fixtures.monthly(nov, "두 번째");
        StoredRef r2 = store.upsertMonthly(second);
        assertThat(r2).isEqualTo(r1);
        assertThat(store.findMonthly(nov)).contains(second.withStored(r1.id(), r1.url()));
        try (Stream<Path> files = Files.list(dir.resolve("monthly"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("2026-11.md");
        }
        assertThat(store.findMonthly(YearMonth.of(2026, 12))).isEmpty();
    }

    @Test
    void periodIncludesBothEndsAndFiltersStatuses() {
        LocalDate start = WEEK.start();
        LocalDate end = WEEK.end();
        store.saveDailyLog(withStatus(Fixtures.daily("before", start.minusDays(1)), "Logged"));
        StoredRef first = store.saveDailyLog(withStatus(Fixtures.daily("first day", start), "Logged"));
        StoredRef last = store.saveDailyLog(withStatus(Fixtures.daily("last day", end), "Published"));
        store.saveDailyLog(withStatus(Fixtures.daily("after", end.plusDays(1)), "Logged"));

        assertThat(store.findDailyLogs(WEEK, Set.of())).extracting(DailyLog::id).containsExactly(first.id(), last.id());
        assertThat(store.findDailyLogs(WEEK, Set.of("Published"))).extracting(DailyLog::id).containsExactly(last.id());
        assertThat(store.findDailyLogs(WEEK, Set.of("In Review"))).isEmpty();
    }

    @Test
    void sortsByDateThenCreationOrderEvenWithAFixedClock() {
        List<String> expected = new ArrayList<>();
        StoredRef late = store.saveDailyLog(Fixtures.daily("late", LocalDate.of(2026, 11, 20)));
        for (int i = 0; i < 12; i++) {
            expected.add(store.saveDailyLog(Fixtures.daily("same day " + i, LocalDate.of(2026, 11, 18))).id());
        }
        StoredRef early = store.saveDailyLog(Fixtures.daily("early", LocalDate.of(2026, 11, 16)));
        expected.add(0, early.id());
        expected.add(late.id());

        assertThat(store.findDailyLogs(WEEK, Set.of())).extracting(DailyLog::id).containsExactlyElementsOf(expected);
    }

    @Test
    void weekStraddlingTwoMonthsBelongsToBoth() {
        Period straddling = new Period(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6));
        Period inside = new Period(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));
        store.upsertWeekly(Fixtures.weekly(straddling, "straddling"));
        store.upsertWeekly(Fixtures.weekly(inside, "inside"));
        store.upsertWeekly(Fixtures.weekly(WEEK, "earlier"));

        assertThat(store.findWeeklies(Period.of(YearMonth.of(2026, 11)))).extracting(WeeklyRollup::period)
                .containsExactly(WEEK, inside, straddling);
        assertThat(store.findWeeklies(Period.of(YearMonth.of(2026, 12)))).extracting(WeeklyRollup::period)
                .containsExactly(straddling);
        assertThat(store.findWeeklies(Period.of(YearMonth.of(2027, 1)))).isEmpty();
    }

    @Test
    void findMonthliesReturnsMonthsOverlappingThePeriod() {
        store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 10), "oct"));
        store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 11), "nov"));
        store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 12), "dec"));

        assertThat(store.findMonthlies(new Period(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1))))
                .extracting(MonthlyRollup::month).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        assertThat(store.findMonthlies(new Period(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31))))
                .extracting(MonthlyRollup::month).containsExactly(YearMonth.of(2026, 12));
    }

    @Test
    void aCorruptFileIsReportedByNameNotSkipped() throws IOException {
        store.saveDailyLog(Fixtures.daily("fine", LocalDate.of(2026, 11, 17)));
        Path bad = dir.resolve("daily").resolve("2026-11-18-broken.md");
        Files.writeString(bad, "---\ntitle: \"unterminated\ncategory: 기타\nimpact_level: High\ntech_stack: []\n"
                + "logged_date: 2026-11-18\nstatus: Logged\n---\nbody\n");

        assertThatThrownBy(() -> store.findDailyLogs(WEEK, Set.of()))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("'title' is not valid JSON")
                .satisfies(e -> assertThat(((LocalStoreException) e).file()).contains(bad));

        Files.writeString(bad, "no front matter at all\n");
        assertThatThrownBy(() -> store.findDailyLogs(WEEK, Set.of())).isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("'---'");

        Files.writeString(bad, "---\ntitle: x\n");
        assertThatThrownBy(() -> store.findDailyLogs(WEEK, Set.of())).hasMessageContaining("no closing '---'");

        Files.writeString(bad, "---\ntitle: x\ncategory: 기타\nimpact_level: Huge\ntech_stack: []\n"
                + "logged_date: 2026-11-18\nstatus: Logged\n---\nbody\n");
        assertThatThrownBy(() -> store.findDailyLogs(WEEK, Set.of())).hasMessageContaining("impact_level")
                .hasMessageContaining("Huge");
    }

    @Test
    void corruptMonthlyStatsAreReportedByName() throws IOException {
        StoredRef ref = store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 11), "m"));
        Path file = Path.of(URI.create(ref.url()));
        Files.writeString(file, Files.readString(file).replaceFirst("stats: \\{", "stats: {\"totalLogs\": \"many\", "));

        assertThatThrownBy(() -> store.findMonthly(YearMonth.of(2026, 11))).isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'stats' is not valid");
        assertThatThrownBy(() -> store.findMonthlies(Period.of(YearMonth.of(2026, 11))))
                .isInstanceOf(LocalStoreException.class).hasMessageContaining(file.toString());
    }

    @Test
    void aHandWrittenFileWithBareValuesIsRead() throws IOException {
        Files.writeString(dir.resolve("daily").resolve("2026-11-19-by-hand.md"),
                "---\r\ntitle: 손으로 쓴 기록\r\n# a comment\r\ncategory: 기타\r\nimpact_level: low\r\n"
                        + "tech_stack: Vim, tmux \r\nlogged_date: 2026-11-19\r\nstatus: Logged\r\n---\r\nbody line\r\n");

        DailyLog log = store.findDailyLogs(WEEK, Set.of()).get(0);

        assertThat(log.id()).isEqualTo("2026-11-19-by-hand");
        assertThat(log.title()).isEqualTo("손으로 쓴 기록");
        assertThat(log.impactLevel()).isEqualTo(ImpactLevel.LOW);
        assertThat(log.context()).isEqualTo("body line");
        assertThat(log.techStack()).containsExactly("Vim", "tmux");
        assertThat(log.metrics()).isNull();
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        store.saveDailyLog(Fixtures.daily("a", LocalDate.of(2026, 11, 17)));
        store.upsertWeekly(Fixtures.weekly(WEEK, "w"));
        store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 11), "m"));
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".md") || n.equals(".lock") || n.equals(".sequence"));
        }
    }

    @Test
    void openFailsWhenTheFolderCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> LocalWorkLogRepository.open(file.resolve("data"), CLOCK))
                .isInstanceOf(LocalStoreException.class).hasMessageContaining(file.toString());
    }

    @Test
    void describesItselfWithTheFolder() {
        assertThat(store.describe()).isEqualTo("local store at " + dir.toAbsolutePath().normalize());
        assertThat(store.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    private static DailyLog withStatus(DailyLog log, String status) {
        return new DailyLog(null, null, log.title(), log.context(), log.category(), log.impactLevel(), log.techStack(),
                log.loggedDate(), status, log.metrics(), log.ticketUrl());
    }
}
