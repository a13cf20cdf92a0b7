package dev.worklog.store;

import dev.worklog.model.Period;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The second process of {@link ConcurrentWritersTest}: writes daily logs and upserts the same week and month as the
 * test does. It says {@code ready} and then waits for a line on stdin, so both processes start writing together
 * without any sleep.
 *
 * <p>Arguments: data folder, prefix of the titles, number of entries.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        LocalWorkLogRepository store = LocalWorkLogRepository.open(dir, Clock.systemUTC());
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            throw new IllegalStateException("expected 'go' on stdin");
        }
        Period week = ConcurrentWritersTest.WEEK;
        for (int i = 0; i < count; i++) {
            store.saveDailyLog(Fixtures.daily(prefix + i, LocalDate.of(2026, 11, 16 + i % 7)));
            store.upsertWeekly(Fixtures.weekly(week, prefix + i));
            store.upsertMonthly(Fixtures.monthly(YearMonth.of(2026, 11), prefix + i));
        }
        System.out.println("done " + count);
    }
}
