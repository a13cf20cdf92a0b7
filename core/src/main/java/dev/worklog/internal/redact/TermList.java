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

    /** The terms of one label: plain ones, longest first, and patterns in file order. */
    record Labelled(String label, List<Term> literals, List<Pattern> patterns) {
        Labelled {
            literals = List.copyOf(literals);
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * A plain term, case-folded ({@link #fold}), found by a search of the folded text.
     *
     * @param folded the term folded
     * @param wordStart whether the character before a match must not be a Latin letter, digit or underscore
     * @param wordEnd whether the character after a match must not be one
     */
    record Term(String folded, boolean wordStart, boolean wordEnd) {
        /** Whether a match of the folded term at {@code [start, end)} of the text stands as a whole word. */
        boolean matchesAt(String text, int start, int end) {
            return !(wordStart && start > 0 && isAsciiWord(text.charAt(start - 1)))
                    && !(wordEnd && end < text.length() && isAsciiWord(text.charAt(end)));
        }
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
            entries.add(new Labelled(l, terms(literals.getOrDefault(l, List.of()), strict),
                    patterns.getOrDefault(l, List.of())));
        }
        return new TermList(entries, count, file);
    }

    /**
     * Plain terms, longest first so that {@code Acme Corp} wins over {@code Acme}; in the standard mode a term that
     * begins (ends) with a Latin letter, digit or underscore must not be preceded (followed) by one.
     */
    private static List<Term> terms(List<String> plain, boolean strict) {
        List<String> sorted = new ArrayList<>(plain);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<Term> out = new ArrayList<>();
        for (String term : sorted) {
            out.add(new Term(fold(term), !strict && isAsciiWord(term.charAt(0)),
                    !strict && isAsciiWord(term.charAt(term.length() - 1))));
        }
        return out;
    }

    /**
     * The text case-folded one character at a time, so that it keeps its length and an index into it is an index
     * into the text ({@code String.toLowerCase} may change the length, e.g. for {@code İ}).
     */
    static String fold(String text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(chars);
    }

    private static boolean isAsciiWord(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
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
