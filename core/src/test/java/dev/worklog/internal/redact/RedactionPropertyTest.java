package dev.worklog.internal.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that must hold for every text, on generated notes (seeded, so a failure names a reproducible case):
 * no sensitive value survives redaction, every figure does, restoring gives the original text back, and the same
 * text always gives the same prompt.
 */
class RedactionPropertyTest {
    private static final int CASES = 400;
    private static final Pattern FIGURE = Pattern.compile(
            "(?<![\\w.,-])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:%| ms)?(?![\\w.-])");
    private static final String[] WORDS = {"배포", "캐시를", "도입했다", "the", "latency", "dropped", "after", "we",
        "moved", "reads", "to", "a", "replica", "Java", "Kafka", "p99", "UTF-8", "SHA-256", "Node.js", "고객", "검색",
        "and", "https://github.com/openjdk/jdk", "docs.oracle.com", "—", "(", ")", ":", ";", "\n", "- ", "### Result\n"};
    private static final String[] TERMS = {"Globex", "Initech Bank", "Umbrella Corp", "Project Falcon", "삼성"};

    @TempDir
    Path dir;

    /** One generated note and what it holds. */
    private record Note(String text, List<String> sensitive, List<String> figures) {
    }

    private Note note(Random r) {
        StringBuilder s = new StringBuilder();
        List<String> sensitive = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        int parts = 5 + r.nextInt(40);
        for (int i = 0; i < parts; i++) {
            String piece;
            switch (r.nextInt(12)) {
                case 0 -> piece = name(r) + "." + name(r) + "@" + name(r) + (r.nextBoolean() ? ".com" : ".corp");
                case 1 -> piece = (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
                case 2 -> piece = "fd" + hex(r, 2) + ":" + hex(r, 4) + "::" + (1 + r.nextInt(99));
                case 3 -> piece = "https://" + name(r) + "." + pick(r, RedactionRules.PRIVATE_SUFFIXES) + "/" + name(r)
                        + "/" + r.nextInt(1000);
                case 4 -> piece = name(r) + "-" + r.nextInt(10) + "." + name(r) + "." + pick(r, RedactionRules.PRIVATE_SUFFIXES);
                case 5 -> piece = "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
                        + (char) ('A' + r.nextInt(26)) + "-" + (1 + r.nextInt(9999));
                case 6 -> piece = TERMS[r.nextInt(TERMS.length)];
                case 7 -> piece = "ghp_" + alnum(r, 36);
                default -> piece = null;
            }
            if (piece != null) {
                if (RedactionRules.NOT_TICKETS.contains(piece.split("-")[0])) {
                    piece = "ZZ" + piece;
                }
                sensitive.add(piece);
            } else if (r.nextInt(3) == 0) {
                piece = figure(r);
                figures.add(piece);
            } else {
                piece = WORDS[r.nextInt(WORDS.length)];
            }
            s.append(piece).append(r.nextInt(5) == 0 ? ", " : " ");
        }
        return new Note(s.toString(), sensitive, figures);
    }

    @Test
    void no_sensitive_value_survives_and_every_figure_does() throws Exception {
        RedactionRules rules = rules();
        Random random = new Random(20261116L);
        for (int c = 0; c < CASES; c++) {
            Note n = note(random);
            String sent = rules.start(n.text()).redact(n.text());
            for (String value : n.sensitive()) {
                assertThat(sent).as("case %d: %s", c, n.text()).doesNotContain(value);
            }
            assertThat(figures(sent)).as("case %d: %s", c, n.text()).containsAll(n.figures());
        }
    }

    @Test
    void restoring_gives_the_original_text_back_even_inside_json() throws Exception {
        RedactionRules rules = rules();
        Random random = new Random(7L);
        for (int c = 0; c < CASES; c++) {
            Note n = note(random);
            Redactor run = rules.start(n.text());
            String sent = run.redact(n.text());
            Redactor.Restored plain = run.restore(sent);
            assertThat(plain.text()).as("case %d", c).isEqualTo(n.text());
            assertThat(plain.unknown()).as("case %d", c).isEmpty();
            ObjectNode reply = Json.MAPPER.createObjectNode().put("action", sent);
            reply.putArray("metrics").add(sent);
            ObjectNode back = (ObjectNode) Json.tryParse(run.restore(Json.write(reply)).text());
            assertThat(back.path("action").asText()).as("case %d", c).isEqualTo(n.text());
            assertThat(back.path("metrics").path(0).asText()).as("case %d", c).isEqualTo(n.text());
        }
    }

    @Test
    void the_same_text_always_gives_the_same_prompt_and_placeholders_are_one_per_value() throws Exception {
        RedactionRules rules = rules();
        Random random = new Random(42L);
        Pattern placeholder = Pattern.compile("\\[[A-Z]+_\\d+]");
        for (int c = 0; c < CASES; c++) {
            Note n = note(random);
            Redactor run = rules.start(n.text());
            String first = run.redact(n.text());
            assertThat(rules.start(n.text()).redact(n.text())).as("case %d", c).isEqualTo(first);
            Matcher m = placeholder.matcher(first);
            java.util.Set<String> distinct = new java.util.HashSet<>();
            while (m.find()) {
                distinct.add(m.group());
            }
            assertThat(distinct).as("case %d", c).hasSize(run.values());
        }
    }

    private RedactionRules rules() throws Exception {
        Path terms = dir.resolve("terms.txt");
        Files.writeString(terms, "[customer]\nGlobex\nInitech Bank\n/Umbrella( Corp)?/\n[project]\nProject Falcon\n삼성\n");
        return RedactionRules.from(WorkLogConfig.of(Map.of("WORKLOG_REDACT_TERMS_FILE", terms.toString())));
    }

    private static List<String> figures(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String figure(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> String.valueOf(r.nextInt(1000));
            case 1 -> (1 + r.nextInt(9)) + "," + String.format("%03d", r.nextInt(1000));
            case 2 -> r.nextInt(100) + "." + r.nextInt(10);
            case 3 -> r.nextInt(101) + "%";
            default -> r.nextInt(2000) + " ms";
        };
    }

    private static String name(Random r) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3 + r.nextInt(6); i++) {
            s.append(letters.charAt(r.nextInt(letters.length())));
        }
        return s.toString();
    }

    private static String hex(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return s.toString();
    }

    private static String alnum(Random r, int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }

    private static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }
}
