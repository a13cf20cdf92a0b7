package dev.worklog.internal.backup;

import dev.worklog.backup.BackupReport.Action;
import dev.worklog.backup.BackupReport.Item;
import dev.worklog.backup.BackupReport.Kind;
import dev.worklog.backup.BackupReport;
import dev.worklog.error.ConfigurationException;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Copies everything from one store to another through the {@link WorkLogRepository} SPI only, so it works between
 * any two stores: Notion to a local folder ({@code worklog export}), a folder back to Notion ({@code worklog
 * import}), or from the local store into a fresh Notion workspace.
 *
 * <pre>{@code
 * try (WorkLogRepository notion = ...; WorkLogRepository folder = LocalWorkLogRepository.open(dir, clock)) {
 *     BackupReport report = Backup.copy(notion, folder, null);
 *     report.summaryLines().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 * <li><b>Relations survive.</b> Ids differ between stores, so a week's {@code sourceLogIds} and its achievements'
 * {@code sourceIds} are rewritten to the daily logs' ids in the target, and a month's {@code sourceWeekIds} and
 * achievement sources to the weeks' ids in the target.</li>
 * <li><b>Idempotent.</b> A second run writes nothing. A daily log counts as present when the target holds one with
 * equal fields on the same date (the context compared without blank lines and trailing spaces, since stores
 * render those differently); a roll-up when the target's roll-up of that period equals the copy as the target
 * would store it ({@link WorkLogRepository#asStored}: Notion re-spells markdown). A roll-up that differs is
 * upserted (the stores keep one per period, so this never duplicates). Roll-ups not in worklog's layout (pages of
 * the original system) are copied as their text.</li>
 * <li><b>Resumable.</b> Records are written one at a time; when a run fails half-way (network, rate limits beyond
 * the retries), running it again copies only what is missing.</li>
 * <li><b>{@code since} keeps relations whole.</b> With a start date, the months and weeks that reach that date are
 * copied too, and with them every daily log their periods cover, so no copied roll-up points at a missing log.</li>
 * </ul>
 *
 * <p>Daily logs cannot be updated through the SPI: a log of the same date, title and category whose other fields
 * differ is reported as {@link Action#DIFFERS} rather than copied a second time.
 */
public final class Backup {
    /** The earliest day a copy of "everything" asks a store for. */
    static final LocalDate BEGINNING = LocalDate.of(1900, 1, 1);
    /** The latest day a copy of "everything" asks a store for. */
    static final LocalDate END = LocalDate.of(9999, 12, 31);

    private final Consumer<Item> listener;
    private final ProgressListener progress;

    private Backup(Consumer<Item> listener, ProgressListener progress) {
        this.listener = listener;
        this.progress = progress;
    }

    /**
     * Copies every daily log, weekly and monthly roll-up from {@code from} to {@code to}.
     *
     * @param since copy only what lies on or after this day (and what the roll-ups reaching it need); {@code null}
     *     copies everything
     * @return what was created, updated and skipped
     * @throws dev.worklog.error.WorkLogException when a store fails; what was copied before stays copied
     */
    public static BackupReport copy(WorkLogRepository from, WorkLogRepository to, LocalDate since) {
        return withListener(item -> { }).run(from, to, since);
    }

    /** A backup that tells {@code listener} about each record as soon as it is handled (for progress output). */
    public static Backup withListener(Consumer<Item> listener) {
        return new Backup(Objects.requireNonNull(listener, "listener"), ProgressListener.none());
    }

    /** This backup, also telling {@code value} how many records of each kind are copied (and how reading goes). */
    public Backup withProgress(ProgressListener value) {
        return new Backup(listener, Objects.requireNonNull(value, "progress"));
    }

    /** Like {@link #copy}, reporting progress to this backup's listener. */
    public BackupReport run(WorkLogRepository from, WorkLogRepository to, LocalDate since) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("the source and the target are the same store: " + from.describe());
        }
        Run run = new Run(from, to);
        LocalDate start = since == null ? BEGINNING : since;

        // roll-ups first only to widen the range: a month or week reaching `since` needs all its sources
        Period requested = new Period(start, END);
        List<MonthlyRollup> months = run.read("monthly", () -> from.findMonthlies(requested));
        for (MonthlyRollup m : months) {
            start = min(start, m.month().atDay(1));
        }
        Period monthsRange = new Period(start, END);
        List<WeeklyRollup> weeks = run.read("weekly", () -> from.findWeeklies(monthsRange));
        for (WeeklyRollup w : weeks) {
            start = min(start, w.period().start());
        }
        Period range = new Period(start, END);

        List<DailyLog> dailies = from.findDailyLogs(range, Set.of(), progress);
        run.progress.expect(Kind.DAILY, dailies.size());
        run.copyDailies(dailies, to.findDailyLogs(range, Set.of(), progress));
        run.progress.expect(Kind.WEEKLY, weeks.size());
        weeks = new ArrayList<>(weeks);
        weeks.sort(Comparator.comparing((WeeklyRollup w) -> w.period().start()).thenComparing(w -> w.period().end()));
        for (WeeklyRollup w : weeks) {
            run.copyWeekly(w);
        }
        run.progress.expect(Kind.MONTHLY, months.size());
        months = new ArrayList<>(months);
        months.sort(Comparator.comparing(MonthlyRollup::month));
        for (MonthlyRollup m : months) {
            run.copyMonthly(m);
        }
        return new BackupReport(from.describe(), to.describe(), run.items, run.warnings);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The state of one copy: id maps and the report being built. */
    private final class Run {
        private final WorkLogRepository from;
        private final WorkLogRepository to;
        private final Map<String, String> logIds = new HashMap<>();
        private final Map<String, String> weekIds = new HashMap<>();
        private final List<Item> items = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final CopyProgress progress = new CopyProgress(Backup.this.progress);
        private boolean weeklyUnsupported;
        private boolean monthlyUnsupported;

        Run(WorkLogRepository from, WorkLogRepository to) {
            this.from = from;
            this.to = to;
        }

        /** Reads roll-ups; a store without that database configured is a warning, not a failure of the backup. */
        <T> List<T> read(String kind, java.util.function.Supplier<List<T>> reader) {
            try {
                return reader.get();
            } catch (ConfigurationException e) {
                warnings.add(kind + " roll-ups were not copied: " + from.describe() + " cannot read them ("
                        + e.getMessage() + ")");
                return List.of();
            }
        }

        void copyDailies(List<DailyLog> source, List<DailyLog> existing) {
            // candidates per date; each target log may match one source log only, so two equal entries of one day
            // in the source are two entries in the target
            Map<LocalDate, List<DailyLog>> byDate = new HashMap<>();
            for (DailyLog log : existing) {
                byDate.computeIfAbsent(log.loggedDate(), d -> new ArrayList<>()).add(log);
            }
            List<DailyLog> unmatched = new ArrayList<>();
            for (DailyLog log : source) {
                Optional<DailyLog> same = take(byDate, log, Backup::sameDaily);
                if (same.isPresent()) {
                    logIds.put(log.id(), same.get().id());
                    add(new Item(Kind.DAILY, Action.SKIPPED, label(log), log.id(), same.get().id()));
                } else {
                    unmatched.add(log);
                }
            }
            for (DailyLog log : unmatched) {
                Optional<DailyLog> edited = take(byDate, log, Backup::sameDailyIdentity);
                if (edited.isPresent()) {
                    logIds.put(log.id(), edited.get().id());
                    add(new Item(Kind.DAILY, Action.DIFFERS, label(log), log.id(), edited.get().id()));
                    warnings.add("daily log " + label(log) + " differs from the one already in the target ("
                            + edited.get().id() + "); kept the target's, as daily logs cannot be updated");
                    continue;
                }
                StoredRef ref = to.saveDailyLog(log.withStored(null, null));
                logIds.put(log.id(), ref.id());
                add(new Item(Kind.DAILY, Action.CREATED, label(log), log.id(), ref.id()));
            }
        }

        void copyWeekly(WeeklyRollup source) {
            if (weeklyUnsupported) {
                return;
            }
            String label = "week " + source.period().describe();
            Optional<WeeklyRollup> existing;
            try {
                existing = to.findWeekly(source.period());
            } catch (ConfigurationException e) {
                weeklyUnsupported = true;
                warnings.add("weekly roll-ups were not copied: " + to.describe() + " cannot hold them ("
                        + e.getMessage() + ")");
                return;
            }
            List<Achievement> achievements = remapAchievements(source.achievements(), logIds, label, "daily log");
            List<String> sources = remap(source.sourceLogIds(), logIds, label, "daily log");
            WeeklyRollup copy = new WeeklyRollup(null, null, source.period(), source.title(), achievements,
                    source.keyHighlights(), sources, source.generation(), source.warnings(), source.freeText());
            if (existing.isPresent() && sameWeekly(existing.get(), to.asStored(copy))) {
                weekIds.put(source.id(), existing.get().id());
                add(new Item(Kind.WEEKLY, Action.SKIPPED, label, source.id(), existing.get().id()));
                return;
            }
            StoredRef ref = to.upsertWeekly(copy);
            weekIds.put(source.id(), ref.id());
            add(new Item(Kind.WEEKLY, existing.isPresent() ? Action.UPDATED : Action.CREATED, label, source.id(),
                    ref.id()));
        }

        void copyMonthly(MonthlyRollup source) {
            if (monthlyUnsupported) {
                return;
            }
            String label = "month " + source.month();
            Optional<MonthlyRollup> existing;
            try {
                existing = to.findMonthly(source.month());
            } catch (ConfigurationException e) {
                monthlyUnsupported = true;
                warnings.add("monthly roll-ups were not copied: " + to.describe() + " cannot hold them ("
                        + e.getMessage() + ")");
                return;
            }
            List<Achievement> achievements = remapAchievements(source.achievements(), weekIds, label, "week");
            List<String> sources = remap(source.sourceWeekIds(), weekIds, label, "week");
            MonthlyRollup copy = new MonthlyRollup(null, null, source.month(), source.title(), achievements,
                    source.careerBrief(), source.stats(), sources, source.generation(), source.warnings(),
                    source.freeText());
            if (existing.isPresent() && sameMonthly(existing.get(), to.asStored(copy))) {
                add(new Item(Kind.MONTHLY, Action.SKIPPED, label, source.id(), existing.get().id()));
                return;
            }
            StoredRef ref = to.upsertMonthly(copy);
            add(new Item(Kind.MONTHLY, existing.isPresent() ? Action.UPDATED : Action.CREATED, label, source.id(),
                    ref.id()));
        }

        private List<Achievement> remapAchievements(List<Achievement> achievements, Map<String, String> ids,
                String owner, String what) {
            List<Achievement> out = new ArrayList<>();
            for (Achievement a : achievements) {
                out.add(new Achievement(a.title(), a.situation(), a.task(), a.action(), a.result(), a.techStack(),
                        a.metrics(), remap(a.sourceIds(), ids, owner + " achievement '" + a.title() + "'", what)));
            }
            return out;
        }

        /** Rewrites ids to the target's; an id the copy does not know cannot be linked and is dropped, with a warning. */
        private List<String> remap(List<String> ids, Map<String, String> map, String owner, String what) {
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                String mapped = map.get(id);
                if (mapped == null) {
                    warnings.add(owner + " cites " + what + " " + id + ", which is not in the source or was not "
                            + "copied; the link was dropped");
                } else if (!out.contains(mapped)) {
                    out.add(mapped);
                }
            }
            return out;
        }

        private void add(Item item) {
            items.add(item);
            listener.accept(item);
            progress.handled(item.kind());
        }
    }

    private static Optional<DailyLog> take(Map<LocalDate, List<DailyLog>> byDate, DailyLog log,
            java.util.function.BiPredicate<DailyLog, DailyLog> same) {
        List<DailyLog> candidates = byDate.getOrDefault(log.loggedDate(), List.of());
        for (Iterator<DailyLog> it = candidates.iterator(); it.hasNext();) {
            DailyLog candidate = it.next();
            if (same.test(log, candidate)) {
                it.remove();
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String label(DailyLog log) {
        return log.loggedDate() + " '" + log.title() + "'";
    }

    /** Same entry: every field equal, the context up to line ends and trailing spaces. */
    static boolean sameDaily(DailyLog a, DailyLog b) {
        return sameDailyIdentity(a, b)
                && normalise(a.context()).equals(normalise(b.context()))
                && a.impactLevel() == b.impactLevel()
                && a.techStack().equals(b.techStack())
                && a.status().equals(b.status())
                && Objects.equals(a.metrics(), b.metrics())
                && Objects.equals(a.ticketUrl(), b.ticketUrl());
    }

    /** Same day, title and category: the same entry, perhaps edited since. */
    static boolean sameDailyIdentity(DailyLog a, DailyLog b) {
        return a.loggedDate().equals(b.loggedDate()) && a.title().strip().equals(b.title().strip())
                && a.category().equals(b.category());
    }

    static boolean sameWeekly(WeeklyRollup a, WeeklyRollup b) {
        return a.period().equals(b.period()) && a.title().equals(b.title())
                && sameAchievements(a.achievements(), b.achievements())
                && a.keyHighlights().equals(b.keyHighlights())
                && sorted(a.sourceLogIds()).equals(sorted(b.sourceLogIds()))
                && sameGeneration(a.generation(), b.generation())
                && a.warnings().equals(b.warnings())
                && Objects.equals(a.freeText(), b.freeText());
    }

    static boolean sameMonthly(MonthlyRollup a, MonthlyRollup b) {
        return a.month().equals(b.month()) && a.title().equals(b.title())
                && sameAchievements(a.achievements(), b.achievements())
                && a.careerBrief().equals(b.careerBrief())
                && a.stats().equals(b.stats())
                && sorted(a.sourceWeekIds()).equals(sorted(b.sourceWeekIds()))
                && sameGeneration(a.generation(), b.generation())
                && a.warnings().equals(b.warnings())
                && Objects.equals(a.freeText(), b.freeText());
    }

    private static boolean sameAchievements(List<Achievement> a, List<Achievement> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Achievement x = a.get(i);
            Achievement y = b.get(i);
            boolean same = x.title().equals(y.title()) && x.situation().equals(y.situation())
                    && x.task().equals(y.task()) && x.action().equals(y.action()) && x.result().equals(y.result())
                    && x.techStack().equals(y.techStack()) && x.metrics().equals(y.metrics())
                    && sorted(x.sourceIds()).equals(sorted(y.sourceIds()));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Stores keep the generation stamp at different precisions (Notion: minutes); compare at the coarsest. */
    private static boolean sameGeneration(Generation a, Generation b) {
        return a.provider().equals(b.provider()) && a.model().equals(b.model())
                && a.promptVersion().equals(b.promptVersion()) && a.inputFingerprint().equals(b.inputFingerprint())
                && a.generatedAt().truncatedTo(ChronoUnit.MINUTES).equals(b.generatedAt().truncatedTo(ChronoUnit.MINUTES))
                && a.usage().equals(b.usage())
                && a.sourcesRead().map(t -> t.truncatedTo(ChronoUnit.MINUTES))
                        .equals(b.sourcesRead().map(t -> t.truncatedTo(ChronoUnit.MINUTES)));
    }

    private static Set<String> sorted(List<String> ids) {
        return new TreeSet<>(ids);
    }

    /**
     * The context as compared: line ends unified, trailing spaces and blank lines removed. Stores render markdown
     * differently in these respects only (Notion's blocks come back with a blank line between every block), and
     * none of them changes what the entry says.
     */
    static String normalise(String markdown) {
        StringBuilder sb = new StringBuilder();
        for (String line : markdown.split("\\R", -1)) {
            if (!line.isBlank()) {
                sb.append(line.stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }
}
