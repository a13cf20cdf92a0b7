package dev.worklog.spi;

import java.util.Objects;

/**
 * What {@link LlmProvider#checkHealth()} found out without spending tokens.
 *
 * @param checked whether the provider could check at all; {@code false} means only a real request would tell
 * @param detail what was checked (e.g. {@code model claude-sonnet-4-6 is available to the key}), or why not
 */
public record HealthCheck(boolean checked, String detail) {
    public HealthCheck {
        Objects.requireNonNull(detail, "detail");
    }

    /** The provider answered and accepts the key and the model. */
    public static HealthCheck ok(String detail) {
        return new HealthCheck(true, detail);
    }

    /** The provider has no request-free check. */
    public static HealthCheck notSupported() {
        return new HealthCheck(false, "this provider has no check that spends no tokens");
    }
}
