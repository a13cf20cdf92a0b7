package dev.worklog.internal.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code breaker.json}: the store's circuit breaker as last recorded by a process using the outbox folder (a running
 * server writes it on every change of state), for {@code doctor} and operators. Informational: written atomically,
 * not forced.
 */
final class BreakerFile {
    /** The file's name in the outbox folder. */
    static final String NAME = "breaker.json";

    private static final Logger LOG = LoggerFactory.getLogger(BreakerFile.class);

    private final Path file;
    private final Clock clock;

    BreakerFile(Path dir, Clock clock) {
        this.file = dir.resolve(NAME);
        this.clock = clock;
    }

    /** The state last recorded, if any. */
    Optional<JsonNode> read() {
        return OutboxFiles.read(file);
    }

    /** Records a state; a failure is only logged. */
    void record(CircuitBreaker.Snapshot s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("service", s.service());
        n.put("state", s.state().name().toLowerCase(Locale.ROOT));
        n.put("since", s.since().toString());
        if (s.openUntil() != null) {
            n.put("open_until", s.openUntil().toString());
        }
        n.put("consecutive_failures", s.consecutiveFailures());
        n.put("description", s.describe());
        n.put("recorded_at", clock.instant().toString());
        n.put("pid", ProcessHandle.current().pid());
        try {
            Path tmp = file.resolveSibling("." + NAME + ".tmp");
            Files.write(tmp, (Json.write(n) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.debug("cannot record the breaker state: {}", e.toString());
        }
    }
}
