package dev.worklog.lambda;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies the lines the execution log gained during an invocation to stdout, which Lambda sends to CloudWatch: the
 * log file itself lives in {@code /tmp} and dies with the execution environment, while the guide's greps
 * ({@code weekly_processor}, {@code rate_limit_exceeded}) must work in CloudWatch.
 */
final class ExecutionLogTail {
    /** Most bytes copied per invocation; a roll-up writes a few lines, this only bounds a runaway. */
    static final int MAX_BYTES = 256 * 1024;

    private final Path file;
    private final PrintStream out;
    private long offset;

    ExecutionLogTail(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
        this.offset = size(file); // lines from before this environment started were printed by their own run
    }

    /** Prints what was appended since the last call; never throws (logging must not fail a request). */
    synchronized void flush() {
        if (file == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset) {
                offset = 0; // rotated or truncated
            }
            if (size == offset) {
                return;
            }
            long end = Math.min(size, offset + MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - offset));
            while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
                // read until full
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return; // half a line: wait for the rest
            }
            out.print(text.substring(0, lastNewline + 1));
            out.flush();
            offset += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        } catch (NoSuchFileException e) {
            offset = 0;
        } catch (IOException | RuntimeException e) {
            // the log is a copy for convenience; the file stays the record
        }
    }

    private static long size(Path file) {
        try {
            return file == null ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
