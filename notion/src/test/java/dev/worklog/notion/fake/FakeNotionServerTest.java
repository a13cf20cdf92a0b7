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

    private String status(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }

    @Test
    void createsDatabasesOnlyUnderASharedPageAndOnlyInTheVersionsShape() throws Exception {
        String page = fake.addPage("Career");
        String props = "{\"Name\":{\"title\":{}},\"Kind\":{\"select\":{\"options\":[{\"name\":\"a\","
                + "\"color\":\"blue\"}]}}}";
        String v2 = "{\"parent\":{\"type\":\"page_id\",\"page_id\":\"" + page + "\"},\"title\":[{\"text\":"
                + "{\"content\":\"T\"}}],\"initial_data_source\":{\"properties\":" + props + "}}";
        String v1 = "{\"parent\":{\"type\":\"page_id\",\"page_id\":\"" + page + "\"},\"title\":[{\"text\":"
                + "{\"content\":\"T\"}}],\"properties\":" + props + "}";
        assertThat(status(send("POST", "/v1/databases", "2025-09-03", "secret_x", v1))).startsWith("400")
                .contains("initial_data_source");
        assertThat(status(send("POST", "/v1/databases", "2022-06-28", "secret_x", v2))).startsWith("400")
                .contains("2025-09-03");
        assertThat(status(send("POST", "/v1/databases", "2025-09-03", "secret_x",
                v2.replace(page, "0123456789abcdef0123456789abcdef")))).startsWith("404").contains("shared");
        assertThat(status(send("POST", "/v1/databases", "2025-09-03", "secret_x",
                v2.replace("\"Name\":{\"title\":{}},", "")))).startsWith("400").contains("exactly one title");
        assertThat(status(send("POST", "/v1/databases", "2025-09-03", "secret_x",
                v2.replace("\"name\":\"a\"", "\"name\":\"a,b\"")))).startsWith("400").contains("commas");
        assertThat(status(send("POST", "/v1/databases", "2025-09-03", "secret_x",
                v2.replace("\"select\":{", "\"status\":{")))).startsWith("400").contains("status");
        assertThat(fake.databasesUnder(page)).isEmpty();

        JsonNode made = Json.tryParse(send("POST", "/v1/databases", "2025-09-03", "secret_x", v2).body());
        String id = made.path("id").asText();
        String source = made.path("data_sources").get(0).path("id").asText();
        assertThat(source).isNotEqualTo(id);
        assertThat(fake.databasesUnder(page)).containsExactly(id);
        JsonNode children = Json.tryParse(send("GET", "/v1/blocks/" + page + "/children", "2025-09-03", "secret_x",
                null).body());
        assertThat(children.path("results").get(0).path("type").asText()).isEqualTo("child_database");
        assertThat(children.path("results").get(0).path("id").asText()).isEqualTo(id);
        assertThat(children.path("results").get(0).path("child_database").path("title").asText()).isEqualTo("T");

        // a relation names a data source from 2025-09-03, a database before
        String byDatabase = "{\"properties\":{\"Rel\":{\"relation\":{\"database_id\":\"" + id + "\",\"type\":"
                + "\"dual_property\",\"dual_property\":{\"synced_property_name\":\"Back\"}}}}}";
        assertThat(status(send("PATCH", "/v1/data_sources/" + source, "2025-09-03", "secret_x", byDatabase)))
                .startsWith("400").contains("data_source_id should be defined");
        assertThat(status(send("PATCH", "/v1/databases/" + id, "2025-09-03", "secret_x", byDatabase)))
                .startsWith("400").contains("update the data source");
        assertThat(status(send("PATCH", "/v1/databases/" + id, "2022-06-28", "secret_x", byDatabase)))
                .startsWith("200");
        assertThat(fake.schema(id).path("Back").path("relation").path("dual_property").path("synced_property_name")
                .asText()).isEqualTo("Rel");
    }

    @Test
    void selectOptionsLeftOutOfAnUpdateAreRemovedAndExistingOnesCannotBeRenamed() throws Exception {
        String db = "/v1/databases/" + FakeNotionServer.DB1;
        JsonNode category = fake.schema(FakeNotionServer.DB1).path("Category");
        String firstId = category.path("select").path("options").get(0).path("id").asText();
        assertThat(status(send("PATCH", db, "2022-06-28", "secret_x", "{\"properties\":{\"Category\":{\"select\":"
                + "{\"options\":[{\"id\":\"" + firstId + "\",\"name\":\"renamed\"}]}}}}"))).startsWith("400")
                .contains("cannot be changed");
        assertThat(fake.schema(FakeNotionServer.DB1).path("Category").path("select").path("options").size())
                .isEqualTo(7);
        assertThat(status(send("PATCH", db, "2022-06-28", "secret_x", "{\"properties\":{\"Category\":{\"select\":"
                + "{\"options\":[{\"id\":\"" + firstId + "\"},{\"name\":\"new\",\"color\":\"red\"}]}}}}")))
                .startsWith("200");
        JsonNode options = fake.schema(FakeNotionServer.DB1).path("Category").path("select").path("options");
        assertThat(options.size()).as("the six options left out are gone, as Notion documents").isEqualTo(2);
        assertThat(options.get(0).path("id").asText()).isEqualTo(firstId);
        assertThat(options.get(1).path("name").asText()).isEqualTo("new");
    }

    @Test
    void answersWhoTheTokenBelongsTo() throws Exception {
        JsonNode me = Json.tryParse(send("GET", "/v1/users/me", "2025-09-03", "secret_x", null).body());
        assertThat(me.path("type").asText()).isEqualTo("bot");
        assertThat(send("GET", "/v1/users/me", "2025-09-03", "wrong", null).statusCode()).isEqualTo(401);
    }
}
