package dev.worklog.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.WorkLogger;
import dev.worklog.internal.Json;
import dev.worklog.testing.JsonSchemaSubset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** Every export of a packet: markdown, self-contained HTML, JSON Resume (against the published schema), JSON. */
class ReviewExportTest {
    @TempDir
    static Path dir;
    static ReviewPacket packet;

    @BeforeAll
    static void makePacket() {
        try (WorkLogger logger = ReviewFixtures.offline(dir)) {
            ReviewFixtures.seedQuarter(logger);
            packet = logger.review(ReviewFixtures.Q4, ReviewOptions.defaults().withSave(true)).packet();
        }
        assertThat(packet.achievements()).hasSizeGreaterThan(1);
    }

    @Test
    void markdown_has_every_section_and_a_link_to_every_cited_log_and_ticket() {
        String md = ReviewExport.render(packet, ReviewFormat.parse("md"));
        assertThat(md).startsWith("# Review 2026-Q4 (2026-10-01 ~ 2026-12-31)\n")
                .contains("## Summary", "## Top achievements", "## Statistics", "## Gaps: weeks without any log",
                        "- 2026-W44 (2026-10-26 ~ 2026-11-01)", "- 2026-W48 (2026-11-23 ~ 2026-11-29)",
                        "| Logs | 19 | 3 | +16 |");
        for (ReviewAchievement a : packet.achievements()) {
            assertThat(md).contains("#### " + a.rank() + ". " + a.achievement().title(), "### " + a.theme());
            for (ReviewSource log : a.logs()) {
                assertThat(md).contains("](<" + log.url() + ">)");
            }
            a.tickets().forEach(t -> assertThat(md).contains("](<" + t + ">)"));
        }
        assertThat(ReviewExport.markdown(ReviewExport.fromJson(ReviewExport.json(packet)))).isEqualTo(md);
    }

    @Test
    void markdown_closes_a_code_fence_the_model_left_open_so_the_sections_after_it_stay_markdown() {
        for (String narrative : List.of("Shipped the cache:\n```java\ncache.put(k, v);", "~~~~\nraw", "``` \n````",
                "a\n```\nclosed\n```\nb")) {
            ReviewPacket p = new ReviewPacket(packet.id(), packet.url(), packet.period(), packet.title(),
                    packet.language(), narrative, packet.achievements(), packet.stats(), packet.previousPeriod(),
                    packet.previousStats(), packet.gaps(), packet.sourceMonthIds(), packet.generation(),
                    packet.warnings());
            String md = ReviewExport.markdown(p);
            String[] lines = md.split("\n");
            boolean inCode = false;
            char fenceChar = 0;
            int fenceLength = 0;
            for (String line : lines) {
                String t = line.strip();
                int n = 0;
                while (n < t.length() && (t.charAt(n) == '`' || t.charAt(n) == '~') && t.charAt(n) == t.charAt(0)) {
                    n++;
                }
                if (n >= 3 && !inCode) {
                    inCode = true;
                    fenceChar = t.charAt(0);
                    fenceLength = n;
                } else if (n >= 3 && inCode && t.charAt(0) == fenceChar && n >= fenceLength && n == t.length()) {
                    inCode = false;
                }
                if (line.startsWith("## ")) {
                    assertThat(inCode).as("heading %s after narrative %s", line, narrative).isFalse();
                }
            }
            assertThat(inCode).as("a fence left open by %s", narrative).isFalse();
            assertThat(md).contains(narrative.strip());
        }
    }

