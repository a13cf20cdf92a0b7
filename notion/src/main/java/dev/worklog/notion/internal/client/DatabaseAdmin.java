package dev.worklog.notion.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.internal.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls that make and change databases, for setup and repair, on both API versions: from 2025-09-03 a database is
 * created with {@code initial_data_source.properties} and its schema changed through its data source; before, the
 * properties sit on the database itself. Every call goes through the {@link NotionClient} (limiter, retries, breaker).
 */
public final class DatabaseAdmin {
    private final NotionClient client;

    /** Calls through this client. */
    public DatabaseAdmin(NotionClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The client the calls go through. */
    public NotionClient client() {
        return client;
    }

    /** GET /v1/users/me: the integration the token belongs to. Costs nothing and changes nothing. */
    public JsonNode me() {
        return client.send("GET", "/v1/users/me", null, null);
    }

    /**
     * POST /v1/databases: a full-page database under the page, titled {@code title}, with these properties. The
     * answer's id is the database's; from 2025-09-03 its first data source is remembered from the answer.
     *
     * @param landed finds the database if an ambiguous failure hid a create that landed (its answer then stands in
     *     for Notion's: at least the database's {@code id})
     */
    public JsonNode createDatabase(String parentPageId, String title, ObjectNode properties,
            Supplier<Optional<JsonNode>> landed) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("parent").put("type", "page_id").put("page_id", parentPageId);
        body.putArray("title").addObject().put("type", "text").putObject("text").put("content", title);
        if (client.usesDataSources()) {
            body.putObject("initial_data_source").set("properties", properties);
        } else {
            body.set("properties", properties);
        }
        JsonNode created = client.send("POST", "/v1/databases", body, Objects.requireNonNull(landed, "landed"));
        JsonNode source = created.path("data_sources").path(0).path("id");
        if (client.usesDataSources() && source.isTextual()) {
            client.knowDataSource(created.path("id").asText(), source.asText());
        }
        return created;
    }

    /**
     * Changes a database's schema: PATCH of its data source (2025-09-03 and later) or of the database (before). Each
     * entry of {@code properties} adds a property or replaces a property's configuration; the call is idempotent
     * (the same configuration twice is the same schema), so it is retried freely.
     */
    public JsonNode updateProperties(String databaseId, ObjectNode properties) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("properties", properties);
        String path = client.usesDataSources() ? "/v1/data_sources/" + NotionClient.id(client.dataSourceId(databaseId))
                : "/v1/databases/" + NotionClient.id(databaseId);
        return client.send("PATCH", path, body, null);
    }
}
