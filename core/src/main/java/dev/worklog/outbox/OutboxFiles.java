package dev.worklog.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /** A daily log as snake_case JSON with its entry id, without id and url (it has none yet). */
    static ObjectNode logToJson(DailyLog log) {
        ObjectNode n = contentJson(log);
        if (log.entryId() != null) {
            n.put("entry_id", log.entryId());
        }
        return n;
    }

    /** The entry's content: every field a client sends, without identity. */
    private static ObjectNode contentJson(DailyLog log) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("title", log.title());
        n.put("context", log.context());
        n.put("category", log.category());
        n.put("impact_level", log.impactLevel().label());
        ArrayNode tech = n.putArray("tech_stack");
        log.techStack().forEach(tech::add);
        n.put("logged_date", log.loggedDate().toString());
        n.put("status", log.status());
        if (log.metrics() != null) {
            n.put("metrics", log.metrics());
        }
        if (log.ticketUrl() != null) {
            n.put("ticket_url", log.ticketUrl());
        }
        return n;
    }

    /** The inverse of {@link #logToJson}. */
    static DailyLog logFromJson(JsonNode n) {
        List<String> tech = new ArrayList<>();
        n.path("tech_stack").forEach(t -> tech.add(t.asText()));
        ImpactLevel impact = ImpactLevel.parse(text(n, "impact_level"))
                .orElseThrow(() -> new IllegalArgumentException("impact_level is missing or unknown"));
        return new DailyLog(null, null, text(n, "title"), text(n, "context"), text(n, "category"), impact, tech,
                LocalDate.parse(text(n, "logged_date")), text(n, "status"), text(n, "metrics"), text(n, "ticket_url"),
                text(n, "entry_id"));
    }

    /**
     * A stable hash of the entry's content (not its entry id), to tell a retry of the same request from a different
     * one.
     */
    static String fingerprint(DailyLog log) {
        return sha256(Json.write(contentJson(log)));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
