package dev.worklog.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.internal.Json;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.model.Period;
import dev.worklog.spi.DoctorAdvice.Collection;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store's checks: it can be opened, each of its three collections read (today's daily logs, this week's and this
 * month's roll-ups), the store module's own checks ({@link DoctorExtension}), and its circuit breaker. Each line is
 * worded with the store's {@link DoctorAdvice}.
 */
record StoreChecks(ResolvedConfig resolved, Findings findings) {
    void run(List<Check> checks, SpiContext context, LocalDate today, List<DoctorExtension> extensions) {
        String name = resolved.storeName();
        DoctorAdvice advice = resolved.stores().find(name).map(WorkLogRepositoryFactory::advice)
                .orElse(DoctorAdvice.builder("the " + name + " store").build());
        WorkLogRepository repo;
        try {
            repo = resolved.store().create(context);
            checks.add(Check.ok(Doctor.STORE, name + ": " + repo.describe()));
        } catch (RuntimeException e) {
            checks.add(Check.fail(Doctor.STORE, name + ": " + findings.message(e),
                    Remedies.fix(e, advice, Optional.empty())));
            return;
        }
        try (WorkLogRepository store = repo) {
            checks.add(read(Doctor.DAILY, Collection.DAILY, advice,
                    () -> store.findDailyLogs(new Period(today, today), Set.of()).size() + " logged today"));
            checks.add(read(Doctor.WEEKLY, Collection.WEEKLY, advice,
                    () -> store.findWeekly(Period.isoWeekOf(today)).isPresent() ? "this week's roll-up is stored"
                            : "readable; this week has no roll-up yet"));
            checks.add(read(Doctor.MONTHLY, Collection.MONTHLY, advice,
                    () -> store.findMonthly(YearMonth.from(today)).isPresent() ? "this month's roll-up is stored"
                            : "readable; this month has no roll-up yet"));
            for (DoctorExtension extension : extensions) {
                try {
                    extension.checks(store, context).forEach(c -> checks.add(findings.redacted(c)));
                } catch (RuntimeException e) {
                    checks.add(Check.fail(extension.getClass().getSimpleName(), findings.message(e),
                            Remedies.fix(e, advice, Optional.empty())));
                }
            }
            store.circuitBreaker().ifPresent(b -> checks.add(breaker(b.snapshot())));
        } catch (RuntimeException e) {
            // close() failing is not worth a line of its own
        }
    }

    /** One collection read: its check is named with the variable that points at it, when the store has one. */
    private Check read(String what, Collection collection, DoctorAdvice advice, Supplier<String> reader) {
        Optional<String> variable = advice.collectionVariable(collection);
        String name = what + variable.map(v -> " (" + v + ")").orElse("");
        try {
            return Check.ok(name, findings.redact(reader.get()));
        } catch (RuntimeException e) {
            return Check.fail(name, findings.message(e), Remedies.fix(e, advice, variable));
        }
    }

    /**
     * The store's circuit breaker after the reads above, and the one a server using the same outbox folder last
     * recorded ({@code breaker.json}): open means the store is known to be failing and new entries are queued.
     */
    private Check breaker(CircuitBreaker.Snapshot own) {
        String detail = "this run: " + findings.redact(own.describe());
        Optional<String> server = recordedBreaker();
        if (server.isPresent()) {
            detail += "; the server (" + Outbox.directory(resolved.config()) + "): " + server.get();
        }
        boolean open = own.state() != CircuitBreaker.State.CLOSED
                || server.map(s -> !s.contains(": closed")).orElse(false);
        return open ? Check.warn(Doctor.BREAKER, detail, "The store is failing: the REST server queues new entries "
                + "in its outbox (202) and delivers them when the store is back; check the store's status page and "
                + "the execution log, and `worklog outbox list` for what waits")
                : Check.ok(Doctor.BREAKER, detail);
    }

    private Optional<String> recordedBreaker() {
        try {
            Path file = Outbox.directory(resolved.config()).resolve("breaker.json");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode n = Json.MAPPER.readTree(file.toFile());
            return Optional.of(findings.redact(n.path("description").asText("?")) + " (recorded "
                    + n.path("recorded_at").asText("?") + ")");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
