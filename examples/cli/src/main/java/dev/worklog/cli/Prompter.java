package dev.worklog.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Line-oriented prompts over {@link Io}: free text with a default, numbered single choice, numbered multi-select
 * with free entries, multi-line text and a yes/no confirmation. Works the same on a terminal and on piped input,
 * so the interactive flow can be scripted and tested. End of input at any prompt cancels.
 */
final class Prompter {
    private final Io io;

    Prompter(Io io) {
        this.io = io;
    }

    /**
     * Asks for one line; an empty answer takes {@code fallback}.
     *
     * @param check returns an error message for a bad answer (asked again), or {@code null} when it is fine
     */
    String text(String label, String fallback, boolean required, Function<String, String> check) {
        while (true) {
            io.out().print(label + (fallback == null || fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
            String answer = read(label);
            String value = answer.isBlank() ? (fallback == null ? "" : fallback) : answer.strip();
            if (value.isEmpty() && required) {
                io.out().println("  " + label + " is required.");
                continue;
            }
            String problem = value.isEmpty() || check == null ? null : check.apply(value);
            if (problem != null) {
                io.out().println("  " + problem);
                continue;
            }
            return value;
        }
    }

    /**
     * Asks for a secret without echoing it; asked again while {@code check} finds a problem (it says why, never
     * the value). An empty answer takes {@code fallback} when there is one (checked too), else asks again.
     *
     * @param check returns an error message for a bad secret, or {@code null} when it is accepted
     */
    String secret(String label, String fallback, Function<String, String> check) {
        while (true) {
            String answer = io.readSecret(label + " (input hidden): ");
            if (answer == null) {
                io.out().println();
                throw new CancelledException("cancelled (end of input at the " + label.toLowerCase(Locale.ROOT)
                        + " prompt); nothing was written");
            }
            String value = answer.isBlank() && fallback != null ? fallback : answer.strip();
            if (value.isEmpty()) {
                io.out().println("  " + label + " is required.");
                continue;
            }
            String problem = check.apply(value);
            if (problem == null) {
                return value;
            }
            io.out().println("  " + problem);
        }
    }

    /** Asks to pick one option by number (or by typing it); an empty answer takes {@code fallback} if any. */
    String choice(String label, List<String> options, String fallback) {
        io.out().println(label + ":");
        for (int i = 0; i < options.size(); i++) {
            io.out().println(String.format("  %d) %s", i + 1, options.get(i)));
        }
        while (true) {
            io.out().print("Choose 1-" + options.size() + (fallback == null ? "" : " [" + fallback + "]") + ": ");
            String answer = read(label).strip();
            if (answer.isEmpty() && fallback != null) {
                return fallback;
            }
            String picked = pick(answer, options);
            if (picked != null) {
                return picked;
            }
            io.out().println("  Enter a number from 1 to " + options.size() + ".");
        }
    }

    /**
     * Asks for several items: comma-separated numbers from the list and/or free names. An empty answer takes
     * {@code fallback} when it is not empty.
     */
    List<String> multiSelect(String label, List<String> common, List<String> fallback) {
        io.out().println(label + " (comma-separated numbers and/or names):");
        int columns = 3;
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < common.size(); i++) {
            row.append(String.format("  %2d) %-18s", i + 1, common.get(i)));
            if ((i + 1) % columns == 0 || i == common.size() - 1) {
                io.out().println(row.toString().stripTrailing());
                row.setLength(0);
            }
        }
        String hint = fallback.isEmpty() ? "" : " [" + String.join(", ", fallback) + "]";
        while (true) {
            io.out().print("Select" + hint + ": ");
            String answer = read(label).strip();
            if (answer.isEmpty()) {
                if (!fallback.isEmpty()) {
                    return fallback;
                }
                io.out().println("  Pick at least one.");
                continue;
            }
            List<String> picked = new ArrayList<>();
            String problem = null;
            for (String part : answer.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                if (item.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(item.length() > 6 ? "0" : item);
                    if (n < 1 || n > common.size()) {
                        problem = "  " + item + " is not a number from 1 to " + common.size() + ".";
                        break;
                    }
                    item = common.get(n - 1);
                }
                if (picked.stream().noneMatch(item::equalsIgnoreCase)) {
                    picked.add(item);
                }
            }
            if (problem != null) {
                io.out().println(problem);
            } else if (picked.isEmpty()) {
                io.out().println("  Pick at least one.");
            } else {
                return picked;
            }
        }
    }

    /**
     * Reads lines until one holding only {@code .} or the end of input. An empty text takes {@code fallback} when
     * given; end of input is accepted here (it ends the text), unlike at the one-line prompts.
     */
    String multiline(String label, String hint, String fallback) {
        io.out().println(label);
        io.out().println(hint);
        StringBuilder text = new StringBuilder();
        while (true) {
            io.out().flush();
            String line = io.readLine();
            if (line == null || line.strip().equals(".")) {
                break;
            }
            text.append(line).append('\n');
        }
        String value = text.toString().strip();
        return value.isEmpty() && fallback != null ? fallback : value;
    }

    /** Asks a yes/no question; the default is no. End of input cancels. */
    boolean confirm(String question) {
        while (true) {
            io.out().print(question + " [y/N]: ");
            String answer = read("confirmation").strip().toLowerCase(Locale.ROOT);
            if (answer.isEmpty() || answer.equals("n") || answer.equals("no")) {
                return false;
            }
            if (answer.equals("y") || answer.equals("yes")) {
                return true;
            }
            io.out().println("  Answer y or n.");
        }
    }

    private String read(String label) {
        String line = io.readLine();
        if (line == null) {
            io.out().println();
            throw new CancelledException("cancelled (end of input at the " + label.toLowerCase(Locale.ROOT)
                    + " prompt); nothing was stored");
        }
        return line;
    }

    private static String pick(String answer, List<String> options) {
        if (answer.chars().allMatch(Character::isDigit) && !answer.isEmpty() && answer.length() < 7) {
            int n = Integer.parseInt(answer);
            return n >= 1 && n <= options.size() ? options.get(n - 1) : null;
        }
        for (String option : options) {
            if (option.equalsIgnoreCase(answer)) {
                return option;
            }
        }
        return null;
    }
}
