package dev.worklog.server;

import dev.worklog.doctor.Check;
import dev.worklog.doctor.DoctorExtension;
import dev.worklog.rest.RestConfigKeys;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import java.util.List;

/**
 * Adds the REST API's settings to {@code worklog doctor}: whether {@code API_AUTH_TOKEN} is set and long enough, and
 * the server's variables by name. Registered with {@link java.util.ServiceLoader}.
 */
public final class ServerDoctorExtension implements DoctorExtension {
    /** The check's name in the checklist. */
    public static final String API_TOKEN = "API token";

    /** Used by {@link java.util.ServiceLoader}. */
    public ServerDoctorExtension() {
    }

    @Override
    public List<Check> checks(WorkLogRepository repository, SpiContext context) {
        return List.of();
    }

    @Override
    public List<Check> checks(SpiContext context) {
        if (context.config().isSet(RestConfigKeys.API_AUTH_TOKEN)) {
            int length = context.config().get(RestConfigKeys.API_AUTH_TOKEN).orElse("").length();
            return List.of(length < 16
                    ? Check.warn(API_TOKEN, "API_AUTH_TOKEN is set but short (" + length + " characters)",
                            "Use a long random token, e.g. `openssl rand -hex 32`")
                    : Check.ok(API_TOKEN, "API_AUTH_TOKEN is set: the REST server requires it on every route but "
                            + "/health"));
        }
        return List.of(Check.warn(API_TOKEN, "API_AUTH_TOKEN is not set: the REST server accepts requests without a "
                + "token", "Set API_AUTH_TOKEN (e.g. `openssl rand -hex 32`) before the server is reachable from a "
                + "network"));
    }

    @Override
    public List<String> variables() {
        return List.of(RestConfigKeys.API_AUTH_TOKEN, RestConfigKeys.PORT);
    }
}
