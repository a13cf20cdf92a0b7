package dev.worklog.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small YAML reader for the subset our deployment files use: block maps and lists (including lists of maps),
 * plain, single- and double-quoted scalars, flow sequences ({@code [a, b]}), empty flow maps ({@code {}}), block
 * scalars ({@code |}, {@code >-}), comments, and CloudFormation tags such as {@code !Ref X} (kept as the text
 * {@code "!Ref X"}). Anything outside that subset — a tab indent, an unterminated quote, a line at an indentation
 * that fits no open block — fails loudly, so a file that a real YAML parser would read differently does not pass
 * silently. There is no YAML library among our dependencies, and the files are small.
 */
final class MiniYaml {
    private final List<Line> lines = new ArrayList<>();
    private int pos;

    private record Line(int number, int indent, String text) {
    }

    private MiniYaml(String source) {
        String[] raw = source.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            if (line.startsWith("\t") || line.matches("^ *\t.*")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": tab in indentation");
            }
            String stripped = stripComment(line);
            if (stripped.isBlank() || stripped.strip().equals("---")) {
                lines.add(new Line(i + 1, -1, line)); // kept for block scalars
                continue;
            }
            int indent = 0;
            while (indent < stripped.length() && stripped.charAt(indent) == ' ') {
                indent++;
            }
            lines.add(new Line(i + 1, indent, stripped.stripTrailing()));
        }
    }

    /** Parses a document into maps, lists and strings. */
    static Object parse(String source) {
        MiniYaml y = new MiniYaml(source);
        y.skipBlank();
        if (y.pos >= y.lines.size()) {
            return new LinkedHashMap<String, Object>();
        }
        Object value = y.block(y.lines.get(y.pos).indent());
        y.skipBlank();
        if (y.pos < y.lines.size()) {
            Line l = y.lines.get(y.pos);
            throw new IllegalArgumentException("line " + l.number() + ": unexpected indentation: " + l.text().strip());
        }
        return value;
    }

    private void skipBlank() {
        while (pos < lines.size() && lines.get(pos).indent() < 0) {
            pos++;
        }
    }

    private Object block(int indent) {
        skipBlank();
        Line first = lines.get(pos);
        return first.text().strip().startsWith("- ") || first.text().strip().equals("-") ? list(indent) : map(indent);
    }

    private Map<String, Object> map(int indent) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                return out;
            }
            Line l = lines.get(pos);
            if (l.indent() < indent) {
                return out;
            }
            if (l.indent() > indent) {
                throw new IllegalArgumentException("line " + l.number() + ": unexpected indentation: " + l.text().strip());
            }
            String text = l.text().strip();
            if (text.startsWith("- ")) {
                return out; // a list at the same indent belongs to the parent key
            }
            pos++;
            entry(out, text, l, indent);
        }
    }

    private void entry(Map<String, Object> out, String text, Line l, int indent) {
        int colon = keyEnd(text);
        if (colon < 0) {
            throw new IllegalArgumentException("line " + l.number() + ": expected 'key: value': " + text);
        }
        String key = unquote(text.substring(0, colon).strip());
        String rest = text.substring(colon + 1).strip();
        if (out.containsKey(key)) {
            throw new IllegalArgumentException("line " + l.number() + ": duplicate key " + key);
        }
        out.put(key, value(rest, indent, l));
    }

    private Object value(String rest, int indent, Line l) {
        if (rest.isEmpty()) {
            skipBlank();
            if (pos < lines.size() && lines.get(pos).indent() > indent) {
                return block(lines.get(pos).indent());
            }
            if (pos < lines.size() && lines.get(pos).indent() == indent && lines.get(pos).text().strip().startsWith("- ")) {
                return list(indent); // "key:\n- item" at the same indent
            }
            return "";
        }
        if (rest.equals("|") || rest.equals("|-") || rest.equals(">") || rest.equals(">-")) {
            return blockScalar(indent, rest.startsWith(">"));
        }
        return scalar(rest, l);
    }

    private List<Object> list(int indent) {
        List<Object> out = new ArrayList<>();
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                return out;
            }
            Line l = lines.get(pos);
            String text = l.text().strip();
            if (l.indent() < indent || !(text.startsWith("- ") || text.equals("-"))) {
                if (l.indent() > indent) {
                    throw new IllegalArgumentException("line " + l.number() + ": unexpected indentation: " + text);
                }
                return out;
            }
            if (l.indent() > indent) {
                throw new IllegalArgumentException("line " + l.number() + ": unexpected indentation: " + text);
            }
            pos++;
            String item = text.length() > 1 ? text.substring(2).strip() : "";
            int itemIndent = l.indent() + 2;
            if (item.isEmpty()) {
                skipBlank();
                out.add(pos < lines.size() && lines.get(pos).indent() > l.indent() ? block(lines.get(pos).indent()) : "");
            } else if (keyEnd(item) > 0 && !item.startsWith("\"") && !item.startsWith("'") && !item.startsWith("[")
                    && !item.startsWith("{")) {
                // "- key: value" starts a map whose other keys are indented under the first key
                Map<String, Object> m = new LinkedHashMap<>();
                entry(m, item, l, itemIndent);
                m.putAll(mapContinuation(itemIndent, m));
                out.add(m);
            } else {
                out.add(scalar(item, l));
            }
        }
    }

    private Map<String, Object> mapContinuation(int indent, Map<String, Object> existing) {
        Map<String, Object> more = map(indent);
        for (String k : more.keySet()) {
            if (existing.containsKey(k)) {
                throw new IllegalArgumentException("duplicate key " + k);
            }
        }
        return more;
    }

    private String blockScalar(int indent, boolean folded) {
        StringBuilder sb = new StringBuilder();
        int blockIndent = -1;
        while (pos < lines.size()) {
            Line l = lines.get(pos);
            if (l.indent() >= 0 && l.indent() <= indent) {
                break;
            }
            String raw = l.indent() < 0 ? "" : l.text();
            if (blockIndent < 0 && l.indent() > 0) {
                blockIndent = l.indent();
            }
            String content = raw.length() >= Math.max(blockIndent, 0) ? raw.substring(Math.max(blockIndent, 0)) : "";
            sb.append(content).append(folded ? " " : "\n");
            pos++;
        }
        return folded ? sb.toString().strip() : sb.toString().replaceAll("\n+$", "\n");
    }

    private static Object scalar(String text, Line l) {
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw new IllegalArgumentException("line " + l.number() + ": unterminated flow sequence");
            }
            List<Object> out = new ArrayList<>();
            for (String part : splitFlow(text.substring(1, text.length() - 1), l)) {
                out.add(scalar(part.strip(), l));
            }
            return out;
        }
        if (text.startsWith("{")) {
            if (!text.equals("{}")) {
                throw new IllegalArgumentException("line " + l.number() + ": only empty flow maps are supported");
            }
            return new LinkedHashMap<String, Object>();
        }
        if (text.startsWith("\"") || text.startsWith("'")) {
            char q = text.charAt(0);
            if (text.length() < 2 || text.charAt(text.length() - 1) != q) {
                throw new IllegalArgumentException("line " + l.number() + ": unterminated quote: " + text);
            }
            return unquote(text);
        }
        return text;
    }

    private static List<String> splitFlow(String inner, Line l) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (char c : inner.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == '[') {
                depth++;
                cur.append(c);
            } else if (c == ']') {
                depth--;
                cur.append(c);
            } else if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("line " + l.number() + ": unterminated quote in flow sequence");
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString());
        }
        return parts;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
        }
        return s;
    }

    /** The index of the colon ending a key (outside quotes, followed by a space or the end), or -1. */
    private static int keyEnd(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && i == 0) {
                quote = c;
            } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            } else if (c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == '#') {
                return -1;
            }
        }
        return -1;
    }

    /** The line without its comment: '#' at the start or after a space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
