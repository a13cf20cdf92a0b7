package dev.worklog.lambda;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Copies the lines the execution log gained during an invocation to stdout, which Lambda sends to CloudWatch: the
 * log file itself lives in {@code /tmp} and dies with the execution environment, while the guide's greps
 * ({@code weekly_processor}, {@code rate_limit_exceeded}) must work in CloudWatch.
 */
final class ExecutionLogTail {
    static final int MAX_BYTES = 256 * 1024; // per invocation: a roll-up writes a few lines, this bounds a runaway

    private final Path file;
    private final PrintStream out;
    private long offset;

    /** @param file the execution log, or {@code null} for none; what it holds now was printed by its own run */
    ExecutionLogTail(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
        try {
            this.offset = file == null ? 0 : Files.size(file);
        } catch (IOException e) {
            this.offset = 0;
        }
    }

    /** Prints the whole lines appended since the last call; never throws (logging must not fail a request). */
    synchronized void flush() {
        if (file == null) {
            return;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            offset = ch.size() < offset ? 0 : offset; // rotated or truncated: from the start
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(ch.size() - offset, MAX_BYTES));
            ch.position(offset);
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // read until full
            }
            int end = buffer.position();
            while (end > 0 && buffer.get(end - 1) != '\n') {
                end--; // half a line (a newline byte is never part of a longer UTF-8 sequence): wait for the rest
            }
            out.print(new String(buffer.array(), 0, end, StandardCharsets.UTF_8));
            out.flush();
            offset += end;
        } catch (NoSuchFileException e) {
            offset = 0; // not written yet, or removed: the next line starts a new file
        } catch (IOException | RuntimeException e) {
            // the log is a copy for convenience; the file stays the record
        }
    }
}
