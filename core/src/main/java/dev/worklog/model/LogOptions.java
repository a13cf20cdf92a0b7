package dev.worklog.model;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * The select options a daily log may use. The defaults match the databases made for the original system; a user
 * whose database has other options sets {@code WORKLOG_CATEGORIES} and {@code WORKLOG_STATUSES}.
 *
 * @param categories the allowed {@code Category} values
 * @param statuses the allowed {@code Status} values; the first is the default
 */
public record LogOptions(List<String> categories, List<String> statuses) {
    /** The original's categories. */
    public static final List<String> DEFAULT_CATEGORIES =
            List.of("신규기능", "성능개선", "버그픽스", "리팩토링", "문서화", "장애대응", "기타");
    /** The original's statuses; {@code Logged} is the default. */
    public static final List<String> DEFAULT_STATUSES = List.of("Logged", "In Review", "Published");

    public LogOptions {
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        statuses = List.copyOf(Objects.requireNonNull(statuses, "statuses"));
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("categories must not be empty");
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("statuses must not be empty");
        }
        for (String option : categories) {
            checkOption("category", option);
        }
        for (String option : statuses) {
            checkOption("status", option);
        }
    }

    /** The original system's options ({@link #DEFAULT_CATEGORIES}, {@link #DEFAULT_STATUSES}). */
    public static LogOptions defaults() {
        return new LogOptions(DEFAULT_CATEGORIES, DEFAULT_STATUSES);
    }

    /**
     * The options {@code WORKLOG_CATEGORIES} and {@code WORKLOG_STATUSES} set (comma-separated), the defaults where
     * they are unset.
     *
     * @throws ConfigurationException naming the variables when an option is not allowed
     */
    public static LogOptions fromConfig(WorkLogConfig config) {
        try {
            return new LogOptions(config.getList(ConfigKeys.WORKLOG_CATEGORIES, DEFAULT_CATEGORIES),
                    config.getList(ConfigKeys.WORKLOG_STATUSES, DEFAULT_STATUSES));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKeys.WORKLOG_CATEGORIES + "/" + ConfigKeys.WORKLOG_STATUSES + ": "
                    + e.getMessage(), e);
        }
    }

    /** The status a new log gets when none is given. */
    public String defaultStatus() {
        return statuses.get(0);
    }

    private static void checkOption(String kind, String option) {
        if (option == null || option.isBlank() || option.contains(",")) {
            throw new IllegalArgumentException(kind + " option must be non-blank and contain no comma: '" + option + "'");
        }
    }
}
