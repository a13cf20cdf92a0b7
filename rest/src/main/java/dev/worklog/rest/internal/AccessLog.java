package dev.worklog.rest.internal;

import dev.worklog.internal.json.StrictJson;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per answer on the slf4j logger {@code access}, {@code METHOD /path status duration_ms}
 * (the guide's CloudWatch filter {@code ?"POST /daily-logs"} finds it). Client text is bounded and control
 * characters escaped, so a path cannot forge log lines.
 *
 * <p>An instance queues the lines of answers a transport's event loop gives itself and writes them from a thread of
 * its own, so that a slow log sink (a full pipe to the container runtime) never stalls the loop. When the queue is
 * full, lines are dropped and counted.
 */
public final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private record Line(String method, String path, int status, long start, long end) {
    }

    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(4096);
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Thread writer;

    /** Writes the line of an answer given between the two instants ({@link System#nanoTime()}). */
    public static void write(String method, String path, int status, long startNanos, long endNanos) {
        if (ACCESS.isInfoEnabled()) {
            long tenths = (endNanos - startNanos) / 100_000; // duration in 0.1 ms, without String.format
            ACCESS.info(StrictJson.shorten(method) + " " + StrictJson.shorten(path) + " " + status + " "
                    + tenths / 10 + "." + tenths % 10);
        }
    }

    /** Queues a line for the writer thread (started on first use); never blocks. */
    public void add(String method, String path, int status, long startNanos, long endNanos) {
        if (!queue.offer(new Line(method, path, status, startNanos, endNanos))) {
            dropped.incrementAndGet();
        }
        if (writer == null) {
            startWriter();
        }
    }

    private synchronized void startWriter() {
        if (writer != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    writeQueued(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "worklog-access-log");
        t.setDaemon(true);
        t.start();
        writer = t;
    }

    private void writeQueued(Line l) {
        int lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("{} access-log lines were dropped: the log could not keep up", lost);
        }
        write(l.method(), l.path(), l.status(), l.start(), l.end());
    }

    /** Writes what is queued now, on the calling thread (at shutdown). */
    public void flush() {
        Line l;
        while ((l = queue.poll()) != null) {
            writeQueued(l);
        }
    }
}
