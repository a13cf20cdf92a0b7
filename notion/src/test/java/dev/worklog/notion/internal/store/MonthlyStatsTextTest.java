package dev.worklog.notion.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.model.MonthlyStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A month's statistics are kept as one line of text on its page ({@link MonthlyStats#describe()}) and read back by
 * {@link MonthlyPages}: the reading must give the same statistics, for any counts and any names Notion takes as
 * select options (no commas; the pipe separates the parts of the line, so names do not hold one either).
 */
class MonthlyStatsTextTest {
    private static final String NAME_CHARS = "abcXYZ019 +#.-:_/()검색성능🚀";

    @Test
    void describedStatisticsReadBackTheSameOnGeneratedInputs() {
        Random random = new Random(20261126);
        for (int i = 0; i < 2_000; i++) {
            MonthlyStats stats = new MonthlyStats(random.nextInt(500), random.nextInt(6), counts(random),
                    counts(random), counts(random));
            assertThat(MonthlyPages.parseStats(stats.describe(), 0)).as(stats.describe()).isEqualTo(stats);
        }
    }

    @Test
    void aLineEditedByHandKeepsWhatCanBeRead() {
        MonthlyStats read = MonthlyPages.parseStats("Logs: many | Weeks: 4 | Category: 개발 3, 회의 x | Tech: -", 2);

        assertThat(read.totalLogs()).isZero();
        assertThat(read.weeks()).isEqualTo(4);
        assertThat(read.byTechStack()).isEmpty();
        assertThat(MonthlyPages.parseStats("", 3).weeks()).as("weeks fall back to the relation's count").isEqualTo(3);
    }

    private static Map<String, Integer> counts(Random random) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            counts.put(name(random), random.nextInt(40));
        }
        return counts;
    }

    private static String name(Random random) {
        StringBuilder sb = new StringBuilder();
        int[] points = NAME_CHARS.codePoints().toArray();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(points[random.nextInt(points.length)]);
        }
        String name = sb.toString().strip();
        return name.isEmpty() ? "x" : name;
    }
}
