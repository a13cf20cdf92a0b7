package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of creates in flight: before the outbox sends a daily log to the store it appends the intent
 * (entry id, payload, idempotency key hash) here and forces it to disk; when the store answered (or the entry was
 * queued) it appends "done". After a crash, the intents without "done" are what may or may not have reached the
 * store: the next process to open the outbox turns each into a pending entry, whose delivery looks the entry id up
 * before creating anything.
 *
 * <p>One journal file per process ({@code intents/<random>.journal}), locked for the process's life, so a live
 * server's journal is never taken for a dead one: an unlocked journal belongs to a process that is gone. Writers
 * share one force of the disk: a thread whose record a concurrent force already covered does not force again
 * (group commit). "done" records are not forced: losing one in a power cut only makes a delivery look the entry up
 * and find it. A file grows to about 1 MiB, then the next intents go to a fresh one and the old one is deleted once
 * its last intent is done.
 *
 * <p>Lines are JSON objects: {@code {"t":"intent","seq":1,...}} and {@code {"t":"done","seq":1}}; a line cut off
 * by a crash is ignored (it was never forced, so its create was never sent).
 */
final class IntentJournal implements AutoCloseable {
    static final String DIR = "intents";
    private static final String EXTENSION = ".journal";
    private static final long ROTATE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(IntentJournal.class);

    private final Path dir;
    private final Object writeLock = new Object();
    private final Object forceLock = new Object();
    private Segment current;
    private long nextSeq = 1;
    private boolean closed;

    /** One journal file, its lock, and what was written to it. */
    private static final class Segment {
        final Path file;
        final FileChannel channel;
        final FileLock lock;
        volatile long written;
        volatile long forced;
        int open;

        Segment(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }
    }

    /** An intent in flight: {@link #done} it once the store answered or the entry was queued. */
    static final class Intent {
        private final Segment segment;
        private final long seq;
        private boolean done;

        private Intent(Segment segment, long seq) {
            this.segment = segment;
            this.seq = seq;
        }
    }

    private IntentJournal(Path dir) {
        this.dir = dir;
    }

    /**
     * Recovers the journals of processes that are gone (each open intent handed to {@code recover}, then the file
     * deleted), and opens this process's own journal.
     *
     * @throws UncheckedIOException when the folder cannot be read or written
     */
    static IntentJournal open(Path outboxDir, Consumer<ObjectNode> recover) {
        Path dir = outboxDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
            recoverDeadJournals(dir, recover);
            IntentJournal journal = new IntentJournal(dir);
            synchronized (journal.writeLock) {
                journal.current = journal.newSegment();
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the intent journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends an intent and returns once it is on disk.
     *
     * @param record the intent's fields ({@code t} and {@code seq} are added)
     * @throws UncheckedIOException when it cannot be written or forced: the create must then not be sent
     */
    Intent begin(ObjectNode record) {
        Segment segment;
        long end;
        long seq;
        synchronized (writeLock) {
            if (closed) {
                throw new IllegalStateException("the intent journal is closed");
            }
            seq = nextSeq++;
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("t", "intent");
            line.put("seq", seq);
            line.setAll(record);
            segment = current;
            end = append(segment, line);
            segment.open++;
        }
        force(segment, end);
        return new Intent(segment, seq);
    }

    /** Marks an intent finished (stored, queued or refused for good); not forced. Idempotent. */
    void done(Intent intent) {
        synchronized (writeLock) {
            if (intent.done) {
                return;
            }
            intent.done = true;
            Segment segment = intent.segment;
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("t", "done");
            line.put("seq", intent.seq);
            try {
                append(segment, line);
            } catch (UncheckedIOException e) {
                // the intent stays open on disk: after a restart its delivery looks the entry up and finds it
                LOG.warn("outbox: cannot mark intent {} done: {}", intent.seq, e.getMessage());
            }
            segment.open--;
            if (segment != current && segment.open == 0) {
                retire(segment);
            } else if (segment == current && segment.written > ROTATE_BYTES) {
                rotate();
            }
        }
    }

    /** Closes the journal; its file is deleted when no intent is open (otherwise a restart recovers them). */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (current.open == 0) {
                retire(current);
            } else {
                release(current);
            }
        }
    }

    private long append(Segment segment, ObjectNode line) {
        byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                segment.channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the intent journal " + segment.file + ": " + e.getMessage(), e);
        }
        segment.written += bytes.length;
        return segment.written;
    }

    /** Forces the segment up to {@code end}, unless a force that started after it was written already did. */
    private void force(Segment segment, long end) {
        synchronized (forceLock) {
            if (segment.forced >= end) {
                return; // another thread's force covered this record
            }
            long target = segment.written;
            try {
                segment.channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force the intent journal " + segment.file + " to disk: "
                        + e.getMessage(), e);
            }
            segment.forced = target;
        }
    }

    private void rotate() {
        Segment old = current;
        try {
            current = newSegment();
        } catch (IOException e) {
            LOG.warn("outbox: cannot start a new intent journal, keeping {}: {}", old.file, e.getMessage());
            return;
        }
        if (old.open == 0) {
            retire(old);
        }
    }

    private Segment newSegment() throws IOException {
        Path file = dir.resolve(UUID.randomUUID() + EXTENSION);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileLock lock = ch.lock();
        DurableFiles.forceDirectory(dir); // the file itself must survive a power cut for its intents to
        return new Segment(file, ch, lock);
    }

    private static void retire(Segment segment) {
        try {
            Files.deleteIfExists(segment.file);
        } catch (IOException e) {
            LOG.warn("outbox: cannot delete the finished intent journal {}: {}", segment.file, e.getMessage());
        }
        release(segment);
    }

    private static void release(Segment segment) {
        try {
            segment.lock.release();
            segment.channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", segment.file, e.toString());
        }
    }

    private static void recoverDeadJournals(Path dir, Consumer<ObjectNode> recover) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        }
        for (Path file : files) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    continue; // another outbox in this JVM owns it
                }
                if (lock == null) {
                    continue; // a live process owns it
                }
                try (FileLock held = lock) {
                    for (ObjectNode intent : openIntents(Files.readAllBytes(file))) {
                        recover.accept(intent);
                    }
                    Files.delete(file);
                    DurableFiles.forceDirectory(dir);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // recovered meanwhile by another process
            }
        }
    }

    /** The intents of a journal without a "done", in order; a torn last line is skipped. */
    static List<ObjectNode> openIntents(byte[] content) {
        Map<Long, ObjectNode> open = new LinkedHashMap<>();
        String text = new String(content, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break; // cut off by a crash before it was forced: its create was never sent
            }
            JsonNode line = Json.tryParse(text.substring(start, end));
            start = end + 1;
            if (line == null || !line.isObject()) {
                continue;
            }
            long seq = line.path("seq").asLong(-1);
            if ("intent".equals(line.path("t").asText())) {
                open.put(seq, (ObjectNode) line);
            } else if ("done".equals(line.path("t").asText())) {
                open.remove(seq);
            }
        }
        return new ArrayList<>(open.values());
    }
}
