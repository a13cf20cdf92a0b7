package dev.worklog.notion.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Notion refuses; otherwise tests against it would prove nothing. */
class FakeNotionServerTest {
    private FakeNotionServer fake;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fake = FakeNotionServer.start(0, "secret_x", java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> send(String method, String path, String version, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fake.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (version != null) {
            b.header("Notion-Version", version);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createPage(String children) throws Exception {
        String body = "{\"parent\":{\"database_id\":\"" + FakeNotionServer.DB1 + "\"},\"properties\":{\"Name\":{"
                + "\"title\":[{\"type\":\"text\",\"text\":{\"content\":\"t\"}}]}},\"children\":" + children + "}";
        HttpResponse<String> r = send("POST", "/v1/pages", "2022-06-28", "secret_x", body);
        return r.statusCode() + " " + r.body();
    }

    private static String paragraphs(int n, String text) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":"
                    + "\"text\",\"text\":{\"content\":\"").append(text).append("\"}}]}}");
        }
        return sb.append(']').toString();
    }

    @Test
    void enforcesRequestLimits() throws Exception {
        assertThat(createPage(paragraphs(100, "ok"))).startsWith("200");
        assertThat(createPage(paragraphs(101, "x"))).startsWith("400").contains("should be ≤ 100, instead was 101");
        assertThat(createPage(paragraphs(1, "가".repeat(2001)))).startsWith("400")
                .contains("text.content.length should be ≤ 2000, instead was 2001");
        String deep = "[{\"type\":\"bulleted_list_item\",\"bulleted_list_item\":{\"rich_text\":[],\"children\":["
                + "{\"type\":\"bulleted_list_item\",\"bulleted_list_item\":{\"rich_text\":[],\"children\":"
                + paragraphs(1, "third level") + "}}]}}]";
        assertThat(createPage(deep)).startsWith("400").contains("children should be not present");
        String item = "{\"type\":\"text\",\"text\":{\"content\":\"a\"}},";
        String many = "[{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":["
                + item.repeat(101).replaceAll(",$", "") + "]}}]";
        assertThat(createPage(many)).startsWith("400").contains("rich_text.length should be ≤ 100");
        assertThat(createPage("[{\"type\":\"code\",\"code\":{\"rich_text\":[],\"language\":\"klingon\"}}]"))
                .startsWith("400").contains("language");
    }

    @Test
    void paginatesAndCapsPageSize() throws Exception {
        for (int i = 0; i < 3; i++) {
            createPage("[]");
        }
        String path = "/v1/databases/" + FakeNotionServer.DB1 + "/query";
        assertThat(send("POST", path, "2022-06-28", "secret_x", "{\"page_size\":101}").statusCode()).isEqualTo(400);
        JsonNode first = Json.tryParse(send("POST", path, "2022-06-28", "secret_x", "{\"page_size\":2}").body());
        assertThat(first.path("results").size()).isEqualTo(2);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode second = Json.tryParse(send("POST", path, "2022-06-28", "secret_x",
                "{\"page_size\":2,\"start_cursor\":\"" + first.path("next_cursor").asText() + "\"}").body());
        assertThat(second.path("results").size()).isEqualTo(1);
        assertThat(second.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void requiresVersionAndTokenAndSeparatesTheTwoApis() throws Exception {
        String db = "/v1/databases/" + FakeNotionServer.DB1;
        assertThat(send("GET", db, null, "secret_x", null).body()).contains("missing_version");
        assertThat(send("GET", db, "2025-09-03", "wrong", null).statusCode()).isEqualTo(401);
        JsonNode v2 = Json.tryParse(send("GET", db, "2025-09-03", "secret_x", null).body());
        assertThat(v2.has("properties")).isFalse();
        String ds = v2.path("data_sources").get(0).path("id").asText();
        assertThat(send("POST", "/v1/data_sources/" + ds + "/query", "2025-09-03", "secret_x", "{}").statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/v1/data_sources/" + ds + "/query", "2022-06-28", "secret_x", "{}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", db + "/query", "2025-09-03", "secret_x", "{}").statusCode()).isEqualTo(400);
        JsonNode v1 = Json.tryParse(send("GET", db, "2022-06-28", "secret_x", null).body());
        assertThat(v1.path("properties").has("Logged Date")).isTrue();
    }

    @Test
    void rateLimitsWithRetryAfter() throws Exception {
        fake.rateLimit(1, 2);
        String db = "/v1/databases/" + FakeNotionServer.DB1;
        send("GET", db, "2025-09-03", "secret_x", null);
        send("GET", db, "2025-09-03", "secret_x", null);
        HttpResponse<String> third = send("GET", db, "2025-09-03", "secret_x", null);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("retry-after")).hasValue("1");
        assertThat(third.body()).contains("rate_limited");
        assertThat(fake.rateLimitedCount()).isEqualTo(1);
        assertThat(URI.create(fake.baseUrl().toString()).getHost()).isEqualTo("127.0.0.1");
    }
}
