package dev.worklog.notion.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.TransportException;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.HttpExecutor;
import dev.worklog.internal.http.HttpResult;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin Notion REST client: one method per endpoint we use, pagination done here, every call through core's
 * {@link HttpExecutor} (retry, error mapping, rate limiter hook). Speaks both the data-source API (2025-09-03 and
 * later) and the database API (2022-06-28).
 *
 * <p>Writes that are not safe to repeat take a "did it land?" lookup: after an ambiguous failure (a reset, a
 * timeout, a 5xx) it is asked for what the write made (the page, the blocks) before anything is sent again, and
 * what it finds is the call's answer.
 */
public final class NotionClient {
    /** The version used when none is configured. */
    public static final String DEFAULT_VERSION = "2025-09-03";
    /** The {@code afterId} that inserts before every child; only versions with positions can ({@link #usesPositions}). */
    public static final String START = "start";
    /** Notion's largest page size. */
    public static final int PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(NotionClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(70);
    /** The first version with data sources. */
    private static final String DATA_SOURCE_VERSION = "2025-09-03";
    /**
     * The first version that places appended children with {@code position} rather than {@code after}, and whose
     * pages go to the trash with {@code in_trash} rather than {@code archived}.
     */
    private static final String POSITION_VERSION = "2026-03-11";

    private final URI baseUrl;
    private final String version;
    private final String token;
    private final HttpExecutor http;
    private final Map<String, String> dataSources = new ConcurrentHashMap<>();
    private final AtomicInteger calls;

    /**
     * @param calls counts every attempt (the executor's beforeAttempt hook increments it)
     */
    public NotionClient(URI baseUrl, String version, String token, HttpExecutor http, AtomicInteger calls) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.version = Objects.requireNonNull(version, "version");
        this.token = Objects.requireNonNull(token, "token");
        this.http = Objects.requireNonNull(http, "http");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * The version, stripped.
     *
     * @throws IllegalArgumentException when it is not a date like {@code 2025-09-03}
     */
    public static String checkVersion(String version) {
        if (version == null || !version.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("Notion version must look like 2025-09-03, got '" + version + "'");
        }
        return version.strip();
    }

    /** The Notion-Version sent. */
    public String version() {
        return version;
    }

    /** Whether this version addresses databases through data sources. */
    public boolean usesDataSources() {
        return usesDataSources(version);
    }

    /** Whether a version addresses databases through data sources (dates compare as text). */
    public static boolean usesDataSources(String version) {
        return version.compareTo(DATA_SOURCE_VERSION) >= 0;
    }

    /** Requests sent so far, retries included. */
    public int calls() {
        return calls.get();
    }

    // ---- databases and data sources

    /** GET /v1/databases/{id}. */
    public JsonNode retrieveDatabase(String databaseId) {
        return get("/v1/databases/" + id(databaseId));
    }

    /**
     * The data source to query and create pages under. Resolved once per database: the first data source, which
     * is the only one for databases made for worklog.
     */
    public String dataSourceId(String databaseId) {
        if (!usesDataSources()) {
            return databaseId;
        }
        String cached = dataSources.get(databaseId);
        if (cached != null) {
            return cached;
        }
        JsonNode db = retrieveDatabase(databaseId);
        JsonNode sources = db.path("data_sources");
        if (!sources.isArray() || sources.isEmpty()) {
            throw new NonRetryableException("Notion database " + databaseId + " has no data source; with "
                    + "Notion-Version " + version + " a database needs at least one", null, null);
        }
        if (sources.size() > 1) {
            LOG.warn("Notion database {} has {} data sources; using the first, '{}'", databaseId, sources.size(),
                    sources.get(0).path("name").asText());
        }
        String ds = sources.get(0).path("id").asText();
        dataSources.put(databaseId, ds);
        return ds;
    }

    /** Remembers a database's data source (as a create answered it), so that no lookup is sent for it. */
    public void knowDataSource(String databaseId, String dataSourceId) {
        dataSources.put(databaseId, dataSourceId);
    }

    /** The database's schema: an object with {@code properties}, from the data source or the database. */
    public JsonNode retrieveSchema(String databaseId) {
        if (usesDataSources()) {
            return get("/v1/data_sources/" + id(dataSourceId(databaseId)));
        }
        return retrieveDatabase(databaseId);
    }

    /** One page of a query. */
    public JsonNode query(String databaseId, ObjectNode body) {
        String path = usesDataSources() ? "/v1/data_sources/" + id(dataSourceId(databaseId)) + "/query"
                : "/v1/databases/" + id(databaseId) + "/query";
        return send("POST", path, body, null);
    }

    /** Every row of a query, page after page. */
    public List<JsonNode> queryAll(String databaseId, ObjectNode filter, ArrayNode sorts) {
        Function<String, JsonNode> page = cursor -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (filter != null) {
                body.set("filter", filter);
            }
            if (sorts != null) {
                body.set("sorts", sorts);
            }
            body.put("page_size", PAGE_SIZE);
            if (cursor != null) {
                body.put("start_cursor", cursor);
            }
            return query(databaseId, body);
        };
        return all(page.apply(null), page);
    }

