package dev.worklog.internal.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.config.RedactionMode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each detector replaces and leaves, placeholders, restoration and the settings' errors, on examples. */
class RedactorTest {
    @TempDir
    Path dir;

    private static RedactionRules rules(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return RedactionRules.from(WorkLogConfig.of(m));
    }

    private static String redact(RedactionRules rules, String text) {
        return rules.start(text).redact(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "mail jane.doe@acme-corp.com now|mail [EMAIL_1] now",
        "replica at 10.20.30.41, fenced|replica at [IP_1], fenced",
        "subnet 10.0.0.0/16 only|subnet [IP_1] only",
        "consumer on fd12:3456:789a::17 and ::1|consumer on [IP_1] and [IP_2]",
        "full fe80:0:0:0:202:b3ff:fe1e:8329 here|full [IP_1] here",
        "see https://wiki.acme.internal/display/PAY/Runbook.|see [URL_1].",
        "job (http://jenkins01:8080/job/deploy/) ran|job ([URL_1]) ran",
        "db db-primary-3.prod.internal is up|db [HOST_1] is up",
        "ssh build.corp and sandbox.globex.lan|ssh [HOST_1] and [HOST_2]",
        "fixed PAY-1423 and OPS-77|fixed [TICKET_1] and [TICKET_2]",
        "printed token=ghp_R2d2C3poBb8Yoda0Luke1Leia2Han3Chewie45 twice|printed token=[SECRET_1] twice",
        "header Authorization: Bearer abc.def-123|header Authorization: [SECRET_1]",
        "curl -H 'x-api-key: k-12345678' api|curl -H 'x-api-key: [SECRET_1]' api",
        "aws AKIAIOSFODNN7EXAMPLE key|aws [SECRET_1] key",
        "password: hunter22 was set|password: [SECRET_1] was set",
        "called https://maps.example.com/api?key=AbC123xyz ok|called https://maps.example.com/api?key=[SECRET_1] ok",
        "sent BEARER tok.en-123 by mistake|sent BEARER [SECRET_1] by mistake",
        "proxy-authorization: Basic dXNlcjpwYXNz|proxy-authorization: [SECRET_1]",
        "the X-Goog-Api-Key=AbCdEf123456 leaked|the X-Goog-Api-Key=[SECRET_1] leaked",
        "client_secret = S3cr3t!x for now|client_secret = [SECRET_1] for now",
        "set API_KEY :Zx81LmQ2 once|set API_KEY :[SECRET_1] once",
    })
    void each_detector_replaces_its_kind(String text, String expected) {
        assertThat(redact(rules(), text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "p99 820 ms → 140 ms, 1,200 statements/s, 38%, 4.5 hours, 12 releases at 02:10 on 2026-11-16",
        "UTF-8, SHA-256, GPT-4, ISO-8601 and RFC-7231 are standards, not tickets",
        "public links stay: https://github.com/openjdk/jdk and docs.oracle.com",
        "Node.js, ASP.NET, config.yaml, String::valueOf and 10:30:00 are not addresses",
        "the password: changed weekly; a token: it expired",
        "localhost:8080 and http://localhost:3000/health are this machine",
    })
    void leaves_numbers_standards_public_links_and_look_alikes(String text) {
        assertThat(redact(rules(), text)).isEqualTo(text);
    }

    @Test
    void one_value_one_placeholder_numbered_by_kind_in_order_of_first_appearance() {
        String text = "a@x.com wrote b@x.com; a@x.com again; PAY-1 then PAY-2 then PAY-1";
        Redactor run = rules().start(text);
        assertThat(run.redact(text))
                .isEqualTo("[EMAIL_1] wrote [EMAIL_2]; [EMAIL_1] again; [TICKET_1] then [TICKET_2] then [TICKET_1]");
        assertThat(run.counts()).containsExactly(Map.entry("email", 2), Map.entry("ticket", 2));
        assertThat(run.occurrences()).isEqualTo(6);
        assertThat(run.values()).isEqualTo(4);
        // the same text in a new run gives the same placeholders: a repair request or a fallback sees the same
        assertThat(rules().start(text).redact(text)).isEqualTo(run.redact(text));
    }

    @Test
    void a_placeholder_the_user_wrote_is_never_reused() {
        String text = "my notes mention [EMAIL_1] literally; mail a@x.com";
        Redactor run = rules().start(text);
        String sent = run.redact(text);
        assertThat(sent).isEqualTo("my notes mention [EMAIL_1] literally; mail [EMAIL_2]");
        Redactor.Restored back = run.restore("{\"t\":\"[EMAIL_1] and [EMAIL_2]\"}");
        assertThat(Json.tryParse(back.text()).path("t").asText()).isEqualTo("[EMAIL_1] and a@x.com");
        assertThat(back.unknown()).isEmpty();
    }

    @Test
    void restoring_a_json_reply_keeps_it_valid_json_whatever_the_values_hold(@TempDir Path d) throws Exception {
        Path terms = d.resolve("terms.txt");
        Files.writeString(terms, "\"Quoted\" Co\nBack\\slash Ltd\n", StandardCharsets.UTF_8);
        RedactionRules rules = rules("WORKLOG_REDACT_TERMS_FILE", terms.toString());
        String text = "for \"Quoted\" Co and Back\\slash Ltd";
        Redactor run = rules.start(text);
        assertThat(run.redact(text)).isEqualTo("for [TERM_1] and [TERM_2]");
        String reply = "```json\n{\"achievements\":[{\"title\":\"[TERM_1] / [TERM_2]\",\"n\":3}]}\n```";
        Redactor.Restored back = run.restore(reply);
        JsonNode tree = Json.tryParse(back.text());
        assertThat(tree).isNotNull();
        assertThat(tree.path("achievements").path(0).path("title").asText())
                .isEqualTo("\"Quoted\" Co / Back\\slash Ltd");
        assertThat(tree.path("achievements").path(0).path("n").asInt()).isEqualTo(3);
        assertThat(back.restored()).isEqualTo(2);
    }

    @Test
    void invented_and_mangled_placeholders_are_reported_and_left_as_they_are() {
        String text = "host build.corp, mail a@x.com, ticket OPS-1";
        Redactor run = rules().start(text);
        run.redact(text);
        Redactor.Restored back = run.restore("{\"a\":\"[HOST_1] [HOST_9] [email 1] EMAIL_1 [TICKET-1] [TICKET_1\","
                + "\"b\":\"HOSTNAME_1 and IP 4 and IPv4 stay\"}");
        JsonNode tree = Json.tryParse(back.text());
        assertThat(tree.path("a").asText()).isEqualTo("build.corp [HOST_9] [email 1] EMAIL_1 [TICKET-1] [TICKET_1");
        assertThat(back.unknown()).containsExactly("[HOST_9]", "[email 1]", "EMAIL_1", "[TICKET-1]", "[TICKET_1");
        assertThat(tree.path("b").asText()).isEqualTo("HOSTNAME_1 and IP 4 and IPv4 stay");
    }

    @Test
    void a_reply_that_is_not_json_is_restored_as_text() {
        String text = "mail a@x.com";
        Redactor run = rules().start(text);
        run.redact(text);
        assertThat(run.restore("Sorry, [EMAIL_1] is unclear").text()).isEqualTo("Sorry, a@x.com is unclear");
    }

    @Test
    void the_term_list_labels_regexes_and_word_boundaries() throws Exception {
        Path terms = dir.resolve("terms.txt");
        Files.writeString(terms, "\uFEFF# customers\nAcme\n[customer]\nGlobex\nInitech Bank\n/Umbrella( Corp)?/\n"
                + "[Project]\n/falcon-\\w+/i\n삼성\n", StandardCharsets.UTF_8);
        RedactionRules standard = rules("WORKLOG_REDACT_TERMS_FILE", terms.toString());
        String text = "Acme's ACME deal, Acmewide, Globex에서 Initech Bank, Umbrella Corp, FALCON-api, 삼성전자";
        assertThat(redact(standard, text)).isEqualTo(
                "[TERM_1]'s [TERM_2] deal, Acmewide, [CUSTOMER_1]에서 [CUSTOMER_2], [CUSTOMER_3], [PROJECT_1], [PROJECT_2]전자");
        // strict: a listed term anywhere, inside identifiers too, and every URL
        RedactionRules strict = rules("WORKLOG_REDACT", "strict", "WORKLOG_REDACT_TERMS_FILE", terms.toString());
        assertThat(redact(strict, "Acmewide, acmepay-api, https://github.com/acme/x and docs.oracle.com"))
                .isEqualTo("[TERM_1]wide, [TERM_2]pay-api, [URL_1] and docs.oracle.com");
        assertThat(strict.describe()).startsWith("strict: ").contains("every URL", "6 listed terms (also inside words)");
        assertThat(standard.describe()).startsWith("standard: ").contains("URLs on internal hosts", ".internal", ".lan",
                "6 listed terms from " + terms, "numbers are never replaced");
    }

    @Test
    void configured_domains_ticket_pattern_and_keep_list() {
        RedactionRules r = rules("WORKLOG_REDACT_DOMAINS", "acme.com, *.acme-corp.net",
                "WORKLOG_REDACT_TICKET_PATTERN", "\\bINC\\d{5}\\b", "WORKLOG_REDACT_KEEP", "build.corp,a@x.com");
        assertThat(redact(r, "api.acme.com, https://git.acme-corp.net/x, acme.com.evil.org, INC00042, PAY-1, "
                + "build.corp, a@x.com")).isEqualTo("[HOST_1], [URL_1], acme.com.evil.org, [TICKET_1], PAY-1, "
                        + "build.corp, a@x.com");
        assertThat(r.describe()).contains("acme.com", "acme-corp.net", "never: build.corp, a@x.com");
        assertThat(redact(rules("WORKLOG_REDACT_TICKET_PATTERN", "none"), "PAY-1")).isEqualTo("PAY-1");
    }

    @Test
    void the_configurations_own_secrets_are_replaced_wherever_they_appear() {
        RedactionRules r = RedactionRules.from(WorkLogConfig.of(Map.of("NOTION_API_KEY", "plain-looking-value-42")));
        assertThat(redact(r, "pasted plain-looking-value-42 by mistake")).isEqualTo("pasted [SECRET_1] by mistake");
    }

    @Test
    void off_replaces_nothing() {
        RedactionRules off = rules("WORKLOG_REDACT", "OFF");
        assertThat(off.mode()).isEqualTo(RedactionMode.OFF);
        assertThat(off.describe()).startsWith("off");
    }

    @Test
    void bad_settings_fail_naming_the_variable_and_the_line() throws Exception {
        assertThatThrownBy(() -> rules("WORKLOG_REDACT", "maximum")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("WORKLOG_REDACT must be off, standard or strict, got 'maximum'");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_TERMS_FILE", dir.resolve("missing.txt").toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("WORKLOG_REDACT_TERMS_FILE names").hasMessageContaining("does not exist");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "Acme\n/([unclosed/\n");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_TERMS_FILE", bad.toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("line 2")
                .hasMessageContaining("not a valid regular expression");
        Files.writeString(bad, "/x*/\n");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_TERMS_FILE", bad.toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("matches empty text");
        Files.writeString(bad, "[bad label!]\n");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_TERMS_FILE", bad.toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a label is");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_TICKET_PATTERN", "[A-Z"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_REDACT_TICKET_PATTERN");
        assertThatThrownBy(() -> rules("WORKLOG_REDACT_DOMAINS", "acme.com,not a domain"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WORKLOG_REDACT_DOMAINS");
    }

    @Test
    void a_term_that_is_only_a_number_is_never_replaced() throws Exception {
        Path terms = dir.resolve("terms.txt");
        Files.writeString(terms, "/\\d{3}/\n");
        assertThat(redact(rules("WORKLOG_REDACT_TERMS_FILE", terms.toString()), "p99 820 ms")).isEqualTo("p99 820 ms");
    }

    @Test
    void overlapping_detections_keep_the_one_that_starts_first() {
        assertThat(redact(rules(), "https://wiki.acme.internal/u/jane@acme.internal?t=PAY-1 and ops@build.corp"))
                .isEqualTo("[URL_1] and [EMAIL_1]");
        assertThat(List.of(Detectors.host("https://u:p@h.corp:8443/x"), Detectors.host("http://[::1]:80/"),
                Detectors.host("ssh://build01")))
                .containsExactly("h.corp", "[::1]", "build01");
    }
}
