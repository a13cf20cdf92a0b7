package dev.worklog.store;

import dev.worklog.internal.io.DurableFiles;
import dev.worklog.internal.io.FolderLock;
import dev.worklog.internal.store.FrontMatterFile;
import dev.worklog.internal.store.LocalFiles;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.spi.WorkLogRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The embedded store: one markdown file per entry in a folder, readable and editable by a person, the default when
 * no Notion key is set.
 *
 * <pre>
 * worklog-data/
 *   daily/2026-11-24-k3x9q2m7ab.md           one file per daily log (id 2026-11-24-k3x9q2m7ab)
 *   weekly/2026-11-16_2026-11-22.md          one file per week (id weekly-2026-11-16_2026-11-22)
 *   monthly/2026-11.md                       one file per month (id monthly-2026-11)
 *   reviews/2026-Q4.json, reviews/2026-Q4.md  a saved review packet: its JSON (read back), its markdown (to read)
 * </pre>
 *
 * <p>An id is derived from the file name, so ids stay unique even when a person copies a file to start a new
 * entry; the {@code id} line in the front matter is there for the reader. Each file starts with front matter, {@code key: value} lines between {@code ---} fences; text values are JSON
 * strings (Korean and emoji written as they are), lists are JSON arrays, a month's statistics are a JSON object.
 * A daily log's body is its context, exactly as given (CRLF line ends and trailing spaces included; the file ends
 * with one extra newline that reading removes). A roll-up's body is {@link RollupMarkdown}'s rendering, which is
 * also what is read back, so editing the achievements in the file changes the stored roll-up.
 *
 * <p>Every write goes to a temporary file in the same folder, is forced to disk and then renamed over the target,
 * so a reader never sees half a file. Writers (threads, and other processes using the same folder) serialise on a
 * {@link FileChannel#lock() file lock} on {@code .lock}, so that the same week upserted twice at once still leaves
 * one file. Daily logs get fresh random ids and never overwrite each other.
 *
 * A roll-up's front matter also carries the tokens its generation used ({@code input_tokens}, {@code output_tokens};
 * the body's generation section says the same), so totals per month can be had with grep.
 *
 * <p>A file that no longer parses (for example after a bad hand edit) is not skipped: reading it fails with a
 * {@link LocalStoreException} naming the file, because silently dropping a day's work from a roll-up is worse than
 * stopping. The one exception is a roll-up whose body was edited beyond reading while its front matter is intact:
 * it reads as free text with a warning, and monthly runs use that text as it is.
 *
 * <pre>{@code
 * try (WorkLogRepository store = LocalWorkLogRepository.open(Path.of("worklog-data"), Clock.systemUTC())) {
 *     StoredRef ref = store.saveDailyLog(log);
 *     List<DailyLog> week = store.findDailyLogs(Period.isoWeekOf(LocalDate.now()), Set.of());
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class LocalWorkLogRepository implements WorkLogRepository {
    static final String DAILY = "daily";
    static final String WEEKLY = "weekly";
    static final String MONTHLY = "monthly";
    static final String REVIEWS = "reviews";
    static final String LOCK_FILE = ".lock";
    static final String SEQUENCE_FILE = ".sequence";
    private static final String EXTENSION = LocalFiles.EXTENSION;
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int ID_RANDOM_CHARS = 10;

    private final Path root;
    private final Clock clock;
    private final FolderLock lock;
    private final SecureRandom random = new SecureRandom();

    private LocalWorkLogRepository(Path root, FolderLock lock, Clock clock) {
        this.root = root;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Opens (and creates when missing) the store in {@code dataDir}.
     *
     * @param dataDir the folder; created with its subfolders when it does not exist
     * @param clock stamps the creation time of daily logs
     * @throws LocalStoreException when the folder cannot be created or written
     */
    public static LocalWorkLogRepository open(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path root = dataDir.toAbsolutePath().normalize();
        FolderLock lock;
        try {
            for (String sub : List.of(DAILY, WEEKLY, MONTHLY, REVIEWS)) {
                Files.createDirectories(root.resolve(sub));
            }
            // proves the folder is writable now rather than on the first save
            Path probe = root.resolve(".probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.write(probe, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
            lock = FolderLock.of(root, LOCK_FILE);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new LocalStoreException(root, "cannot use " + root + " as the local store: " + e, e);
        }
        return new LocalWorkLogRepository(root, lock, clock);
    }

    /** The folder the files are in. */
    public Path dataDir() {
        return root;
    }

    @Override
    public String describe() {
        return "local store at " + root;
    }

    /**
     * Looks the entry id up among the files of the entry's day (under the store's lock, so a concurrent save of the
     * same entry cannot slip in between) and writes the entry only when none has it.
     */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        Objects.requireNonNull(log, "log");
        if (log.entryId() == null) {
            return saveDailyLog(log);
        }
        return locked(() -> {
            try (DirectoryStream<Path> day = Files.newDirectoryStream(root.resolve(DAILY),
                    log.loggedDate() + "-*" + EXTENSION)) {
                for (Path file : day) {
                    DailyLog stored = LocalFiles.readDaily(file).log();
                    if (log.entryId().equals(stored.entryId()) && log.loggedDate().equals(stored.loggedDate())) {
                        return new StoredRef(stored.id(), stored.url());
                    }
                }
            } catch (IOException e) {
                throw new LocalStoreException(root, "cannot list " + root.resolve(DAILY) + ": " + e, e);
            }
            return writeDaily(log);
        });
    }

    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        Objects.requireNonNull(log, "log");
        return locked(() -> writeDaily(log));
    }

    /** Writes a new daily log file; the caller holds the lock. */
    private StoredRef writeDaily(DailyLog log) {
        Path dir = root.resolve(DAILY);
        String id;
        Path file;
        do {
            id = log.loggedDate() + "-" + randomId();
            file = dir.resolve(id + EXTENSION);
        } while (Files.exists(file));
        writeAtomically(file, LocalFiles.dailyText(id, log, clock.instant(), nextSequence()));
        return new StoredRef(id, LocalFiles.url(file));
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(statuses, "statuses");
        List<LocalFiles.StoredDaily> found = new ArrayList<>();
        for (Path file : files(DAILY)) {
            LocalFiles.StoredDaily stored = LocalFiles.readDaily(file);
            DailyLog log = stored.log();
            if (period.contains(log.loggedDate()) && (statuses.isEmpty() || statuses.contains(log.status()))) {
                found.add(stored);
            }
        }
        found.sort(LocalFiles.StoredDaily.ORDER);
        return found.stream().map(LocalFiles.StoredDaily::log).toList();
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        Path file = weeklyFile(period);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(LocalFiles.readWeekly(file));
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        Objects.requireNonNull(overlapping, "overlapping");
        List<WeeklyRollup> out = new ArrayList<>();
        for (Path file : files(WEEKLY)) {
            WeeklyRollup w = LocalFiles.readWeekly(file);
            if (w.period().overlaps(overlapping)) {
                out.add(w);
            }
        }
        out.sort(Comparator.comparing((WeeklyRollup w) -> w.period().start()).thenComparing(w -> w.period().end()));
        return out;
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        Objects.requireNonNull(rollup, "rollup");
        Path file = weeklyFile(rollup.period());
        return locked(() -> {
            String id = weeklyId(rollup.period());
            writeAtomically(file, LocalFiles.weeklyText(id, rollup, clock.instant()));
            return new StoredRef(id, LocalFiles.url(file));
        });
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        Path file = monthlyFile(month);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(LocalFiles.readMonthly(file));
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        Objects.requireNonNull(overlapping, "overlapping");
        List<MonthlyRollup> out = new ArrayList<>();
        for (Path file : files(MONTHLY)) {
            MonthlyRollup m = LocalFiles.readMonthly(file);
            if (Period.of(m.month()).overlaps(overlapping)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(MonthlyRollup::month));
        return out;
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        Objects.requireNonNull(rollup, "rollup");
        Path file = monthlyFile(rollup.month());
        return locked(() -> {
            String id = monthlyId(rollup.month());
            writeAtomically(file, LocalFiles.monthlyText(id, rollup, clock.instant()));
            return new StoredRef(id, LocalFiles.url(file));
        });
    }

    /** The packet saved for the period, read from {@code reviews/<period>.json}. */
    @Override
    public Optional<ReviewPacket> findReview(ReviewPeriod period) {
        Path file = root.resolve(REVIEWS).resolve(period.fileName() + ".json");
        return Files.exists(file) ? Optional.of(LocalFiles.readReview(file)) : Optional.empty();
    }

    /** Writes {@code reviews/<period>.json} (what is read back) and {@code reviews/<period>.md} (to read). */
    @Override
    public StoredRef upsertReview(ReviewPacket packet) {
        Objects.requireNonNull(packet, "packet");
        Path dir = root.resolve(REVIEWS);
        return locked(() -> {
            Path md = dir.resolve(packet.period().fileName() + EXTENSION);
            ReviewPacket stored = packet.withStored("review-" + packet.period().fileName(), LocalFiles.url(md));
            writeAtomically(dir.resolve(packet.period().fileName() + ".json"), ReviewExport.json(stored));
            writeAtomically(md, ReviewExport.markdown(stored));
            return new StoredRef(stored.id(), stored.url());
        });
    }

    @Override
    public String toString() {
        return describe();
    }

    private List<Path> files(String kind) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve(kind), "*" + EXTENSION)) {
            for (Path p : dir) {
                // temporary files of a write in progress start with a dot
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new LocalStoreException(root.resolve(kind), "cannot list " + root.resolve(kind) + ": " + e, e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    // ---- writing

    private Path weeklyFile(Period period) {
        return root.resolve(WEEKLY).resolve(period.start() + "_" + period.end() + EXTENSION);
    }

    private Path monthlyFile(YearMonth month) {
        return root.resolve(MONTHLY).resolve(month + EXTENSION);
    }

    /** The id a week's roll-up gets, e.g. {@code weekly-2026-11-16_2026-11-22}. */
    public static String weeklyId(Period period) {
        return "weekly-" + period.start() + "_" + period.end();
    }

    /** The id a month's roll-up gets, e.g. {@code monthly-2026-11}. */
    public static String monthlyId(YearMonth month) {
        return "monthly-" + month;
    }

    private String randomId() {
        char[] out = new char[ID_RANDOM_CHARS];
        for (int i = 0; i < out.length; i++) {
            out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(out);
    }

    /** Called under the lock: the next number of the folder-wide creation order. */
    private long nextSequence() {
        Path file = root.resolve(SEQUENCE_FILE);
        long last = 0;
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!text.isEmpty()) {
                    last = Long.parseLong(text);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a damaged counter only weakens the order of same-day logs; fall back to the logs themselves
            last = maxStoredSequence();
        }
        long next = last + 1;
        writeAtomically(file, Long.toString(next) + "\n");
        return next;
    }

    private long maxStoredSequence() {
        long max = 0;
        for (Path file : files(DAILY)) {
            try {
                long s = FrontMatterFile.parse(file, LocalFiles.read(file)).longValue("sequence", 0);
                max = Math.max(max, s);
            } catch (LocalStoreException ignored) {
                // unreadable files are reported when read, not here
            }
        }
        return max;
    }

    private <T> T locked(Supplier<T> action) {
        try {
            return lock.locked(action);
        } catch (UncheckedIOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot lock ")) {
                throw new LocalStoreException(lock.file(), e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void writeAtomically(Path target, String text) {
        try {
            DurableFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw new LocalStoreException(target, e.getMessage(), e);
        }
    }
}