    /** The parent object for a new page in this database. */
    public ObjectNode pageParent(String databaseId) {
        ObjectNode parent = Json.MAPPER.createObjectNode();
        if (usesDataSources()) {
            parent.put("type", "data_source_id");
            parent.put("data_source_id", dataSourceId(databaseId));
        } else {
            parent.put("type", "database_id");
            parent.put("database_id", databaseId);
        }
        return parent;
    }

    // ---- pages

    /** The body of a page create: the parent database, the properties and the first children. */
    public ObjectNode newPage(String databaseId, ObjectNode properties, List<ObjectNode> children) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("parent", pageParent(databaseId));
        body.set("properties", properties);
        ArrayNode array = body.putArray("children");
        children.forEach(array::add);
        return body;
    }

    /** POST /v1/pages; {@code landed} finds the page if an ambiguous failure hid a successful create. */
    public JsonNode createPage(ObjectNode body, Supplier<Optional<JsonNode>> landed) {
        return send("POST", "/v1/pages", body, Objects.requireNonNull(landed, "landed"));
    }

    /** GET /v1/pages/{id}. */
    public JsonNode retrievePage(String pageId) {
        return get("/v1/pages/" + id(pageId));
    }

    /** PATCH /v1/pages/{id}: setting properties is idempotent, so it is retried freely. */
    public JsonNode updatePage(String pageId, ObjectNode body) {
        return send("PATCH", "/v1/pages/" + id(pageId), body, null);
    }

    /** Moves a page to the trash ({@code in_trash} from 2026-03-11, {@code archived} before). */
    public void trashPage(String pageId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put(version.compareTo(POSITION_VERSION) >= 0 ? "in_trash" : "archived", true);
        updatePage(pageId, body);
    }

    /** Every item of a page property, page after page (relations beyond the 25 a page object shows). */
    public List<JsonNode> propertyItems(String pageId, String propertyId) {
        String path = "/v1/pages/" + id(pageId) + "/properties/" + id(propertyId) + "?page_size=" + PAGE_SIZE;
        JsonNode first = get(path);
        if (!"list".equals(first.path("object").asText())) {
            return List.of(first); // a property that is not paginated answers with its one item
        }
        return all(first, cursor -> get(path + "&start_cursor=" + id(cursor)));
    }

    // ---- blocks

    /** Every child of a block or page, page after page, one level. */
    public List<JsonNode> listChildren(String blockId) {
        String path = "/v1/blocks/" + id(blockId) + "/children?page_size=" + PAGE_SIZE;
        return all(get(path), cursor -> get(path + "&start_cursor=" + id(cursor)));
    }

    /** The first child of a block or page, if it has any: one request however long the page is. */
    public Optional<JsonNode> firstChild(String blockId) {
        JsonNode page = get("/v1/blocks/" + id(blockId) + "/children?page_size=1");
        JsonNode first = page.path("results").path(0);
        return first.isMissingNode() ? Optional.empty() : Optional.of(first);
    }

    /**
     * PATCH /v1/blocks/{id}/children inserting right after the sibling {@code afterId} ({@code after} before
     * 2026-03-11, {@code position.after_block} from then on), at the end when it is null, or at the start when it
     * is {@link #START} (2026-03-11 and later only); returns the created first-level blocks, in order.
     *
     * @param landed finds the answer the append would have given ({@code results}: the blocks it made) when an
     *     ambiguous failure may have hidden one that landed
     */
    public List<JsonNode> appendChildren(String blockId, ArrayNode children, String afterId,
            Supplier<Optional<JsonNode>> landed) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("children", children);
        if (START.equals(afterId)) {
            if (!usesPositions()) {
                throw new IllegalStateException("Notion-Version " + version + " cannot insert blocks at the start");
            }
            body.putObject("position").put("type", "start");
        } else if (afterId != null) {
            if (usesPositions()) {
                body.putObject("position").put("type", "after_block").putObject("after_block").put("id", afterId);
            } else {
                body.put("after", afterId);
            }
        }
        JsonNode result = send("PATCH", "/v1/blocks/" + id(blockId) + "/children", body,
                Objects.requireNonNull(landed, "landed"));
        List<JsonNode> out = new ArrayList<>();
        result.path("results").forEach(out::add);
        return out;
    }

    /**
     * PATCH /v1/blocks/{id}: replaces the block's own content (its rich text, checked state, language or cells) in
     * place; the type and the children stay. Idempotent, so it is retried freely.
     */
    public JsonNode updateBlock(String blockId, ObjectNode body) {
        return send("PATCH", "/v1/blocks/" + id(blockId), body, null);
    }

    /** Whether this version places appended blocks with {@code position} (2026-03-11 and later) instead of {@code after}. */
    public boolean usesPositions() {
        return version.compareTo(POSITION_VERSION) >= 0;
    }

    /** DELETE /v1/blocks/{id} (moves it to the trash); a block already gone counts as deleted. */
    public void deleteBlock(String blockId) {
        send("DELETE", "/v1/blocks/" + id(blockId), null, () -> {
            JsonNode block = get("/v1/blocks/" + id(blockId));
            boolean gone = block.path("archived").asBoolean(false) || block.path("in_trash").asBoolean(false);
            return gone ? Optional.of(block) : Optional.empty();
        });
    }

    // ---- plumbing

    private JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    /** One call; {@link DatabaseAdmin} sends its own through here. */
    JsonNode send(String method, String path, JsonNode body, Supplier<Optional<JsonNode>> landed) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Notion-Version", version)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        LOG.debug("notion {} {}", method, path);
        Landed check = landed == null ? null : new Landed(landed);
        HttpResult result = http.execute(b.build(), check);
        if (check != null && check.found != null) {
            return check.found;
        }
        JsonNode parsed = Json.tryParse(result.body());
        if (parsed == null) {
            throw new TransportException("notion " + method + " " + stripQuery(path) + " answered HTTP "
                    + result.status() + " with a body that is not JSON");
        }
        return parsed;
    }

    /**
     * The executor's landed check over a lookup: what the lookup finds is kept as the call's answer, and the
     * executor is told only that the write landed.
     */
    private static final class Landed implements HttpExecutor.LandedCheck {
        private static final HttpResult LANDED = new HttpResult(200, HttpHeaders.of(Map.of(), (a, b) -> true), "");

        private final Supplier<Optional<JsonNode>> lookup;
        private volatile JsonNode found;

        Landed(Supplier<Optional<JsonNode>> lookup) {
            this.lookup = lookup;
        }

        @Override
        public Optional<HttpResult> landed() {
            Optional<JsonNode> answer = lookup.get();
            answer.ifPresent(page -> found = page);
            return answer.map(page -> LANDED);
        }
    }

    /** The results of a paginated answer and of every page after it, fetched by cursor. */
    private static List<JsonNode> all(JsonNode first, Function<String, JsonNode> next) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("results").forEach(out::add);
            String cursor = page.path("has_more").asBoolean(false) ? textOrNull(page.path("next_cursor")) : null;
            if (cursor == null) {
                return out;
            }
            page = next.apply(cursor);
        }
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /**
     * A path segment. Notion's property ids come already percent-encoded ({@code %3A%3Cb}), so '%' is kept as is;
     * anything else outside the unreserved set is encoded.
     */
    static String id(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~%".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? null : node.asText();
    }
}
