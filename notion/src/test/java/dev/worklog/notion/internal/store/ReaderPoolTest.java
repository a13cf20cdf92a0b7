package dev.worklog.notion.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.NotFoundException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReaderPoolTest {
    @Test
    void readsInParallelAndKeepsTheOrderOfTheItems() throws Exception {
        try (ReaderPool pool = new ReaderPool(3, "test-reader")) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch allThree = new CountDownLatch(3);
            List<Integer> items = IntStream.range(0, 12).boxed().toList();

            List<String> read = pool.map(items, i -> {
                threads.add(Thread.currentThread().getName());
                allThree.countDown();
                try {
                    // the first three reads wait for each other: they only finish if they run at once
                    assertThat(allThree.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "page " + i;
            });

            assertThat(read).containsExactly(items.stream().map(i -> "page " + i).toArray(String[]::new));
            assertThat(threads).containsOnly("test-reader");
        }
    }

    @Test
    void theFirstFailureIsThrownAsItWas() {
        try (ReaderPool pool = new ReaderPool(3, "test-reader")) {
            NotFoundException gone = new NotFoundException("page 2 is gone", null, null);
            assertThatThrownBy(() -> pool.map(List.of(1, 2, 3), i -> {
                if (i == 2) {
                    throw gone;
                }
                return i;
            })).isSameAs(gone);
        }
    }

    @Test
    void fewerThanTwoItemsAreReadOnTheCallingThread() {
        try (ReaderPool pool = new ReaderPool(3, "test-reader")) {
            assertThat(pool.map(List.of(1), i -> Thread.currentThread().getName()))
                    .containsExactly(Thread.currentThread().getName());
        }
    }
}
