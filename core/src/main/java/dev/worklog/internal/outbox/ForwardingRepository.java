package dev.worklog.internal.outbox;

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
import dev.worklog.spi.WorkLogRepository;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that passes every call to another: the outbox overrides the writes of daily logs and lets the rest through
 * (roll-ups are regenerated on the next run anyway, and reads need the store).
 */
abstract class ForwardingRepository implements WorkLogRepository {
    private final WorkLogRepository delegate;

    ForwardingRepository(WorkLogRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store behind this one. */
    public WorkLogRepository delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        return delegate.saveDailyLog(log);
    }

    /** The store's: it looks the entry id up and stores the entry only when absent. */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        return delegate.ensureDailyLog(log);
    }

    @Override
    public boolean durable() {
        return delegate.durable();
    }

    @Override
    public Optional<CircuitBreaker> circuitBreaker() {
        return delegate.circuitBreaker();
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        return delegate.findDailyLogs(period, statuses);
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses, ProgressListener progress) {
        return delegate.findDailyLogs(period, statuses, progress);
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        return delegate.findWeekly(period);
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        return delegate.findWeeklies(overlapping);
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        return delegate.upsertWeekly(rollup);
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        return delegate.findMonthly(month);
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        return delegate.findMonthlies(overlapping);
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        return delegate.upsertMonthly(rollup);
    }

    @Override
    public Optional<List<EditStamp>> findDailyLogStamps(Period period, Set<String> statuses) {
        return delegate.findDailyLogStamps(period, statuses);
    }

    @Override
    public WeeklyRollup asStored(WeeklyRollup rollup) {
        return delegate.asStored(rollup);
    }

    @Override
    public MonthlyRollup asStored(MonthlyRollup rollup) {
        return delegate.asStored(rollup);
    }

    @Override
    public Optional<ReviewPacket> findReview(ReviewPeriod period) {
        return delegate.findReview(period);
    }

    @Override
    public StoredRef upsertReview(ReviewPacket packet) {
        return delegate.upsertReview(packet);
    }

    @Override
    public Map<String, Object> previewDailyLog(DailyLog log) {
        return delegate.previewDailyLog(log);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
