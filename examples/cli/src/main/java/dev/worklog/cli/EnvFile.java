package dev.worklog.cli;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as {@code init} and {@code setup} change it: variables are set in place (a line that sets one
 * is replaced, a new one appended), every other line — comments, variables they do not ask about — stays as it was.
 * The file is written whole or not at all, readable by its owner only from the moment it exists, since it holds
 * secrets. What would change is told by variable name only, never by value.
 */
final class EnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");

    private final Path path;
    private final List<String> lines;
    private final Map<String, String> values;

    private EnvFile(Path path, List<String> lines, Map<String, String> values) {
        this.path = path;
        this.lines = lines;
        this.values = values;
    }

    /**
     * The file as it is, or an empty one when it does not exist yet.
     *
     * @throws dev.worklog.error.ConfigurationException when it exists but cannot be parsed (lines named by number)
     */
    static EnvFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new EnvFile(path, new ArrayList<>(), Map.of());
        }
        WorkLogConfig parsed = WorkLogConfig.load(Map.of(), path);
        Map<String, String> values = new LinkedHashMap<>();
        parsed.names().forEach(n -> values.put(n, parsed.get(n).orElse("")));
        try {
            return new EnvFile(path, new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8)), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    boolean exists() {
        return Files.isRegularFile(path);
    }

    Path path() {
        return path;
    }

    /** The variables the file sets now. */
    Map<String, String> values() {
        return values;
    }

    /**
     * What setting {@code updates} would change, by name only: {@code + NAME (new)}, {@code ~ NAME (changed)},
     * {@code = NAME (unchanged)}.
     */
    List<String> diff(Map<String, String> updates) {
        List<String> out = new ArrayList<>();
        updates.forEach((name, value) -> {
            String now = values.get(name);
            out.add(now == null ? "+ " + name + " (new)" : now.equals(value) ? "= " + name + " (unchanged)"
                    : "~ " + name + " (changed)");
        });
        return out;
    }

    /** Whether setting {@code updates} would change the file. */
    boolean changes(Map<String, String> updates) {
        return updates.entrySet().stream().anyMatch(e -> !e.getValue().equals(values.get(e.getKey())));
    }

    /** Sets {@code updates} and writes the file (owner-only), keeping every other line. */
    void write(Map<String, String> updates) {
        Map<String, String> pending = new LinkedHashMap<>(updates);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ASSIGNMENT.matcher(line);
            String name = m.find() ? m.group(1) : null;
            if (name != null && pending.containsKey(name)) {
                out.add(name + "=" + quoted(pending.remove(name)));
            } else if (name == null || !updates.containsKey(name)) {
                out.add(line); // a later line setting a variable already replaced is dropped: it would win
            }
        }
        if (!pending.isEmpty() && lines.isEmpty()) {
            out.add("# written by worklog init / worklog setup; values here are secrets: keep this file to yourself");
        }
        pending.forEach((name, value) -> out.add(name + "=" + quoted(value)));
        DurableFiles.write(path, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8), ownerOnly());
    }

    /** A value as the {@code .env} parser reads it back unchanged: quoted when it has spaces, quotes or {@code #}. */
    static String quoted(String value) {
        if (value.isEmpty() || !value.matches(".*[\\s\"'#].*")) {
            return value;
        }
        return value.indexOf('"') < 0 ? "\"" + value + "\"" : "'" + value + "'";
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0]; // Windows: the user's profile folder is private already
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------"))};
    }
}
