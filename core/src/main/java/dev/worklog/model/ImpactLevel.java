package dev.worklog.model;

import java.util.Locale;
import java.util.Optional;

/** How much a piece of work mattered. Stored as {@code High}, {@code Medium} or {@code Low}. */
public enum ImpactLevel {
    HIGH("High"),
    MEDIUM("Medium"),
    LOW("Low");

    private final String label;

    ImpactLevel(String label) {
        this.label = label;
    }

    /** The stored name: {@code High}, {@code Medium} or {@code Low}. */
    public String label() {
        return label;
    }

    /** Parses a stored name, ignoring case; empty when it is none of the three. */
    public static Optional<ImpactLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ImpactLevel level : values()) {
            if (level.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
