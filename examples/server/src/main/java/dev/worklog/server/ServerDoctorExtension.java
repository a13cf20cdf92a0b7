package dev.worklog.server;

import dev.worklog.doctor.Check;
import dev.worklog.doctor.DoctorExtension;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.internal.outbox.OutboxLocation;
import dev.worklog.rest.RestConfigKeys;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Adds the REST API's settings to {@code worklog doctor}: whether {@code API_AUTH_TOKEN} is set and long enough,
 * whether the outbox is durable here (so that a store outage is answered 202 rather than 503), and the server's
 * variables by name. Registered with {@link java.util.ServiceLoader}.
 */
public final class ServerDoctorExtension implements DoctorExtension {
    /** The check's name in the checklist. */
    public static final String API_TOKEN = "API token";
    /** The outbox check's name. */
    public static final String OUTBOX = "outbox";

    /** Used by {@link java.util.ServiceLoader}. */
    public ServerDoctorExtension() {
    }

    @Override
    public List<Check> checks(WorkLogRepository repository, SpiContext context) {
        return List.of();
    }

    @Override
    public List<Check> checks(SpiContext context) {
        return List.of(token(context), outbox(context));
    }

    /**
     * Where the outbox is and whether it is durable here: both answers are right for their host, so neither is a
     * failure, but entries waiting in the folder it used before moving under {@code WORKLOG_DATA_DIR} are.
     */
    private static Check outbox(SpiContext context) {
        OutboxLocation location;
        try {
            location = OutboxLocation.of(context.config());
        } catch (RuntimeException e) {
            return Check.fail(OUTBOX, e.getMessage(), "Set " + Outbox.DURABLE_VARIABLE + " to true, false or auto, "
                    + "and " + Outbox.DIR_VARIABLE + " to a folder path");
        }
        Optional<Path> blocked = unwritableAncestor(location.directory());
        if (blocked.isPresent()) {
            return Check.fail(OUTBOX, "outbox " + location.directory() + " cannot be created or written: "
                    + blocked.get() + " is not a writable folder", "Point " + Outbox.DIR_VARIABLE + " (or "
                    + "WORKLOG_DATA_DIR) at a writable folder");
        }
        Optional<String> left = OutboxLocation.leftInOldFolder(context.config());
        if (left.isPresent()) {
            return Check.warn(OUTBOX, location.describe() + "; " + left.get(), "Run `worklog outbox flush --dir "
                    + OutboxLocation.OLD_DEFAULT + "` while the store is up");
        }
        return Check.ok(OUTBOX, location.describe() + (location.durable() ? "" : ". Set "
                + Outbox.DURABLE_VARIABLE + "=true only if " + location.directory() + " survives restarts and "
                + "redeploys (a Docker volume, a Render disk, EFS)"));
    }

    /** The folder itself or, when it does not exist yet, its nearest existing parent, when that is unusable. */
    private static Optional<Path> unwritableAncestor(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && (!Files.isDirectory(p) || !Files.isWritable(p)) ? Optional.of(p) : Optional.empty();
    }

    private static Check token(SpiContext context) {
        if (context.config().isSet(RestConfigKeys.API_AUTH_TOKEN)) {
            int length = context.config().get(RestConfigKeys.API_AUTH_TOKEN).orElse("").length();
            return length < 16
                    ? Check.warn(API_TOKEN, "API_AUTH_TOKEN is set but short (" + length + " characters)",
                            "Use a long random token, e.g. `openssl rand -hex 32`")
                    : Check.ok(API_TOKEN, "API_AUTH_TOKEN is set: the REST server requires it on every route but "
                            + "/health");
        }
        return Check.warn(API_TOKEN, "API_AUTH_TOKEN is not set: the REST server accepts requests without a "
                + "token", "Set API_AUTH_TOKEN (e.g. `openssl rand -hex 32`) before the server is reachable from a "
                + "network");
    }

    @Override
    public List<String> variables() {
        return List.of(RestConfigKeys.API_AUTH_TOKEN, RestConfigKeys.PORT, Outbox.DIR_VARIABLE,
                Outbox.DURABLE_VARIABLE);
    }
}
