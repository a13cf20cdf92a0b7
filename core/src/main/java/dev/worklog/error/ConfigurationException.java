package dev.worklog.error;

/** The configuration is incomplete or wrong. Raised at start-up; the message names the variable to set. */
public final class ConfigurationException extends NonRetryableException {
    public ConfigurationException(String message) {
        super(message, null, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
