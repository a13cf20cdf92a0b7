package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Durable file writes and the JSON shape of outbox files. Package-private: the format is the outbox's own. */
final class OutboxFiles {
    private OutboxFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} so that after a crash the file is either absent or complete: a temp
     * file in the same folder, forced to disk, renamed atomically, then the folder forced so the rename itself
     * survives a power cut.
     */
    static void writeDurably(Path target, byte[] bytes) {
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temp file is cleaned up when the outbox is next opened
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A JSON file's content, or empty when it does not exist. */
    static java.util.Optional<JsonNode> readJson(Path file) {
        try {
            return java.util.Optional.ofNullable(Json.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new OutboxException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a file without forcing the folder: for files whose return after a power cut is harmless (a delivered
     * entry coming back is looked up by its entry id and found, not stored again).
     */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file and forces the folder, so a delivered entry does not come back after a power cut. */
    static void deleteDurably(Path file) {
        try {
            Files.deleteIfExists(file);
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces a folder's entries to disk; a no-op where the platform cannot open folders (Windows). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself
        }
    }

    static String sha256(String text) {
        return dev.worklog.internal.Hashes.sha256Hex(text);
    }

    /** A daily log as the entry JSON of {@link DailyLogCodec}, with its entry id (without id and url: it has none yet). */
    static ObjectNode logToJson(DailyLog log) {
        return DailyLogCodec.write(log);
    }

    /**
     * The inverse of {@link #logToJson}.
     *
     * @throws dev.worklog.error.ValidationException when the file's entry is not one
     */
    static DailyLog logFromJson(JsonNode n) {
        return DailyLogCodec.readEntry(n);
    }

    /**
     * A stable hash of the entry's content (not its entry id), to tell a retry of the same request from a different
     * one. Absent fields are left out, as in the fingerprints recorded before the entry form spelt them as null.
     */
    static String fingerprint(DailyLog log) {
        ObjectNode content = DailyLogCodec.write(log);
        content.remove(DailyLogCodec.ENTRY_ID);
        List<String> absent = new ArrayList<>();
        content.properties().forEach(f -> {
            if (f.getValue().isNull()) {
                absent.add(f.getKey());
            }
        });
        content.remove(absent);
        return sha256(Json.write(content));
    }
}
