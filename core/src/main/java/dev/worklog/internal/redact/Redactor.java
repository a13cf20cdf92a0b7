package dev.worklog.internal.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.worklog.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's placeholders: each distinct value gets one placeholder ({@code [EMAIL_1]}, {@code [CUSTOMER_2]}),
 * numbered by label in order of first appearance, so that the same text always gives the same prompt and a repair
 * request or a fallback provider sees the same placeholders. {@link #restore} puts the values back into the model's
 * reply and reports every placeholder-like token it cannot map, without guessing. Not thread-safe: one per call.
 */
public final class Redactor {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z][A-Z0-9]*)_(\\d+)]");

    private final RedactionRules rules;
    private final String reserved;
    private final Map<String, String> placeholderOf = new HashMap<>();
    private final Map<String, String> valueOf = new HashMap<>();
    private final Map<String, Integer> lastNumber = new HashMap<>();
    private final Map<String, Integer> distinct = new LinkedHashMap<>();
    private int occurrences;

    Redactor(RedactionRules rules, String reserved) {
        this.rules = rules;
        this.reserved = reserved;
    }

    /** What {@link #restore} gave back: the text, how many placeholders it replaced, and the tokens it could not. */
    public record Restored(String text, int restored, List<String> unknown) {
        public Restored {
            unknown = List.copyOf(unknown);
        }
    }

    /** The text with every detected value replaced by its placeholder. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Detectors.Span> spans = Detectors.find(text, rules);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Detectors.Span s : spans) {
            out.append(text, at, s.start()).append(placeholder(text.substring(s.start(), s.end()), s.label()));
            at = s.end();
        }
        occurrences += spans.size();
        return out.append(text, at, text.length()).toString();
    }

    private String placeholder(String value, String label) {
        String known = placeholderOf.get(value);
        if (known != null) {
            return known;
        }
        String placeholder;
        do {
            int n = lastNumber.merge(label, 1, Integer::sum);
            placeholder = "[" + label + "_" + n + "]";
        } while (reserved.contains(placeholder));
        placeholderOf.put(value, placeholder);
        valueOf.put(placeholder, value);
        distinct.merge(label.toLowerCase(Locale.ROOT), 1, Integer::sum);
        return placeholder;
    }

    /**
     * The model's reply with every placeholder of this run replaced by its value. A JSON reply is restored inside
     * its string values, so that a value with quotes stays valid JSON; other text as it is. A token that looks like
     * one of these placeholders but is not one this run made ({@code [HOST_9]} when there were two hosts, or a
     * mangled {@code [Host 1]}) is left as it is and listed in {@link Restored#unknown()}, unless the redacted text
     * held it already.
     */
    public Restored restore(String reply) {
        if (reply == null || reply.isEmpty()) {
            return new Restored(reply, 0, List.of());
        }
        int[] restored = {0};
        JsonNode tree = Json.tryParse(reply);
        if (tree == null || !tree.isContainerNode()) {
            int open = reply.indexOf('{');
            int close = reply.lastIndexOf('}');
            tree = open >= 0 && close > open ? Json.tryParse(reply.substring(open, close + 1)) : null;
        }
        String text;
        if (tree != null && tree.isContainerNode()) {
            restoreNode(tree, restored);
            text = Json.write(tree);
        } else {
            text = restoreText(reply, restored);
        }
        return new Restored(text, restored[0], unknown(text));
    }

    private void restoreNode(JsonNode node, int[] restored) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.set(name, TextNode.valueOf(restoreText(value.asText(), restored)));
                } else {
                    restoreNode(value, restored);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(restoreText(array.get(i).asText(), restored)));
                } else {
                    restoreNode(array.get(i), restored);
                }
            }
        }
    }

    private String restoreText(String text, int[] restored) {
        if (text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = valueOf.get(m.group());
            if (value != null) {
                restored[0]++;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Tokens shaped like a placeholder of these labels, bracketed or spelt {@code LABEL_n}, not in the sources. */
    private List<String> unknown(String text) {
        Set<String> out = new LinkedHashSet<>();
        // every such token ends in a number: look only around the numbers of the text, not at every character
        Matcher m = rules.suspects().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int reach = rules.longestLabel() + 12;
        int i = 0;
        while (i < text.length()) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int digits = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            m.region(Math.max(0, digits - reach), Math.min(text.length(), i + reach));
            while (m.find()) {
                if (m.start(3) != digits) {
                    continue;
                }
                String token = m.group().strip();
                boolean bracketed = m.group(1) != null || m.group(4) != null;
                boolean spelt = token.equals(token.toUpperCase(Locale.ROOT)) && token.contains("_");
                if ((bracketed || spelt) && !reserved.contains(token)) {
                    out.add(token);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }


    /** Distinct values replaced so far, by label in lower case ({@code email}, {@code customer}), in first-seen order. */
    public Map<String, Integer> counts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(distinct));
    }

    /** Places replaced so far (a value replaced twice counts twice). */
    public int occurrences() {
        return occurrences;
    }

    /** Distinct values replaced so far. */
    public int values() {
        return valueOf.size();
    }

    /** The counts as {@code email 2, ip 1}, or {@code nothing}. */
    public String describeCounts() {
        if (distinct.isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        distinct.forEach((label, n) -> parts.add(label + " " + n));
        return String.join(", ", parts);
    }
}
