package dev.worklog.config;

import dev.worklog.error.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of configuration variables: the process environment plus an optional {@code .env} file,
 * where the environment wins. Typed getters name the variable in every error, and secrets are known by name so
 * that logs can mask them.
 *
 * <pre>{@code
 * WorkLogConfig config = WorkLogConfig.fromEnvironment();
 * String db = config.require("NOTION_DB1_ID", "the id of the Daily Work Logs database");
 * }</pre>
 */
public final class WorkLogConfig {
    private final Map<String, String> values;

    private WorkLogConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The process environment plus {@code ./.env}, the environment winning. */
    public static WorkLogConfig fromEnvironment() {
        return load(System.getenv(), Path.of(".env"));
    }

    /**
     * The given variables plus a {@code .env} file if it exists, the variables winning.
     *
     * @throws ConfigurationException when the file exists but cannot be read, or has lines that cannot be parsed
     *     (each named by its line number)
     */
    public static WorkLogConfig load(Map<String, String> environment, Path dotEnv) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            String text;
            try {
                text = Files.readString(dotEnv, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                throw new ConfigurationException("cannot read " + dotEnv.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            try {
                merged.putAll(parseDotEnv(text));
            } catch (ConfigurationException e) {
                throw new ConfigurationException(dotEnv.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        environment.forEach((k, v) -> {
            if (k != null && v != null) {
                merged.put(k, v);
            }
        });
        return new WorkLogConfig(merged);
    }

    /** Exactly the given variables, nothing from the environment. */
    public static WorkLogConfig of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value of " + k)));
        return new WorkLogConfig(copy);
    }

    /** An empty configuration: every default applies. */
    public static WorkLogConfig empty() {
        return new WorkLogConfig(Map.of());
    }

    /** A copy with one variable set (or replaced). */
    public WorkLogConfig with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new WorkLogConfig(copy);
    }

    /** A copy with one variable removed. */
    public WorkLogConfig without(String name) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(name);
        return new WorkLogConfig(copy);
    }

    /** The trimmed value, or empty when unset or blank. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The value, or {@code fallback} when unset or blank. */
    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** Whether the variable is set to a non-blank value. */
    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    /**
     * The value of a variable that must be set.
     *
     * @param purpose what the variable is for, quoted in the error
     * @throws ConfigurationException naming the variable when it is unset or blank
     */
    public String require(String name, String purpose) {
        return get(name).orElseThrow(() -> new ConfigurationException(
                name + " is not set: " + purpose + ". Set it in the environment or in .env"));
    }

    /** An integer variable within {@code [min, max]}, or {@code fallback} when unset. */
    public int getInt(String name, int fallback, int min, int max) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new ConfigurationException(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number, got '" + v.get() + "'", e);
        }
    }

    /**
     * A duration variable, written as seconds ({@code 30}), with a unit ({@code 500ms}, {@code 30s}, {@code 2m}), or
     * ISO-8601 ({@code PT30S}); {@code fallback} when unset.
     */
    public Duration getDuration(String name, Duration fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration d;
            if (s.startsWith("pt")) {
                d = Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            } else if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            } else if (s.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
            } else if (s.endsWith("m")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()) * 60);
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            }
            if (d.isNegative()) {
                throw new ConfigurationException(name + " must not be negative, got '" + v.get() + "'");
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof ConfigurationException) {
                throw e;
            }
            throw new ConfigurationException(
                    name + " must be a duration such as 30, 30s, 500ms, 2m or PT30S, got '" + v.get() + "'", e);
        }
    }

    /** A comma-separated list, trimmed, blanks dropped; {@code fallback} when unset. */
    public List<String> getList(String name, List<String> fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.get().split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out.isEmpty() ? fallback : List.copyOf(out);
    }

    /** Names of all variables set, sorted. Values are not exposed in bulk on purpose. */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * Values that must never be printed: every variable whose name ends in {@code _KEY}, {@code _TOKEN},
     * {@code _SECRET} or {@code _PASSWORD}.
     */
    public Set<String> secretValues() {
        Set<String> out = new LinkedHashSet<>();
        values.forEach((k, v) -> {
            if (isSecretName(k) && v != null && v.strip().length() >= 4) {
                out.add(v.strip());
            }
        });
        return out;
    }

    /** Whether a variable of this name holds a secret. */
    public static boolean isSecretName(String name) {
        return name.endsWith("_KEY") || name.endsWith("_TOKEN") || name.endsWith("_SECRET")
                || name.endsWith("_PASSWORD");
    }

    /** A variable name as shells and Docker's {@code --env-file} accept it. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Parses {@code .env} text: {@code NAME=value} lines, optionally {@code export NAME=value}; blank lines and
     * {@code #} comments are skipped; a value in matching single or double quotes is taken literally, otherwise a
     * {@code " #"} starts a comment.
     *
     * @throws ConfigurationException listing every line that cannot be parsed, one per line with its number; the
     *     line's text is never quoted, since a stray line may be a pasted secret
     */
    static Map<String, String> parseDotEnv(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip(); // a byte-order mark some editors write
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            String where = "line " + (n + 1) + ": ";
            if (eq < 0) {
                problems.add(where + "no '=' (expected NAME=value)");
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty()) {
                problems.add(where + "no variable name before '='");
                continue;
            }
            if (!NAME.matcher(key).matches()) {
                problems.add(where + "the text before '=' is not a variable name (letters, digits and '_', not "
                        + "starting with a digit)");
                continue;
            }
            String value = line.substring(eq + 1).strip();
            char first = value.isEmpty() ? 0 : value.charAt(0);
            if (first == '"' || first == '\'') {
                if (value.length() < 2 || value.charAt(value.length() - 1) != first) {
                    problems.add(where + "the value of " + key + " opens a quote (" + first + ") that is not closed "
                            + "on the same line");
                    continue;
                }
                value = value.substring(1, value.length() - 1);
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            out.put(key, value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException((problems.size() == 1 ? "1 line" : problems.size() + " lines")
                    + " cannot be read:\n  " + String.join("\n  ", problems));
        }
        return out;
    }

    /** Lists the variable names only: values may be secrets. */
    @Override
    public String toString() {
        return "WorkLogConfig" + values.keySet();
    }
}
