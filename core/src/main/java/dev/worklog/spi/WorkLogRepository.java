package dev.worklog.spi;

import dev.worklog.error.ConfigurationException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.log.ProgressListener;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where daily logs and roll-ups are kept: the embedded local store, Notion, or your own. Implementations must be
 * safe for use from several threads, return daily logs with their full context, and keep at most one weekly
 * roll-up per period and one monthly roll-up per month.
 */
public interface WorkLogRepository extends AutoCloseable {
    /** A short human description, e.g. {@code local store at /home/me/worklog-data}. */
    String describe();

    /**
     * Stores a new daily log and says where it went. A store that records entry ids ({@link DailyLog#entryId()})
     * writes the id with the entry, and uses it to tell whether an attempt whose answer was lost landed.
     */
    StoredRef saveDailyLog(DailyLog log);

    /**
     * Stores a daily log unless an earlier attempt already did: looks its entry id up first, completes an entry that
     * was left half written, and creates it only when it is absent. The outbox delivers with this, so that a create
     * whose outcome is unknown (a crash, a lost answer, a failure after the retries) is never made twice.
     *
     * <p>The default stores the log without looking, which can duplicate it after such a failure; stores that
     * record entry ids override it (the local store and the Notion store do).
     */
    default StoredRef ensureDailyLog(DailyLog log) {
        return saveDailyLog(log);
    }

    /**
     * Whether what the store holds survives a restart of this process (the default). The outbox records a
     * write-ahead intent before each create only for durable stores: for one that forgets its entries when the
     * process ends (an in-memory store for tests and benchmarks), an intent on disk would outlive the entry it
     * protects, and its fsync would be the only cost of the request.
     */
    default boolean durable() {
        return true;
    }

    /**
     * The circuit breaker guarding the store's remote calls, if it has one (the Notion store does): while it is not
     * closed, the store is known to be failing and callers may queue instead of waiting for it.
     */
    default Optional<CircuitBreaker> circuitBreaker() {
        return Optional.empty();
    }

    /**
     * Every daily log whose logged date lies in the period (both ends included), oldest first.
     *
     * @param statuses only these statuses; empty means all
     */
    List<DailyLog> findDailyLogs(Period period, Set<String> statuses);

    /**
     * {@link #findDailyLogs(Period, Set)}, telling {@code progress} how many of the period's logs are read (task
     * {@value #READING_DAILY_LOGS}) and how long it waited for a rate limit. A store that reads page by page
     * (Notion) reports as it goes; the default reads, then reports once.
     */
    default List<DailyLog> findDailyLogs(Period period, Set<String> statuses, ProgressListener progress) {
        List<DailyLog> logs = findDailyLogs(period, statuses);
        progress.onStep(new ProgressListener.Step(READING_DAILY_LOGS, logs.size(), logs.size()));
        return logs;
    }

    /** The task name stores use for {@link #findDailyLogs(Period, Set, ProgressListener)}'s progress. */
    String READING_DAILY_LOGS = "reading daily logs";

    /** The weekly roll-up of exactly this period, if one is stored. */
    Optional<WeeklyRollup> findWeekly(Period period);

    /** Every weekly roll-up whose period overlaps the given one (a week straddling two months belongs to both). */
    List<WeeklyRollup> findWeeklies(Period overlapping);

    /** Stores the roll-up, replacing the one of the same period if there is one. */
    StoredRef upsertWeekly(WeeklyRollup rollup);

    /** The monthly roll-up of this month, if one is stored. */
    Optional<MonthlyRollup> findMonthly(YearMonth month);

    /** Every monthly roll-up whose month overlaps the period. */
    List<MonthlyRollup> findMonthlies(Period overlapping);

    /** Stores the roll-up, replacing the one of the same month if there is one. */
    StoredRef upsertMonthly(MonthlyRollup rollup);

    /**
     * When each of the period's daily logs was last edited, as the store can tell without reading the logs'
     * bodies; empty when it has no cheaper way than reading them (the default). A weekly rerun whose sources were
     * all read after their stamps keeps its roll-up without reading them again.
     *
     * @param statuses only these statuses; empty means all
     */
    default Optional<List<EditStamp>> findDailyLogStamps(Period period, Set<String> statuses) {
        return Optional.empty();
    }

    /**
     * The roll-up as this store would give it back once {@link #upsertWeekly stored}: a store that keeps markdown
     * in another form (Notion's blocks) re-spells it the way reading does. Lets a copy tell "already there"
     * without writing. The default: unchanged.
     */
    default WeeklyRollup asStored(WeeklyRollup rollup) {
        return rollup;
    }

    /** Like {@link #asStored(WeeklyRollup)}, for a month. */
    default MonthlyRollup asStored(MonthlyRollup rollup) {
        return rollup;
    }

    /**
     * What {@link #saveDailyLog} would send or write for this entry, without writing it: for Notion the page
     * properties and blocks, for a file store the file text. Used by dry runs; the default describes the entry only.
     *
     * @return a JSON-serialisable tree of maps, lists and strings
     */
    default java.util.Map<String, Object> previewDailyLog(DailyLog log) {
        java.util.Map<String, Object> preview = new java.util.LinkedHashMap<>();
        preview.put("store", describe());
        preview.put("title", log.title());
        preview.put("context", log.context());
        return preview;
    }

    /**
     * The review packet stored for exactly this period, if any. The default: none (a store that cannot keep
     * packets makes every review anew).
     */
    default Optional<ReviewPacket> findReview(ReviewPeriod period) {
        return Optional.empty();
    }

    /**
     * Stores a review packet, replacing the one of the same period if there is one.
     *
     * @throws ConfigurationException by default: the store cannot keep review packets
     */
    default StoredRef upsertReview(ReviewPacket packet) {
        throw new ConfigurationException(describe() + " cannot store review packets; run the review without saving "
                + "it and write it to a file instead");
    }

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
