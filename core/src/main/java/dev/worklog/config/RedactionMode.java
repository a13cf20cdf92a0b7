package dev.worklog.config;

import dev.worklog.error.ConfigurationException;
import java.util.Locale;

/**
 * How much of the notes is replaced by placeholders before a prompt leaves the machine ({@code WORKLOG_REDACT}).
 * The offline summarizer sends nothing, so nothing is redacted for it whatever the mode.
 */
public enum RedactionMode {
    /** The prompt is sent as written. */
    OFF,
    /**
     * The default for every provider that sends prompts over the network: e-mail addresses, IP addresses, host names
     * and URLs of internal domains, ticket keys, credentials and the terms of {@code WORKLOG_REDACT_TERMS_FILE}.
     */
    STANDARD,
    /** Everything {@link #STANDARD} replaces, every URL, and the listed terms wherever they occur, inside words too. */
    STRICT;

    /**
     * The mode a value names: {@code off}, {@code standard} or {@code strict}, in any case.
     *
     * @throws ConfigurationException naming {@code variable} when the value is none of them
     */
    public static RedactionMode parse(String value, String variable) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (RedactionMode mode : values()) {
            if (mode.label().equals(v)) {
                return mode;
            }
        }
        throw new ConfigurationException(variable + " must be off, standard or strict, got '" + value + "'");
    }

    /** The mode as {@code WORKLOG_REDACT} spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