    @Test
    void html_is_one_self_contained_file_whose_citations_are_links_to_the_logs_tickets_and_rollups() throws Exception {
        String html = ReviewExport.render(packet, ReviewFormat.HTML);
        Document doc = parse(html);

        // nothing is loaded from elsewhere: no script, no external style sheet, frame, image or font
        for (String tag : List.of("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source",
                "base", "form")) {
            assertThat(doc.getElementsByTagName(tag).getLength()).as(tag).isZero();
        }
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attrs = all.item(i).getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                String name = attrs.item(j).getNodeName();
                assertThat(name).as("attribute on " + all.item(i).getNodeName()).isNotIn("src", "srcset", "style")
                        .doesNotStartWith("on");
            }
        }
        String style = doc.getElementsByTagName("style").item(0).getTextContent();
        assertThat(style).doesNotContain("url(", "@import", "@font-face").contains("@media print");

        // every citation is a link: each evidence log to its file, each ticket, each roll-up
        Set<String> hrefs = new HashSet<>();
        List<String> logLinks = new ArrayList<>();
        NodeList anchors = doc.getElementsByTagName("a");
        for (int i = 0; i < anchors.getLength(); i++) {
            Element a = (Element) anchors.item(i);
            hrefs.add(a.getAttribute("href"));
            if (a.getAttribute("class").equals("log")) {
                logLinks.add(a.getAttribute("href"));
            }
        }
        int cited = 0;
        for (ReviewAchievement a : packet.achievements()) {
            Element article = doc.getElementById("achievement-" + a.rank());
            assertThat(article).as("achievement " + a.rank()).isNotNull();
            for (ReviewSource log : a.logs()) {
                assertThat(log.url()).startsWith("file:");
                assertThat(hrefs).contains(log.url());
                assertThat(Path.of(java.net.URI.create(log.url()))).exists();
                cited++;
            }
            a.tickets().forEach(t -> assertThat(hrefs).contains(t));
            a.rollups().forEach(r -> assertThat(hrefs).contains(r.url()));
            assertThat(article.getTextContent()).contains(a.achievement().situation().strip(),
                    a.achievement().result().strip());
        }
        assertThat(logLinks).hasSize(cited);
        // links go only to the sources: local files of the store and the tickets
        assertThat(hrefs).allSatisfy(h -> assertThat(h).matches("file:.*|https://jira\\.example\\.com/browse/SRV-\\d+"));
        assertThat(doc.getDocumentElement().getAttribute("lang")).isEqualTo("en");
    }

    @Test
    void html_escapes_what_the_user_wrote() throws Exception {
        ReviewPacket hostile = new ReviewPacket(null, null, packet.period(), "<script>alert(1)</script> & \"q\"",
                "ko", "a < b & <img src=x onerror=alert(1)>", packet.achievements(), packet.stats(),
                packet.previousPeriod(), packet.previousStats(), packet.gaps(), packet.sourceMonthIds(),
                packet.generation(), List.of("warning \u0001 with a control character"));
        Document doc = parse(ReviewExport.html(hostile));
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(doc.getElementsByTagName("h1").item(0).getTextContent())
                .isEqualTo("<script>alert(1)</script> & \"q\"");
        assertThat(doc.getDocumentElement().getAttribute("lang")).isEqualTo("ko");
        assertThat(doc.getElementsByTagName("h2").item(0).getTextContent()).isEqualTo("요약");
    }

    @Test
    void json_resume_without_a_document_is_valid_against_the_published_schema() throws Exception {
        String resume = ReviewExport.render(packet, ReviewFormat.JSON_RESUME);
        JsonNode doc = Json.MAPPER.readTree(resume);
        assertThat(JsonSchemaSubset.jsonResume().validate(doc)).isEmpty();
        assertThat(doc.get("$schema").asText()).endsWith("/v1.0.0/schema.json");
        assertThat(doc.get("work")).hasSize(1);
        JsonNode role = doc.get("work").get(0);
        assertThat(role.get("startDate").asText()).isEqualTo("2026-10-01");
        assertThat(role.get("endDate").asText()).isEqualTo("2026-12-31");
        assertThat(role.get("highlights")).hasSize(packet.achievements().size());
        assertThat(role.get("highlights").get(0).asText()).startsWith(packet.achievements().get(0).achievement().title());
    }

    @Test
    void json_resume_adds_each_achievement_to_the_role_it_falls_in_and_keeps_the_rest_of_the_document() throws Exception {
        // a job change on 2026-11-15: the achievements before go to the first role, the later ones to the second
        String base = """
                {"basics":{"name":"Kim","email":"kim@example.com","url":"https://kim.example.com"},
                 "work":[{"name":"Acme","position":"Engineer","startDate":"2023-03","endDate":"2026-11-14",
                          "highlights":["Kept from before"]},
                         {"name":"Globex","position":"Senior Engineer","startDate":"2026-11-15"}],
                 "skills":[{"name":"Backend","keywords":["Java"]}]}
                """;
        String resume = ReviewExport.render(packet, ReviewFormat.JSON_RESUME, JsonResumeBase.parse(base));
        JsonNode doc = Json.MAPPER.readTree(resume);
        assertThat(JsonSchemaSubset.jsonResume().validate(doc)).isEmpty();
        assertThat(doc.at("/basics/name").asText()).isEqualTo("Kim");
        assertThat(doc.at("/skills/0/keywords/0").asText()).isEqualTo("Java");
        JsonNode work = doc.get("work");
        long before = packet.achievements().stream().filter(a -> a.lastDay().isBefore(java.time.LocalDate.of(2026, 11, 15)))
                .count();
        assertThat(work).hasSize(2);
        assertThat(work.get(0).get("highlights")).hasSize(1 + (int) before);
        assertThat(work.get(0).get("highlights").get(0).asText()).isEqualTo("Kept from before");
        assertThat(work.get(1).path("highlights").size()).isEqualTo(packet.achievements().size() - (int) before);
        assertThat(JsonResumeBase.parse(base).roles()).isEqualTo(2);

        assertThatThrownBy(() -> JsonResumeBase.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> JsonResumeBase.parse("{\"work\":[{\"startDate\":\"March 2024\"}]}"))
                .hasMessageContaining("work[0].startDate must be YYYY-MM-DD");
    }

    @Test
    void the_schema_validator_rejects_what_the_schema_forbids() throws Exception {
        // the validator is a test tool: it must be able to fail
        ObjectNode bad = (ObjectNode) Json.MAPPER.readTree("""
                {"work":[{"startDate":"2026/10/01","highlights":[3],"url":"not a uri"}],
                 "basics":{"email":"nobody"},"unknown":true}
                """);
        assertThat(JsonSchemaSubset.jsonResume().validate(bad)).containsExactlyInAnyOrder(
                "$.work[0].startDate: '2026/10/01' does not match "
                        + "^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$",
                "$.work[0].highlights[0]: expected string, got NUMBER",
                "$.work[0].url: 'not a uri' is not a URI",
                "$.basics.email: 'nobody' is not an email address",
                "$: unexpected property 'unknown'");
    }

    @Test
    void our_json_round_trips_every_packet_of_generated_stores() {
        for (long seed = 1; seed <= 4; seed++) {
            Path store = dir.resolve("random-" + seed);
            ReviewPeriod period = seed % 2 == 0 ? ReviewPeriod.parse("2026-H2") : ReviewPeriod.parse("2026-09~2026-12");
            try (WorkLogger logger = ReviewFixtures.offline(store)) {
                ReviewFixtures.seedRandom(logger, period, seed);
                ReviewResult r = logger.review(period, ReviewOptions.defaults().withLanguage(seed % 3 == 0 ? "ko" : "en"));
                ReviewPacket p = r.packet();
                assertThat(p).as("seed " + seed).isNotNull();
                String json = ReviewExport.json(p);
                assertThat(ReviewExport.fromJson(json)).as("seed " + seed).isEqualTo(p);
                assertThat(JsonSchemaSubset.jsonResume().validate(Json.tryParse(ReviewExport.jsonResume(p,
                        JsonResumeBase.none())))).as("seed " + seed).isEmpty();
                assertThat(p.achievements()).hasSizeLessThanOrEqualTo(ReviewPacket.MAX_ACHIEVEMENTS);
                assertThat(p.stats().logs()).isEqualTo(p.stats().byCategory().values().stream()
                        .mapToInt(Integer::intValue).sum());
            }
        }
        assertThatThrownBy(() -> ReviewExport.fromJson("{\"period\":\"2026-Q4\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        // ids are ids only when declared; mark them so getElementById works
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                e.setIdAttribute("id", true);
            }
        }
        return doc;
    }
}
