package dev.worklog.testing;

import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.WorkLogRepository;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe store in memory, for tests of code above the repository SPI. Counts writes. */
public final class InMemoryRepository implements WorkLogRepository {
    private final Map<String, DailyLog> logs = new ConcurrentHashMap<>();
    private final Map<Period, WeeklyRollup> weeks = new ConcurrentHashMap<>();
    private final Map<YearMonth, MonthlyRollup> months = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Every write this store accepted, in order. */
    public final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String describe() {
        return "in-memory test store";
    }

    @Override
    public StoredRef saveDailyLog(DailyLog log) {
        String id = "log-" + sequence.incrementAndGet();
        logs.put(id, log.withStored(id, "mem://" + id));
        writes.add("daily " + id);
        return new StoredRef(id, "mem://" + id);
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        List<DailyLog> out = new ArrayList<>();
        for (DailyLog log : logs.values()) {
            if (period.contains(log.loggedDate()) && (statuses.isEmpty() || statuses.contains(log.status()))) {
                out.add(log);
            }
        }
        out.sort(Comparator.comparing(DailyLog::loggedDate).thenComparing(l -> Integer.parseInt(l.id().substring(4))));
        return out;
    }

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        return Optional.ofNullable(weeks.get(period));
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        List<WeeklyRollup> out = new ArrayList<>();
        weeks.forEach((p, w) -> {
            if (p.overlaps(overlapping)) {
                out.add(w);
            }
        });
        out.sort(Comparator.comparing(w -> w.period().start()));
        return out;
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        String id = "week-" + rollup.period().start() + "_" + rollup.period().end();
        weeks.put(rollup.period(), rollup.withStored(id, "mem://" + id));
        writes.add("weekly " + id);
        return new StoredRef(id, "mem://" + id);
    }

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        return Optional.ofNullable(months.get(month));
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        List<MonthlyRollup> out = new ArrayList<>();
        months.forEach((m, r) -> {
            if (Period.of(m).overlaps(overlapping)) {
                out.add(r);
            }
        });
        return out;
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        String id = "month-" + rollup.month();
        months.put(rollup.month(), rollup.withStored(id, "mem://" + id));
        writes.add("monthly " + id);
        return new StoredRef(id, "mem://" + id);
    }

    /** Number of weekly roll-ups stored. */
    public int weeklyCount() {
        return weeks.size();
    }
}
