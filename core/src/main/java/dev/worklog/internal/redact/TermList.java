package dev.worklog.internal.redact;

import dev.worklog.error.ConfigurationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The user's term list ({@code WORKLOG_REDACT_TERMS_FILE}), compiled: one term a line, {@code /regex/} (or
 * {@code /regex/i}) for a pattern, a line {@code [label]} to name the placeholders of the terms below it
 * ({@code [customer]} makes {@code [CUSTOMER_1]}; {@code TERM} before any label), {@code #} for a comment.
 *
 * <p>A plain term matches in any case. In the standard mode it matches as a whole word where it begins or ends with
 * a Latin letter or digit ({@code Acme} in {@code Acme's} and {@code Acme에서}, not in {@code Acmewide}); in the strict
 * mode it matches anywhere, inside identifiers too ({@code acmepay-api}).
 */
final class TermList {
    /** The label of terms listed before any {@code [label]} line. */
    static final String DEFAULT_LABEL = "TERM";
    private static final Pattern LABEL_LINE = Pattern.compile("\\[\\s*([A-Za-z][A-Za-z0-9]{0,19})\\s*]");
    private static final Pattern ASCII_WORD = Pattern.compile("[A-Za-z0-9_]");

    /** The patterns of one label, in file order. */
    record Labelled(String label, List<Pattern> patterns) {
    }

    private final List<Labelled> entries;
    private final int terms;
    private final Path file;

    private TermList(List<Labelled> entries, int terms, Path file) {
        this.entries = List.copyOf(entries);
        this.terms = terms;
        this.file = file;
    }

    /** No terms. */
    static TermList empty() {
        return new TermList(List.of(), 0, null);
    }

    /**
     * Reads and compiles a term file.
     *
     * @param variable the variable that named it, for errors
     * @param strict whether plain terms match inside words too
     * @throws ConfigurationException naming the variable (and the line) when the file cannot be read or a line is
     *     not a valid term, label or pattern
     */
    static TermList read(Path file, String variable, boolean strict) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(variable + " names " + file + ", which does not exist; create it (one "
                    + "term a line) or unset " + variable, e);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(variable + ": " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigurationException(variable + ": " + file + " cannot be read (" + e + ")", e);
        }
        Map<String, List<String>> literals = new LinkedHashMap<>();
        Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
        String label = DEFAULT_LABEL;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = variable + " (" + file + ", line " + (i + 1) + ")";
            var labelLine = LABEL_LINE.matcher(line);
            if (labelLine.matches()) {
                label = labelLine.group(1).toUpperCase(Locale.ROOT);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw new ConfigurationException(where + ": a label is [letters and digits], up to 20, got " + line);
            }
            if (line.length() > 2 && line.startsWith("/") && (line.endsWith("/") || line.endsWith("/i"))) {
                boolean ignoreCase = line.endsWith("/i");
                String regex = line.substring(1, line.length() - (ignoreCase ? 2 : 1));
                try {
                    Pattern p = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
                    if (p.matcher("").matches()) {
                        throw new ConfigurationException(where + ": the pattern /" + regex + "/ matches empty text");
                    }
                    patterns.computeIfAbsent(label, k -> new ArrayList<>()).add(p);
                } catch (PatternSyntaxException e) {
                    throw new ConfigurationException(where + ": /" + regex + "/ is not a valid regular expression ("
                            + e.getDescription() + ")", e);
                }
            } else {
                literals.computeIfAbsent(label, k -> new ArrayList<>()).add(line);
            }
            count++;
        }
        List<Labelled> entries = new ArrayList<>();
        java.util.Set<String> labels = new java.util.LinkedHashSet<>(literals.keySet());
        labels.addAll(patterns.keySet());
        for (String l : labels) {
            List<Pattern> compiled = new ArrayList<>();
            if (literals.containsKey(l)) {
                compiled.add(alternation(literals.get(l), strict));
            }
            compiled.addAll(patterns.getOrDefault(l, List.of()));
            entries.add(new Labelled(l, compiled));
        }
        return new TermList(entries, count, file);
    }

    /** One pattern for all plain terms of a label, longest first so that {@code Acme Corp} wins over {@code Acme}. */
    private static Pattern alternation(List<String> terms, boolean strict) {
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String term : sorted) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            boolean wordStart = !strict && ASCII_WORD.matcher(term.substring(0, 1)).matches();
            boolean wordEnd = !strict && ASCII_WORD.matcher(term.substring(term.length() - 1)).matches();
            regex.append(wordStart ? "(?<![A-Za-z0-9_])" : "").append(Pattern.quote(term))
                    .append(wordEnd ? "(?![A-Za-z0-9_])" : "");
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The compiled terms, by label. */
    List<Labelled> entries() {
        return entries;
    }

    /** How many terms and patterns the file lists. */
    int size() {
        return terms;
    }

    /** The file, or {@code null} when none is configured. */
    Path file() {
        return file;
    }
}
