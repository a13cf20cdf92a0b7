package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.LogResult;
import dev.worklog.WorkLogger;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.Json;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.internal.outbox.Submission;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EntryIds;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /daily-logs}: the body is read through core's one daily-log codec ({@link DailyLogCodec}), shape and
 * value errors are listed together (400), and the entry is submitted through the {@link Outbox}, so that an
 * unreachable store means 202 (queued, delivered later) instead of a lost entry, and an {@code Idempotency-Key}
 * decides the entry id and replays the first answer. {@code ?dry_run=true} validates and shows what would be
 * written, without storing.
 */
public final class DailyLogRoute {
    private static final Logger LOG = LoggerFactory.getLogger(DailyLogRoute.class);

    private final WorkLogger logger;
    private final Outbox outbox;
    private final ExecutionLog executionLog;

    /**
     * @param logger the SDK facade (validation, the store's preview)
     * @param outbox the outbox in front of {@code logger.repository()}
     */
    public DailyLogRoute(WorkLogger logger, Outbox outbox) {
        this.logger = logger;
        this.outbox = outbox;
        this.executionLog = logger.executionLog();
    }

    /** Answers the request. */
    public ApiResponse handle(ApiRequest request) {
        Map<String, String> query = RequestBodies.query(request.query(), List.of("dry_run"));
        boolean dryRun = RequestBodies.queryFlag(query, "dry_run");
        String key = request.header("Idempotency-Key").orElse(null);
        if (key != null) {
            try {
                Outbox.checkKey(key);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid Idempotency-Key header",
                        List.of(new FieldError("Idempotency-Key", e.getMessage())));
            }
        }
        RequestBodies.checkBodyHeaders(request);
        DailyLogCodec.Reading body;
        try {
            body = DailyLogCodec.read(request.body());
        } catch (ValidationException e) {
            throw RequestBodies.malformed(e);
        }
        LogResult checked = null;
        List<FieldError> valueErrors = List.of();
        try {
            checked = logger.check(body.draft());
        } catch (ValidationException e) {
            valueErrors = e.errors();
        }
        List<FieldError> errors = DailyLogCodec.merge(body.errors(), valueErrors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid daily log: " + errors.size()
                    + (errors.size() == 1 ? " field error" : " field errors"), RequestBodies.capped(errors));
        }
        DailyLog log = key == null ? checked.log() : checked.log().withEntryId(EntryIds.fromIdempotencyKey(key));
        return dryRun ? preview(log, checked.warnings()) : submit(log, key, checked.warnings());
    }

    private ApiResponse preview(DailyLog log, List<String> warnings) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("dry_run", true);
        n.set("entry", DailyLogCodec.write(log));
        n.set("preview", Json.MAPPER.valueToTree(logger.repository().previewDailyLog(log)));
        SummaryJson.strings(n.putArray("warnings"), warnings);
        return ApiResponse.json(200, Json.write(n), Map.of());
    }

    private ApiResponse submit(DailyLog log, String key, List<String> warnings) {
        Submission s = outbox.submit(log, key);
        Map<String, String> headers = s.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of();
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (s.status() == Submission.Status.STORED) {
            n.put("page_id", s.ref().id());
            n.put("url", s.ref().url());
            n.put("entry_id", s.entryId());
            SummaryJson.strings(n.putArray("warnings"), warnings);
            if (!s.replayed()) {
                executionLog.success(ExecutionLog.API_SERVER, "POST /daily-logs stored '" + log.title() + "' ("
                        + log.loggedDate() + ", " + log.category() + ", " + log.impactLevel() + ") -> "
                        + s.ref().id() + " " + s.ref().url());
            }
            return ApiResponse.json(201, Json.write(n), headers);
        }
        n.put("status", "queued");
        n.put("queue_id", s.queueId());
        n.put("entry_id", s.entryId());
        SummaryJson.strings(n.putArray("warnings"), warnings);
        if (!s.replayed()) {
            executionLog.info(ExecutionLog.API_SERVER, "POST /daily-logs accepted '" + log.title()
                    + "' while the store is unreachable; queued as " + s.queueId());
        }
        return ApiResponse.json(202, Json.write(n), headers);
    }

    /**
     * Loads and exercises what the first {@code POST} needs (Jackson, the codec, the validator) without side
     * effects: no store, no log line.
     */
    public void warmUp() {
        try {
            DailyLogCodec.Reading body = DailyLogCodec.read(("{\"title\":\"warm-up\",\"context\":\"### Situation\\nx\","
                    + "\"category\":\"" + logger.logOptions().categories().get(0) + "\",\"impact_level\":\"Low\","
                    + "\"tech_stack\":[\"Java\"]}").getBytes(StandardCharsets.UTF_8));
            LogResult checked = logger.check(body.orThrow());
            Json.write(DailyLogCodec.write(checked.log()));
        } catch (RuntimeException e) {
            LOG.debug("warm-up failed (harmless): {}", e.toString());
        }
    }
}
