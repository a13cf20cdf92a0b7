package dev.worklog.notion.internal.store;

import dev.worklog.error.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads pages a few at a time: each page body is at least one call, and against the real API a call takes longer
 * than the rate limiter's interval, so reading one after another would not use the rate we are allowed. The limiter
 * still paces every call. The threads are daemons and end by themselves after 30 s idle, so a repository nobody
 * closes leaves nothing behind; {@link #close()} ends them at once.
 */
public final class ReaderPool implements AutoCloseable {
    private final ExecutorService threads;

    /** A pool of {@code size} threads named {@code name}. */
    public ReaderPool(int size, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /**
     * Each item read, in the order of the items; fewer than two are read on the calling thread. The first failure
     * is thrown as it was (the reads still running are cancelled).
     */
    public <I, T> List<T> map(List<I> items, Function<I, T> read) {
        if (items.size() < 2) {
            return items.stream().map(read).toList();
        }
        List<Future<T>> futures = new ArrayList<>();
        for (I item : items) {
            futures.add(threads.submit(() -> read.apply(item)));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while reading Notion pages");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    /** Stops the threads now. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
