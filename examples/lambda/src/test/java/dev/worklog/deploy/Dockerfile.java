package dev.worklog.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read into instructions: continuation lines joined, comments and parser directives dropped. */
record Dockerfile(List<Instruction> instructions) {
    /** One instruction, e.g. {@code COPY} with arguments {@code core/ core/}. */
    record Instruction(String keyword, String args) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (current.length() > 0 && line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String joined = current.toString().strip();
            current.setLength(0);
            int space = joined.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("instruction without arguments: " + joined);
            }
            out.add(new Instruction(joined.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                    joined.substring(space + 1).strip()));
        }
        if (current.length() > 0) {
            throw new IllegalArgumentException("the Dockerfile ends inside a continued line");
        }
        return new Dockerfile(out);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The instructions of the last stage (after the last FROM). */
    Dockerfile lastStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return new Dockerfile(instructions.subList(from, instructions.size()));
    }

    /** ENV values, {@code KEY=value} pairs with double-quoted values allowed. */
    Map<String, String> env() {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");
        for (Instruction i : all("ENV")) {
            Matcher m = pair.matcher(i.args());
            int matched = 0;
            while (m.find()) {
                String v = m.group(2);
                out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
                matched++;
            }
            if (matched == 0) {
                throw new IllegalArgumentException("ENV must use KEY=value pairs: " + i.args());
            }
        }
        return out;
    }
}
