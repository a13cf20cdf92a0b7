package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The outbox's JSON files: written durably ({@link DurableFiles}), one document and a newline each. */
final class OutboxFiles {
    private OutboxFiles() {
    }

    /**
     * Writes a document so that after a crash the file is either absent (or as before) or complete.
     *
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    static void write(Path file, JsonNode document) {
        DurableFiles.write(file, (Json.write(document) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON file's content, or empty when it does not exist. */
    static Optional<JsonNode> read(Path file) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(java.nio.file.Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OutboxException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
