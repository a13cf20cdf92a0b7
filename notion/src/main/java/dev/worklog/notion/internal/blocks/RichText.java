package dev.worklog.notion.internal.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.ArrayList;
import java.util.List;

/** Spans to Notion rich-text arrays and back, within Notion's limits. */
public final class RichText {
    /** Most characters in one text object. Counted in UTF-16 units, which is also safe if Notion counts code points. */
    public static final int MAX_TEXT = 2000;
    /** Most items in one rich-text array. */
    public static final int MAX_ITEMS = 100;
    /** Longest link Notion accepts. */
    public static final int MAX_URL = 2000;

    private RichText() {
    }

    /** Adjacent spans of one style merged, empty ones dropped. */
    public static List<Span> merge(List<Span> spans) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (s.text().isEmpty()) {
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).sameStyle(s)) {
                Span prev = out.remove(out.size() - 1);
                out.add(prev.withText(prev.text() + s.text()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Rich-text objects for the spans, long text split into pieces of at most {@link #MAX_TEXT} UTF-16 units on
     * code-point boundaries (a surrogate pair is never cut).
     */
    public static List<ObjectNode> toObjects(List<Span> spans) {
        List<ObjectNode> out = new ArrayList<>();
        for (Span s : merge(spans)) {
            for (String piece : split(s.text(), MAX_TEXT)) {
                out.add(object(s.withText(piece)));
            }
        }
        return out;
    }

    /** The text cut into pieces of at most {@code max} UTF-16 units, never inside a surrogate pair. */
    public static List<String> split(String text, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + max);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                    && Character.isLowSurrogate(text.charAt(end))) {
                end--;
            }
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }

    /**
     * The same rich text in one more item: the longest item cut in two at a code-point boundary, both halves with
     * its formatting. Unchanged when no item has two code points.
     */
    static List<ObjectNode> cutOneItem(List<ObjectNode> objects) {
        int longest = -1;
        int length = 1;
        for (int i = 0; i < objects.size(); i++) {
            String content = objects.get(i).path("text").path("content").asText();
            int points = content.codePointCount(0, content.length());
            if (points > length) {
                longest = i;
                length = points;
            }
        }
        if (longest < 0) {
            return objects;
        }
        ObjectNode item = objects.get(longest);
        String content = item.path("text").path("content").asText();
        int cut = content.offsetByCodePoints(0, length / 2);
        ObjectNode first = item.deepCopy();
        ObjectNode second = item.deepCopy();
        ((ObjectNode) first.get("text")).put("content", content.substring(0, cut));
        ((ObjectNode) second.get("text")).put("content", content.substring(cut));
        List<ObjectNode> out = new ArrayList<>(objects);
        out.set(longest, first);
        out.add(longest + 1, second);
        return out;
    }

    /** A rich-text array of at most {@link #MAX_ITEMS} items holding the text, for a property value. */
    public static ArrayNode plainArray(String text) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        List<ObjectNode> objects = toObjects(List.of(Span.plain(text == null ? "" : text)));
        for (int i = 0; i < objects.size() && i < MAX_ITEMS; i++) {
            arr.add(objects.get(i));
        }
        return arr;
    }

    static ObjectNode object(Span s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "text");
        ObjectNode text = o.putObject("text");
        text.put("content", s.text());
        if (s.link() != null) {
            text.putObject("link").put("url", s.link());
        }
        if (s.bold() || s.italic() || s.strike() || s.code()) {
            ObjectNode a = o.putObject("annotations");
            a.put("bold", s.bold());
            a.put("italic", s.italic());
            a.put("strikethrough", s.strike());
            a.put("underline", false);
            a.put("code", s.code());
            a.put("color", "default");
        }
        return o;
    }

    /** Spans read from a rich-text array, from {@code plain_text} (which mentions and equations also have). */
    public static List<Span> fromArray(JsonNode array) {
        List<Span> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode item : array) {
            String text = item.hasNonNull("plain_text") ? item.get("plain_text").asText()
                    : item.path("text").path("content").asText("");
            JsonNode a = item.path("annotations");
            String link = item.hasNonNull("href") ? item.get("href").asText()
                    : item.path("text").path("link").path("url").asText(null);
            out.add(new Span(text, a.path("bold").asBoolean(false), a.path("italic").asBoolean(false),
                    a.path("strikethrough").asBoolean(false), a.path("code").asBoolean(false), link));
        }
        return merge(out);
    }

    /** The concatenated plain text of a rich-text array. */
    public static String plainText(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (Span s : fromArray(array)) {
            sb.append(s.text());
        }
        return sb.toString();
    }
}
