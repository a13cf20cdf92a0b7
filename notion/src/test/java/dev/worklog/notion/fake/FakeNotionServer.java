package dev.worklog.notion.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.worklog.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fake Notion API holding pages, blocks and three databases in memory, listening on 127.0.0.1 only. It enforces
 * the documented request limits the way Notion does (400 {@code validation_error}): 2000 characters per text object,
 * 100 rich-text items, 100 children per array, two levels of nesting per request, 1000 blocks and 500 KB per
 * request, {@code page_size} at most 100 with cursor pagination, at most 100 relation values per request, and
 * relations shown 25 at a time in page objects. It speaks 2022-06-28 (database endpoints) and 2025-09-03 and later
 * (data sources), requires {@code Notion-Version} and the bearer token, and can rate-limit (429 with
 * {@code Retry-After}).
 *
 * <p>Tests can inject faults: {@link #failNext} answers the next matching requests with a given status,
 * {@link #resetAfterProcessing} processes a request and then drops the connection without answering,
 * {@link #startOutage} / {@link #outageFor} answer every request with a 5xx, and {@link #holdNext} keeps a request
 * (applied or not) without an answer until released, so that a test can kill the client process meanwhile.
 *
 * <p>It also creates and changes databases as Notion documents it ({@link FakeSchemas}): {@code POST /v1/databases}
 * under a page shared with the integration ({@link #addPage}), with {@code initial_data_source.properties} from
 * 2025-09-03 and {@code properties} before; {@code PATCH /v1/data_sources/{id}} (2025-09-03 and later) and
 * {@code PATCH /v1/databases/{id}} (before) add properties and select options (existing options left out of a
 * select's list are removed, as Notion does), and turn a one-way relation two-way. {@link #startEmpty} starts a
 * workspace without databases.
 *
 * <p>Standalone: {@code java -cp ... dev.worklog.notion.fake.FakeNotionServer [port] [--rate 3] [--burst 10]
 * [--token secret] [--empty]} prints {@code NOTION_BASE_URL=...} and the three database ids (with {@code --empty}:
 * no databases, and the URL of a page to create them under), then serves until killed.
 */
public final class FakeNotionServer implements AutoCloseable {
    /** Daily Work Logs database id. */
    public static final String DB1 = "11111111-1111-4111-8111-111111111111";
    /** Weekly Achievements database id. */
    public static final String DB2 = "22222222-2222-4222-8222-222222222222";
    /** Monthly Highlights database id. */
    public static final String DB3 = "33333333-3333-4333-8333-333333333333";
    /** Versions understood. */
    public static final Set<String> VERSIONS = Set.of("2022-06-28", "2025-09-03", "2026-03-11");

    static final Set<String> LANGUAGES = Set.of("abap", "arduino", "bash", "basic", "c", "clojure", "coffeescript",
            "c++", "c#", "css", "dart", "diff", "docker", "elixir", "elm", "erlang", "flow", "fortran", "f#",
            "gherkin", "glsl", "go", "graphql", "groovy", "haskell", "html", "java", "javascript", "json", "julia",
            "kotlin", "latex", "less", "lisp", "livescript", "lua", "makefile", "markdown", "markup", "matlab",
            "mermaid", "nix", "objective-c", "ocaml", "pascal", "perl", "php", "plain text", "powershell", "prolog",
            "protobuf", "python", "r", "reason", "ruby", "rust", "sass", "scala", "scheme", "scss", "shell", "sql",
            "swift", "typescript", "vb.net", "verilog", "vhdl", "visual basic", "webassembly", "xml", "yaml",
            "java/c/c++/c#");
    static final Set<String> TEXT_BLOCKS = Set.of("paragraph", "heading_1", "heading_2", "heading_3",
            "bulleted_list_item", "numbered_list_item", "to_do", "quote", "toggle", "callout", "code");
    static final Set<String> PARENT_BLOCKS = Set.of("paragraph", "bulleted_list_item", "numbered_list_item", "to_do",
            "quote", "toggle", "callout", "table");

    static {
        // the JDK server writes headers and body separately; without this, Nagle's algorithm adds 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final String token;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, Db> databases = new LinkedHashMap<>();
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final Map<String, Block> blocks = new HashMap<>();
    private final Map<String, WorkspacePage> workspacePages = new LinkedHashMap<>();
    private final FakeSchemas schemas = new FakeSchemas(this);
    private final List<Link> links = new ArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Hold> holds = new ArrayList<>();
    private final AtomicInteger outageAnswered = new AtomicInteger();
    private int outageStatus;
    private int outageRemaining;
    private double rate;
    private double burst;
    private double bucket;
    private long bucketAt;

    /** A request as received. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        /** The body as JSON, or null. */
        public JsonNode json() {
            return Json.tryParse(body);
        }
    }

    private record Fault(String method, String pathPrefix, int status, Map<String, String> headers, String body,
            boolean resetAfter, int[] remaining, int[] skip) {
    }

    /** A database and its one data source; package-private for {@link FakeSchemas}. */
    static final class Db {
        final String id;
        final String dataSourceId;
        final String title;
        final ObjectNode properties = Json.MAPPER.createObjectNode();
        /** The page it was created under, or null for the three databases the fake starts with. */
        String parentPageId;
        /** Properties made so far, for their ids (never reused, also after a property is removed). */
        int propertiesMade;

        Db(String id, String dataSourceId, String title) {
            this.id = id;
            this.dataSourceId = dataSourceId;
            this.title = title;
        }
    }

    private static final class Page {
        final String id;
        final Db db;
        final Instant created;
        final int seq;
        final Map<String, JsonNode> values = new LinkedHashMap<>();
        final List<String> children = new ArrayList<>();
        boolean archived;
        Instant edited;

        Page(String id, Db db, Instant created, int seq) {
            this.id = id;
            this.db = db;
            this.created = created;
            this.edited = created;
            this.seq = seq;
        }
    }

    /**
     * A page outside any database: one shared with the integration (the parent {@code worklog setup notion} creates
     * databases under; {@code parentId} null), or a page created under such a page ({@code POST /v1/pages} with a
     * {@code page_id} parent), which its parent lists as a {@code child_page} block of the same id.
     */
    private record WorkspacePage(String id, String title, List<String> children, String parentId) {
    }

    private static final class Block {
        final String id;
        final String parentId;
        final boolean parentIsPage;
        final ObjectNode json;
        final List<String> children = new ArrayList<>();
        final Instant created;
        boolean archived;

        Block(String id, String parentId, boolean parentIsPage, ObjectNode json, Instant created) {
            this.id = id;
            this.parentId = parentId;
            this.parentIsPage = parentIsPage;
            this.json = json;
            this.created = created;
        }
    }

    /** One side of a two-way relation link: page {@code from} (forward side) links to page {@code to}. */
    private record Link(String relation, String from, String to) {
    }

    static final class NotionError extends RuntimeException {
        final int status;
        final String code;

        NotionError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private FakeNotionServer(int port, String token, Clock clock, boolean withDatabases) throws IOException {
        this.token = token;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-notion");
            t.setDaemon(true);
            return t;
        }));
        if (withDatabases) {
            setUpDatabases();
        }
        server.start();
    }

    /** Starts on a free port; accepts any bearer token. */
    public static FakeNotionServer start() {
        return start(0, null, Clock.systemUTC());
    }

    /**
     * Starts a server.
     *
     * @param port 0 for a free one
     * @param token the only bearer token accepted, or null for any
     * @param clock stamps created_time (Notion rounds it to the minute)
     */
    public static FakeNotionServer start(int port, String token, Clock clock) {
        return start(port, token, clock, true);
    }

    /**
     * Starts a fresh workspace: no database at all, as for a new user before {@code worklog setup notion}; add the
     * page to create them under with {@link #addPage}.
     *
     * @param port 0 for a free one
     * @param token the only bearer token accepted, or null for any
     * @param clock stamps created_time (Notion rounds it to the minute)
     */
    public static FakeNotionServer startEmpty(int port, String token, Clock clock) {
        return start(port, token, clock, false);
    }

    private static FakeNotionServer start(int port, String token, Clock clock, boolean withDatabases) {
        try {
            return new FakeNotionServer(port, token, clock, withDatabases);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Notion server: " + e.getMessage(), e);
        }
    }

    /** Runs the server until the process is killed. */
    public static void main(String[] args) throws Exception {
        int port = 0;
        String token = null;
        double rate = 0;
        int burst = 10;
        boolean empty = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate":
                    rate = Double.parseDouble(args[++i]);
                    break;
                case "--burst":
                    burst = Integer.parseInt(args[++i]);
                    break;
                case "--token":
                    token = args[++i];
                    break;
                case "--empty":
                    empty = true;
                    break;
                default:
                    port = Integer.parseInt(args[i]);
            }
        }
        FakeNotionServer fake = start(port, token, Clock.systemUTC(), !empty);
        if (rate > 0) {
            fake.rateLimit(rate, burst);
        }
        System.out.println("NOTION_BASE_URL=" + fake.baseUrl());
        if (empty) {
            System.out.println("PARENT_PAGE_URL=" + fake.pageUrl(fake.addPage("Work log")));
        } else {
            System.out.println("NOTION_DB1_ID=" + DB1);
            System.out.println("NOTION_DB2_ID=" + DB2);
            System.out.println("NOTION_DB3_ID=" + DB3);
        }
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The address to use as NOTION_BASE_URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Enforces a token bucket like Notion's: {@code perSecond} on average, {@code burst} at once. */
    public void rateLimit(double perSecond, int burstSize) {
        synchronized (lock) {
            this.rate = perSecond;
            this.burst = burstSize;
            this.bucket = burstSize;
            this.bucketAt = System.nanoTime();
        }
    }

    /** Answers the next {@code times} requests matching method and path prefix with this response. */
    public void failNext(String method, String pathPrefix, int times, int status, Map<String, String> headers,
            String body) {
        synchronized (lock) {
            faults.add(new Fault(method, pathPrefix, status, Map.copyOf(headers), body, false, new int[] {times},
                    new int[] {0}));
        }
    }

    /** Lets {@code skip} matching requests through, then answers the next one with this status and JSON body. */
    public void failAfter(String method, String pathPrefix, int skip, int status, String body) {
        synchronized (lock) {
            faults.add(new Fault(method, pathPrefix, status, Map.of("content-type", "application/json"), body, false,
                    new int[] {1}, new int[] {skip}));
        }
    }

    /** Processes the next matching request, then closes the connection without an answer. */
    public void resetAfterProcessing(String method, String pathPrefix) {
        synchronized (lock) {
            faults.add(new Fault(method, pathPrefix, 0, Map.of(), "", true, new int[] {1}, new int[] {0}));
        }
    }

    /**
     * A full outage: every request from now on is answered {@code status} with nothing processed, until
     * {@link #endOutage()}.
     */
    public void startOutage(int status) {
        synchronized (lock) {
            outageStatus = status;
            outageRemaining = Integer.MAX_VALUE;
        }
    }

    /** The next {@code requests} requests, of any kind, are answered {@code status} with nothing processed. */
    public void outageFor(int requests, int status) {
        synchronized (lock) {
            outageStatus = status;
            outageRemaining = requests;
        }
    }

    /** Ends an outage. */
    public void endOutage() {
        synchronized (lock) {
            outageRemaining = 0;
        }
    }

    /** Requests answered by an outage so far. */
    public int outageAnswered() {
        return outageAnswered.get();
    }

    /**
     * Holds the next request matching method and path prefix: it is processed first when {@code applyFirst} (the
     * write lands), or not at all; either way no answer is sent until {@link HeldRequest#release()}, which then drops
     * the connection. Crash tests kill the client process while a request is held.
     */
    public HeldRequest holdNext(String method, String pathPrefix, boolean applyFirst) {
        Hold h = new Hold(method, pathPrefix, applyFirst, new java.util.concurrent.CountDownLatch(1),
                new java.util.concurrent.CountDownLatch(1));
        synchronized (lock) {
            holds.add(h);
        }
        return new HeldRequest(h);
    }

    /** A request held by {@link #holdNext}. */
    public static final class HeldRequest {
        private final Hold hold;

        private HeldRequest(Hold hold) {
            this.hold = hold;
        }

        /** Waits until the request arrived (and, when applied first, was processed). */
        public boolean awaitArrived(long seconds) throws InterruptedException {
            return hold.arrived().await(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        /** Lets the held request end: its connection is dropped without an answer. */
        public void release() {
            hold.release().countDown();
        }
    }

    private record Hold(String method, String pathPrefix, boolean apply, java.util.concurrent.CountDownLatch arrived,
            java.util.concurrent.CountDownLatch release) {
        void park(HttpExchange ex) {
            arrived.countDown();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        }
    }

    private Hold takeHold(String method, String path) {
        synchronized (lock) {
            for (java.util.Iterator<Hold> it = holds.iterator(); it.hasNext(); ) {
                Hold h = it.next();
                if (h.method().equals(method) && path.startsWith(h.pathPrefix())) {
                    it.remove();
                    return h;
                }
            }
            return null;
        }
    }

    private boolean inOutage(HttpExchange ex) throws IOException {
        int status;
        synchronized (lock) {
            if (outageRemaining <= 0) {
                return false;
            }
            outageRemaining--;
            status = outageStatus;
        }
        outageAnswered.incrementAndGet();
        send(ex, status, Map.of("content-type", "application/json"), "{\"object\":\"error\",\"status\":" + status
                + ",\"code\":\"service_unavailable\",\"message\":\"Notion is unavailable (fake outage).\"}");
        return true;
    }

    /** Every request received, in order. */
    public List<Recorded> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** Requests matching a method and a path prefix. */
    public long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requests.clear();
    }

    /** How many requests were refused with 429 by the rate limit. */
    public int rateLimitedCount() {
        return rateLimited.get();
    }

    /** Live pages of a database. */
    public List<String> pageIds(String databaseId) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (Page p : pages.values()) {
                if (p.db.id.equals(databaseId) && !p.archived) {
                    out.add(p.id);
                }
            }
            return out;
        }
    }

    /** The page as the API shows it. */
    public JsonNode page(String id) {
        synchronized (lock) {
            return pageJson(pages.get(id));
        }
    }

    /** Every id the relation property of a page holds (not cut at 25). */
    public List<String> relation(String pageId, String property) {
        synchronized (lock) {
            Page p = pages.get(pageId);
            return relationValue(p, property);
        }
    }

    /** Live top-level children of a page or block, as the API lists them. */
    public List<JsonNode> children(String id) {
        synchronized (lock) {
            List<JsonNode> out = new ArrayList<>();
            for (String c : childIds(id)) {
                Block b = blocks.get(c);
                if (!b.archived) {
                    out.add(blockJson(b));
                }
            }
            return out;
        }
    }

    /**
     * Creates a page as another client would (the original Python system, a person in Notion), limits checked as
     * for {@code POST /v1/pages}; returns the page.
     */
    public JsonNode insertPage(String databaseId, JsonNode properties, List<? extends JsonNode> children) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("parent").put("database_id", databaseId);
        body.set("properties", properties);
        ArrayNode kids = body.putArray("children");
        children.forEach(kids::add);
        synchronized (lock) {
            return createPage(body, false);
        }
    }

    /** Changes a block as a person editing the page would ({@code PATCH /v1/blocks/{id}}). */
    public void editBlock(String blockId, JsonNode body) {
        synchronized (lock) {
            updateBlock(block(blockId), body);
        }
    }

    /** The live tree under a page or block: children nested at {@code block[type].children}. */
    public List<JsonNode> tree(String id) {
        synchronized (lock) {
            List<JsonNode> out = new ArrayList<>();
            for (String c : childIds(id)) {
                Block b = blocks.get(c);
                if (!b.archived) {
                    ObjectNode json = (ObjectNode) blockJson(b);
                    List<JsonNode> kids = tree(b.id);
                    if (!kids.isEmpty()) {
                        ArrayNode arr = ((ObjectNode) json.get(json.path("type").asText())).putArray("children");
                        kids.forEach(arr::add);
                    }
                    out.add(json);
                }
            }
            return out;
        }
    }

    /** Removes a property from a database's schema, e.g. to test the schema check. */
    public void removeProperty(String databaseId, String name) {
        synchronized (lock) {
            databases.get(databaseId).properties.remove(name);
        }
    }

    /** Adds a rich-text property to a database's schema (as a person, or {@code setup --repair}, would). */
    public void addTextProperty(String databaseId, String name) {
        synchronized (lock) {
            prop(databases.get(databaseId), name, "rich_text");
        }
    }

    /** Changes the type of a property, e.g. to test the schema check. */
    public void changeType(String databaseId, String name, String type) {
        synchronized (lock) {
            ObjectNode p = (ObjectNode) databases.get(databaseId).properties.get(name);
            p.remove(p.path("type").asText());
            p.put("type", type);
            p.putObject(type);
        }
    }

    /** Points a relation property's schema at another database, e.g. to test the schema check. */
    public void retargetRelation(String databaseId, String property, String targetDatabaseId) {
        synchronized (lock) {
            ObjectNode r = (ObjectNode) databases.get(databaseId).properties.get(property).get("relation");
            Db target = databases.get(targetDatabaseId);
            r.put("database_id", target.id);
            r.put("data_source_id", target.dataSourceId);
        }
    }

    /** Removes a select option. */
    public void removeOption(String databaseId, String property, String option) {
        synchronized (lock) {
            JsonNode p = databases.get(databaseId).properties.get(property);
            ArrayNode options = (ArrayNode) p.path(p.path("type").asText()).path("options");
            for (int i = options.size() - 1; i >= 0; i--) {
                if (options.get(i).path("name").asText().equals(option)) {
                    options.remove(i);
                }
            }
        }
    }

    /**
     * Adds a page outside any database, shared with the integration (as a new user does before running
     * {@code worklog setup notion}); returns its id.
     */
    public String addPage(String title) {
        synchronized (lock) {
            String id = UUID.randomUUID().toString();
            workspacePages.put(id, new WorkspacePage(id, title, new ArrayList<>(), null));
            return id;
        }
    }

    /** The page's URL as Notion's share link spells it: its title, a dash and the id without dashes. */
    public String pageUrl(String pageId) {
        synchronized (lock) {
            WorkspacePage page = workspacePages.get(pageId);
            String slug = page == null ? "" : page.title().replaceAll("[^A-Za-z0-9]+", "-") + "-";
            return "https://www.notion.so/" + slug + pageId.replace("-", "") + "?pvs=4";
        }
    }

    /**
     * Puts databases on a page, as if they had been made there (the fake starts with them in no page): their
     * {@code parent} then names the page, which lists each as a {@code child_database} block.
     */
    public void placeUnder(String pageId, String... databaseIds) {
        synchronized (lock) {
            for (String id : databaseIds) {
                Db db = db(id);
                db.parentPageId = pageId;
                addChildDatabase(pageId, db);
            }
        }
    }

    /** The pages created under a page ({@code child_page} blocks), by title, in order. */
    public Map<String, String> childPages(String pageId) {
        synchronized (lock) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String c : workspacePages.get(pageId).children()) {
                WorkspacePage child = workspacePages.get(c);
                if (child != null && !blocks.get(c).archived) {
                    out.put(child.title(), c);
                }
            }
            return out;
        }
    }

    /** Databases created under a page, in order. */
    public List<String> databasesUnder(String pageId) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (Db db : databases.values()) {
                if (pageId.equals(db.parentPageId)) {
                    out.add(db.id);
                }
            }
            return out;
        }
    }

    /** A database's title. */
    public String title(String databaseId) {
        synchronized (lock) {
            return databases.get(databaseId).title;
        }
    }

    /** A database's properties as the API shows them (a copy). */
    public JsonNode schema(String databaseId) {
        synchronized (lock) {
            return publicProperties(databases.get(databaseId));
        }
    }

    /**
     * Makes a two-way relation one-way, as databases built by hand often are: the synced property leaves the
     * related database; the links stay on this side.
     */
    public void makeOneWay(String databaseId, String property) {
        synchronized (lock) {
            schemas.makeOneWay(databases.get(databaseId), property);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---------------------------------------------------------------- schema

    private void setUpDatabases() {
        Db daily = addDb(DB1, "Daily Work Logs");
        prop(daily, "Name", "title");
        prop(daily, "Logged Date", "date");
        select(daily, "Category", "select", "신규기능", "성능개선", "버그픽스", "리팩토링", "문서화", "장애대응", "기타");
        select(daily, "Impact Level", "select", "High", "Medium", "Low");
        select(daily, "Tech Stack", "multi_select");
        select(daily, "Status", "select", "Logged", "In Review", "Published");
        prop(daily, "Metrics", "rich_text");
        prop(daily, "Ticket URL", "url");
        prop(daily, "Entry ID", "rich_text"); // what `worklog setup notion` creates; removeProperty for older ones
        Db weekly = addDb(DB2, "Weekly Achievements");
        prop(weekly, "Title", "title");
        prop(weekly, "Period Start", "date");
        prop(weekly, "Period End", "date");
        prop(weekly, "Key Highlights", "rich_text");
        prop(weekly, "Generated At", "date");
        Db monthly = addDb(DB3, "Monthly Highlights");
        prop(monthly, "Title", "title");
        prop(monthly, "Year-Month", "date");
        prop(monthly, "Generated At", "date");
        prop(monthly, "Stats", "rich_text");
        dual(weekly, "Source Logs", daily, "Weekly Achievements");
        dual(monthly, "Source Weeks", weekly, "Monthly Highlights");
    }

    private Db addDb(String id, String title) {
        return addDb(id, id.substring(0, 8).replace('1', 'a').replace('2', 'b').replace('3', 'c') + id.substring(8),
                title);
    }

    /** A new database (no properties yet) with its data source; package-private for {@link FakeSchemas}. */
    Db addDb(String id, String dataSourceId, String title) {
        Db db = new Db(id, dataSourceId, title);
        databases.put(id, db);
        return db;
    }

    ObjectNode prop(Db db, String name, String type) {
        ObjectNode p = db.properties.putObject(name);
        p.put("id", "%3A" + Integer.toHexString(0x100 + ++db.propertiesMade) + "%7B"
                + (db.title.isEmpty() ? "x" : db.title.substring(0, 1)));
        p.put("name", name);
        p.put("type", type);
        p.putObject(type);
        return p;
    }

    private void select(Db db, String name, String type, String... options) {
        ArrayNode arr = ((ObjectNode) prop(db, name, type).get(type)).putArray("options");
        for (String o : options) {
            arr.addObject().put("id", UUID.randomUUID().toString().substring(0, 4)).put("name", o)
                    .put("color", "default");
        }
    }

    private void dual(Db from, String name, Db to, String syncedName) {
        ObjectNode forward = prop(from, name, "relation");
        ObjectNode reverse = prop(to, syncedName, "relation");
        fillRelation(forward, to, "dual_property", syncedName, reverse.get("id").asText(), name);
        fillRelation(reverse, from, "dual_property", name, forward.get("id").asText(), name);
        forward.put("x_side", "forward");
        reverse.put("x_side", "reverse");
    }

    static void fillRelation(ObjectNode p, Db target, String type, String synced, String syncedId,
            String key) {
        ObjectNode r = (ObjectNode) p.get("relation");
        r.put("database_id", target.id);
        r.put("data_source_id", target.dataSourceId);
        r.put("type", type);
        ObjectNode d = r.putObject("dual_property");
        d.put("synced_property_name", synced);
        d.put("synced_property_id", syncedId);
        p.put("x_relation", key);
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        byte[] bodyBytes;
        try (InputStream in = ex.getRequestBody()) {
            bodyBytes = in.readAllBytes();
        }
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        requests.add(new Recorded(method, rawPath + (query == null ? "" : "?" + query), headers, body));
        if (inOutage(ex)) {
            return;
        }
        Hold hold = takeHold(method, rawPath);
        if (hold != null && !hold.apply()) {
            hold.park(ex);
            return;
        }
        Fault fault = takeFault(method, rawPath);
        if (fault != null && !fault.resetAfter()) {
            send(ex, fault.status(), fault.headers(), fault.body());
            return;
        }
        int status;
        JsonNode response;
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        String requestId = UUID.randomUUID().toString();
        extraHeaders.put("x-notion-request-id", requestId);
        try {
            checkHeaders(headers);
            checkRate(extraHeaders);
            if (bodyBytes.length > 500 * 1024) {
                throw invalid("Request body too large: " + bodyBytes.length + " bytes, the limit is 500KB.");
            }
            JsonNode json = body.isEmpty() ? Json.MAPPER.createObjectNode() : Json.tryParse(body);
            if (json == null) {
                throw new NotionError(400, "invalid_json", "Error parsing JSON body.");
            }
            synchronized (lock) {
                response = route(method, rawPath, params(query), json, headers.get("notion-version"));
            }
            status = 200;
        } catch (NotionError e) {
            status = e.status;
            ObjectNode err = Json.MAPPER.createObjectNode();
            err.put("object", "error");
            err.put("status", e.status);
            err.put("code", e.code);
            err.put("message", e.getMessage());
            err.put("request_id", requestId);
            if (e.status == 429) {
                err.putObject("additional_data").put("rate_limit_reason", "integration_rate_limit");
            }
            response = err;
        }
        if (fault != null) {
            ex.close();
            return;
        }
        if (hold != null) {
            hold.park(ex); // applied; the answer is never sent
            return;
        }
        extraHeaders.put("content-type", "application/json");
        send(ex, status, extraHeaders, Json.write(response));
    }

    private Fault takeFault(String method, String path) {
        synchronized (lock) {
            for (Fault f : faults) {
                if (f.remaining()[0] > 0 && f.method().equals(method) && path.startsWith(f.pathPrefix())) {
                    if (f.skip()[0] > 0) {
                        f.skip()[0]--;
                        continue;
                    }
                    f.remaining()[0]--;
                    return f;
                }
            }
            return null;
        }
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private void checkHeaders(Map<String, String> headers) {
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.startsWith("Bearer ") || auth.length() <= 7 || token != null && !auth.equals("Bearer " + token)) {
            throw new NotionError(401, "unauthorized", "API token is invalid.");
        }
        String version = headers.get("notion-version");
        if (version == null) {
            throw new NotionError(400, "missing_version", "Notion-Version header failed validation: "
                    + "Notion-Version header should be defined, instead was `undefined`.");
        }
        if (!VERSIONS.contains(version)) {
            throw invalid("Notion-Version header failed validation: `" + version + "` is not a supported version.");
        }
    }

    private void checkRate(Map<String, String> headers) {
        synchronized (lock) {
            if (rate <= 0) {
                return;
            }
            long now = System.nanoTime();
            bucket = Math.min(burst, bucket + (now - bucketAt) / 1e9 * rate);
            bucketAt = now;
            if (bucket >= 1) {
                bucket -= 1;
                return;
            }
            rateLimited.incrementAndGet();
            headers.put("Retry-After", String.valueOf((int) Math.ceil((1 - bucket) / rate)));
            throw new NotionError(429, "rate_limited", "You have been rate limited. Please try again in a few "
                    + "minutes.");
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null) {
            return out;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private JsonNode route(String method, String path, Map<String, String> params, JsonNode body, String version) {
        String[] seg = path.substring(1).split("/");
        boolean dataSources = version.compareTo("2025-09-03") >= 0;
        if (seg.length == 2 && path.equals("/v1/pages") && method.equals("POST")) {
            return createPage(body, dataSources);
        }
        if (seg.length == 2 && path.equals("/v1/databases") && method.equals("POST")) {
            return schemas.createDatabase(body, dataSources);
        }
        if (seg.length < 3 || !seg[0].equals("v1")) {
            throw new NotionError(400, "invalid_request_url", "Invalid request URL.");
        }
        String id = decode(seg[2]);
        switch (seg[1] + (seg.length > 3 ? "/" + seg[3] : "") + ":" + method) {
            case "databases:GET":
                return databaseJson(db(id), dataSources);
            case "databases:PATCH":
                if (dataSources && body.has("properties")) {
                    throw invalid("body.properties should be not present: from Notion-Version 2025-09-03 a "
                            + "database's properties belong to its data source; update the data source instead.");
                }
                schemas.updateProperties(db(id), body.path("properties"), false);
                return databaseJson(db(id), false);
            case "data_sources:PATCH":
                requireDataSources(dataSources);
                schemas.updateProperties(dataSource(id), body.path("properties"), true);
                return dataSourceJson(dataSource(id));
            case "users:GET":
                if (!id.equals("me")) {
                    throw notFound("user", id);
                }
                return botUser();
            case "databases/query:POST":
                if (dataSources) {
                    throw new NotionError(400, "invalid_request_url", "Database query is not supported in version "
                            + version + "; use the data source query endpoint.");
                }
                return query(db(id), body);
            case "data_sources:GET":
                requireDataSources(dataSources);
                return dataSourceJson(dataSource(id));
            case "data_sources/query:POST":
                requireDataSources(dataSources);
                return query(dataSource(id), body);
            case "pages:POST":
                return createPage(body, dataSources);
            case "pages:GET":
                return workspacePages.containsKey(id) ? workspacePageJson(workspacePages.get(id))
                        : pageJson(livePage(id));
            case "pages:PATCH":
                return workspacePages.containsKey(id) ? updateWorkspacePage(workspacePages.get(id), body)
                        : updatePage(livePage(id), body);
            case "pages/properties:GET":
                return propertyItems(livePage(id), seg.length > 4 ? seg[4] : "", params);
            case "blocks:GET":
                return blockJson(block(id));
            case "blocks:DELETE":
                return deleteBlock(block(id));
            case "blocks:PATCH":
                return updateBlock(block(id), body);
            case "blocks/children:GET":
                return listChildren(id, params);
            case "blocks/children:PATCH":
                return append(id, body, version);
            default:
                throw new NotionError(400, "invalid_request_url", "Invalid request URL.");
        }
    }

    private static void requireDataSources(boolean dataSources) {
        if (!dataSources) {
            throw new NotionError(400, "invalid_request_url", "Data source endpoints need Notion-Version "
                    + "2025-09-03 or later.");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    Db db(String id) {
        Db db = databases.get(id);
        if (db == null) {
            throw notFound("database", id);
        }
        return db;
    }

    Db dataSource(String id) {
        for (Db db : databases.values()) {
            if (db.dataSourceId.equals(id)) {
                return db;
            }
        }
        throw notFound("data source", id);
    }

    private Page livePage(String id) {
        Page p = pages.get(id);
        if (p == null) {
            throw notFound("page", id);
        }
        return p;
    }

    private Block block(String id) {
        Block b = blocks.get(id);
        if (b == null) {
            Page p = pages.get(id);
            if (p != null) {
                throw invalid("Block " + id + " is a page; use the pages endpoints.");
            }
            throw notFound("block", id);
        }
        return b;
    }

    static NotionError notFound(String what, String id) {
        return new NotionError(404, "object_not_found", "Could not find " + what + " with ID: " + id
                + ". Make sure the relevant pages and databases are shared with your integration.");
    }

    static NotionError invalid(String message) {
        return new NotionError(400, "validation_error", message);
    }

    // ---------------------------------------------------------------- databases

    JsonNode databaseJson(Db db, boolean dataSources) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "database");
        o.put("id", db.id);
        if (db.parentPageId != null) {
            o.putObject("parent").put("type", "page_id").put("page_id", db.parentPageId);
        }
        o.putArray("title").add(textResponse(plainTextObject(db.title)));
        if (dataSources) {
            o.putArray("data_sources").addObject().put("id", db.dataSourceId).put("name", db.title);
        } else {
            o.set("properties", publicProperties(db));
        }
        return o;
    }

    private JsonNode dataSourceJson(Db db) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "data_source");
        o.put("id", db.dataSourceId);
        o.putObject("parent").put("type", "database_id").put("database_id", db.id);
        o.set("properties", publicProperties(db));
        return o;
    }

    /** Every database, for {@link FakeSchemas}. */
    Iterable<Db> allDatabases() {
        return databases.values();
    }

    /** Whether a page outside any database exists (and so is shared with the integration). */
    boolean isWorkspacePage(String id) {
        return workspacePages.containsKey(id);
    }

    /** Puts a new database on a page, as Notion shows it: a {@code child_database} block whose id is the database's. */
    void addChildDatabase(String pageId, Db db) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", "child_database");
        json.putObject("child_database").put("title", db.title);
        blocks.put(db.id, new Block(db.id, pageId, true, json, clock.instant().truncatedTo(ChronoUnit.MINUTES)));
        workspacePages.get(pageId).children().add(db.id);
    }

    private JsonNode workspacePageJson(WorkspacePage page) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "page");
        o.put("id", page.id());
        if (page.parentId() == null) {
            o.putObject("parent").put("type", "workspace").put("workspace", true);
        } else {
            o.putObject("parent").put("type", "page_id").put("page_id", page.parentId());
        }
        o.put("archived", false);
        o.put("in_trash", false);
        o.put("url", "https://www.notion.so/" + page.id().replace("-", ""));
        ObjectNode title = o.putObject("properties").putObject("title");
        title.put("id", "title");
        title.put("type", "title");
        title.putArray("title").add(textResponse(plainTextObject(page.title())));
        return o;
    }

    private static JsonNode botUser() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "user");
        o.put("id", "b0b0b0b0-0000-4000-8000-000000000000");
        o.put("type", "bot");
        o.put("name", "worklog (fake)");
        ObjectNode bot = o.putObject("bot");
        bot.putObject("owner").put("type", "workspace").put("workspace", true);
        bot.put("workspace_name", "Fake workspace");
        return o;
    }

    static ObjectNode publicProperties(Db db) {
        ObjectNode props = db.properties.deepCopy();
        props.forEach(p -> {
            ((ObjectNode) p).remove("x_side");
            ((ObjectNode) p).remove("x_relation");
        });
        return props;
    }

    private JsonNode query(Db db, JsonNode body) {
        int pageSize = pageSize(body.path("page_size"));
        List<Page> rows = new ArrayList<>();
        for (Page p : pages.values()) {
            if (p.db == db && !p.archived && (body.path("filter").isMissingNode() || matches(p, body.get("filter")))) {
                rows.add(p);
            }
        }
        Comparator<Page> order = Comparator.comparingInt(p -> 0);
        for (JsonNode sort : body.path("sorts")) {
            Comparator<Page> c;
            if (sort.has("timestamp")) {
                c = Comparator.comparing((Page p) -> p.created).thenComparingInt(p -> p.seq);
            } else {
                String name = sort.path("property").asText();
                requireProperty(db, name);
                c = Comparator.comparing((Page p) -> sortKey(p, name));
            }
            order = order.thenComparing("descending".equals(sort.path("direction").asText()) ? c.reversed() : c);
        }
        rows.sort(order.thenComparingInt(p -> p.seq));
        return list(rows, body.path("start_cursor").asText(null), pageSize, this::pageJson);
    }

    private int pageSize(JsonNode node) {
        int size = node.isMissingNode() || node.isNull() ? 100 : node.asInt();
        if (size > 100 || size < 1) {
            throw invalid("body.page_size should be ≤ 100, instead was " + size + ".");
        }
        return size;
    }

    private <T> JsonNode list(List<T> items, String cursor, int pageSize, java.util.function.Function<T, JsonNode> f) {
        int from = 0;
        if (cursor != null) {
            if (!cursor.startsWith("cursor-")) {
                throw invalid("start_cursor is not a valid cursor.");
            }
            from = Integer.parseInt(cursor.substring(7));
        }
        int to = Math.min(items.size(), from + pageSize);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "list");
        ArrayNode results = o.putArray("results");
        for (int i = from; i < to; i++) {
            results.add(f.apply(items.get(i)));
        }
        boolean more = to < items.size();
        o.put("has_more", more);
        if (more) {
            o.put("next_cursor", "cursor-" + to);
        } else {
            o.putNull("next_cursor");
        }
        return o;
    }

    private String sortKey(Page p, String name) {
        JsonNode v = p.values.get(name);
        if (v == null) {
            return "";
        }
        if (v.has("date")) {
            return v.path("date").path("start").asText("");
        }
        return plain(v.path(v.fieldNames().next()));
    }

    private void requireProperty(Db db, String name) {
        if (!db.properties.has(name)) {
            throw invalid("Could not find property with name or id: " + name);
        }
    }

    private boolean matches(Page p, JsonNode f) {
        if (f.has("and")) {
            for (JsonNode c : f.get("and")) {
                if (!matches(p, c)) {
                    return false;
                }
            }
            return true;
        }
        if (f.has("or")) {
            for (JsonNode c : f.get("or")) {
                if (matches(p, c)) {
                    return true;
                }
            }
            return false;
        }
        if (f.has("timestamp")) {
            JsonNode cond = f.path(f.get("timestamp").asText());
            return compareInstant(p.created, cond);
        }
        String name = f.path("property").asText();
        requireProperty(p.db, name);
        String type = p.db.properties.get(name).path("type").asText();
        JsonNode value = p.values.get(name);
        if (f.has("date")) {
            String start = value == null ? "" : value.path("date").path("start").asText("");
            return compareDate(start.length() >= 10 ? start.substring(0, 10) : "", f.get("date"));
        }
        if (f.has("select")) {
            String v = value == null || value.path("select").isNull() ? "" : value.path("select").path("name").asText();
            JsonNode cond = f.get("select");
            if (cond.has("equals")) {
                return v.equals(cond.get("equals").asText());
            }
            if (cond.has("does_not_equal")) {
                return !v.equals(cond.get("does_not_equal").asText());
            }
            return cond.has("is_empty") == v.isEmpty();
        }
        if (f.has("title") || f.has("rich_text")) {
            JsonNode cond = f.has("title") ? f.get("title") : f.get("rich_text");
            String v = value == null ? "" : plain(value.path(type));
            if (cond.has("equals")) {
                return v.equals(cond.get("equals").asText());
            }
            if (cond.has("contains")) {
                return v.contains(cond.get("contains").asText());
            }
            if (cond.has("is_empty")) {
                return v.isEmpty();
            }
            if (cond.has("is_not_empty")) {
                return !v.isEmpty();
            }
            return true;
        }
        throw invalid("Unsupported filter in the fake: " + f);
    }

    private static boolean compareDate(String v, JsonNode cond) {
        if (v.isEmpty()) {
            return cond.has("is_empty");
        }
        LocalDate d = LocalDate.parse(v);
        String op = cond.fieldNames().next();
        LocalDate x = LocalDate.parse(cond.get(op).asText().substring(0, 10));
        switch (op) {
            case "equals":
                return d.equals(x);
            case "on_or_after":
                return !d.isBefore(x);
            case "on_or_before":
                return !d.isAfter(x);
            case "after":
                return d.isAfter(x);
            case "before":
                return d.isBefore(x);
            default:
                throw invalid("Unsupported date filter " + op);
        }
    }

    private static boolean compareInstant(Instant v, JsonNode cond) {
        String op = cond.fieldNames().next();
        Instant x = Instant.parse(cond.get(op).asText());
        switch (op) {
            case "on_or_after":
                return !v.isBefore(x);
            case "on_or_before":
                return !v.isAfter(x);
            case "after":
                return v.isAfter(x);
            case "before":
                return v.isBefore(x);
            default:
                return v.equals(x);
        }
    }

    // ---------------------------------------------------------------- pages

    private JsonNode createPage(JsonNode body, boolean dataSources) {
        JsonNode parent = body.path("parent");
        Db db;
        if (parent.has("page_id")) {
            return createChildPage(parent.get("page_id").asText(), body);
        }
        if (parent.has("data_source_id")) {
            if (!dataSources) {
                throw invalid("body.parent.data_source_id is not supported in this Notion-Version.");
            }
            db = dataSource(parent.get("data_source_id").asText());
        } else if (parent.has("database_id")) {
            db = db(parent.get("database_id").asText());
        } else {
            throw invalid("body.parent should be a page, a database or a data source.");
        }
        Page page = new Page(UUID.randomUUID().toString(), db,
                clock.instant().truncatedTo(ChronoUnit.MINUTES), sequence.incrementAndGet());
        List<Runnable> relationWrites = new ArrayList<>();
        setProperties(page, body.path("properties"), relationWrites);
        List<String> created = validateAndCreate(body.path("children"), page.id, true, "body.children");
        pages.put(page.id, page);
        relationWrites.forEach(Runnable::run);
        page.children.addAll(created);
        return pageJson(page);
    }

    /**
     * A page under a page: as in Notion, {@code title} is its only property; it gets the children it is created with
     * (the same limits as any create) and shows in its parent as a {@code child_page} block with its title.
     */
    private JsonNode createChildPage(String parentId, JsonNode body) {
        if (pages.containsKey(parentId)) {
            throw invalid("The fake creates pages under pages outside databases only (Notion also allows a database "
                    + "page as the parent).");
        }
        if (!workspacePages.containsKey(parentId)) {
            throw notFound("page", parentId);
        }
        String title = childPageTitle(body.path("properties"));
        String id = UUID.randomUUID().toString();
        List<String> created = validateAndCreate(body.path("children"), id, true, "body.children");
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", "child_page");
        json.putObject("child_page").put("title", title);
        Block block = new Block(id, parentId, true, json, clock.instant().truncatedTo(ChronoUnit.MINUTES));
        block.children.addAll(created);
        blocks.put(id, block);
        // the page and its block share one list of children, as in Notion they are one object
        workspacePages.put(id, new WorkspacePage(id, title, block.children, parentId));
        workspacePages.get(parentId).children().add(id);
        return workspacePageJson(workspacePages.get(id));
    }

    /** Renames a page that is not in a database: {@code title} is the only property such a page has. */
    private JsonNode updateWorkspacePage(WorkspacePage page, JsonNode body) {
        String title = childPageTitle(body.path("properties"));
        workspacePages.put(page.id(), new WorkspacePage(page.id(), title, page.children(), page.parentId()));
        Block block = blocks.get(page.id());
        if (block != null) {
            ((ObjectNode) block.json.get("child_page")).put("title", title);
        }
        return workspacePageJson(workspacePages.get(page.id()));
    }

    private String childPageTitle(JsonNode props) {
        List<String> names = new ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        if (names.size() != 1 || !props.get(names.get(0)).has("title")) {
            throw invalid("body.properties of a page whose parent is a page may only hold its title, instead was "
                    + names + ".");
        }
        checkRichText(props.get(names.get(0)).get("title"), "body.properties.title.title");
        return plain(props.get(names.get(0)).get("title"));
    }

    private JsonNode updatePage(Page page, JsonNode body) {
        page.edited = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Runnable> relationWrites = new ArrayList<>();
        setProperties(page, body.path("properties"), relationWrites);
        relationWrites.forEach(Runnable::run);
        if (body.has("archived")) {
            page.archived = body.get("archived").asBoolean();
        }
        if (body.has("in_trash")) {
            page.archived = body.get("in_trash").asBoolean();
        }
        return pageJson(page);
    }

    private void setProperties(Page page, JsonNode props, List<Runnable> relationWrites) {
        props.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode schema = page.db.properties.get(name);
            if (schema == null) {
                throw invalid(name + " is not a property that exists.");
            }
            String type = schema.path("type").asText();
            JsonNode value = e.getValue();
            if (!value.has(type)) {
                throw invalid(name + " is expected to be " + type + ".");
            }
            String where = "body.properties." + name + "." + type;
            switch (type) {
                case "title":
                case "rich_text":
                    checkRichText(value.get(type), where);
                    break;
                case "select": {
                    JsonNode s = value.get("select");
                    if (!s.isNull()) {
                        addOption(schema, s.path("name").asText(), where);
                    }
                    break;
                }
                case "multi_select":
                    if (value.get(type).size() > 100) {
                        throw invalid(where + ".length should be ≤ 100, instead was " + value.get(type).size() + ".");
                    }
                    value.get(type).forEach(o -> addOption(schema, o.path("name").asText(), where));
                    break;
                case "date": {
                    JsonNode d = value.get("date");
                    if (!d.isNull()) {
                        String start = d.path("start").asText("");
                        if (!start.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
                            throw invalid(where + ".start should be a valid ISO 8601 date string, instead was `"
                                    + start + "`.");
                        }
                    }
                    break;
                }
                case "url":
                    if (!value.get("url").isNull() && value.get("url").asText().length() > 2000) {
                        throw invalid(where + ".length should be ≤ 2000.");
                    }
                    break;
                case "relation": {
                    JsonNode arr = value.get("relation");
                    if (arr.size() > 100) {
                        throw invalid(where + ".length should be ≤ 100, instead was " + arr.size() + ".");
                    }
                    List<String> ids = new ArrayList<>();
                    for (JsonNode r : arr) {
                        String id = r.path("id").asText();
                        if (!pages.containsKey(id)) {
                            throw invalid("Could not find page with ID: " + id + ".");
                        }
                        ids.add(id);
                    }
                    relationWrites.add(() -> writeRelation(page, schema, ids));
                    return;
                }
                default:
                    break;
            }
            page.values.put(name, value.deepCopy());
        });
    }

    private void addOption(JsonNode schema, String option, String where) {
        if (option.contains(",")) {
            throw invalid(where + ".name should not contain commas.");
        }
        if (option.length() > 100) {
            throw invalid(where + ".name.length should be ≤ 100.");
        }
        ArrayNode options = (ArrayNode) schema.path(schema.path("type").asText()).withArray("options");
        for (JsonNode o : options) {
            if (o.path("name").asText().equals(option)) {
                return;
            }
        }
        options.addObject().put("id", UUID.randomUUID().toString().substring(0, 4)).put("name", option)
                .put("color", "default");
    }

    private void writeRelation(Page page, JsonNode schema, List<String> ids) {
        String key = schema.path("x_relation").asText();
        boolean forward = "forward".equals(schema.path("x_side").asText());
        links.removeIf(l -> l.relation().equals(key) && (forward ? l.from() : l.to()).equals(page.id));
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            links.add(forward ? new Link(key, page.id, id) : new Link(key, id, page.id));
        }
    }

    private List<String> relationValue(Page page, String name) {
        JsonNode schema = page.db.properties.get(name);
        String key = schema.path("x_relation").asText();
        boolean forward = "forward".equals(schema.path("x_side").asText());
        List<String> out = new ArrayList<>();
        for (Link l : links) {
            if (l.relation().equals(key) && (forward ? l.from() : l.to()).equals(page.id)) {
                String other = forward ? l.to() : l.from();
                Page o = pages.get(other);
                if (o != null && !o.archived) {
                    out.add(other);
                }
            }
        }
        return out;
    }

    private JsonNode pageJson(Page page) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "page");
        o.put("id", page.id);
        o.put("created_time", page.created.toString());
        o.put("last_edited_time", page.edited.toString());
        o.put("archived", page.archived);
        o.put("in_trash", page.archived);
        ObjectNode parent = o.putObject("parent");
        parent.put("type", "database_id").put("database_id", page.db.id);
        o.put("url", "https://www.notion.so/" + page.id.replace("-", ""));
        ObjectNode props = o.putObject("properties");
        page.db.properties.properties().forEach(e -> {
            String name = e.getKey();
            String type = e.getValue().path("type").asText();
            ObjectNode p = props.putObject(name);
            p.put("id", e.getValue().path("id").asText());
            p.put("type", type);
            JsonNode v = page.values.get(name);
            switch (type) {
                case "title":
                case "rich_text": {
                    ArrayNode arr = p.putArray(type);
                    if (v != null) {
                        v.get(type).forEach(rt -> arr.add(textResponse(rt)));
                    }
                    break;
                }
                case "relation": {
                    List<String> ids = relationValue(page, name);
                    ArrayNode arr = p.putArray("relation");
                    ids.stream().limit(25).forEach(id -> arr.addObject().put("id", id));
                    p.put("has_more", ids.size() > 25);
                    break;
                }
                case "multi_select":
                    p.set(type, v == null ? Json.MAPPER.createArrayNode() : v.get(type));
                    break;
                default:
                    p.set(type, v == null ? Json.MAPPER.nullNode() : v.get(type));
            }
        });
        return o;
    }

    private JsonNode propertyItems(Page page, String rawPropertyId, Map<String, String> params) {
        String name = null;
        for (Map.Entry<String, JsonNode> e : page.db.properties.properties()) {
            String id = e.getValue().path("id").asText();
            if (id.equals(rawPropertyId) || id.equals(decode(rawPropertyId))) {
                name = e.getKey();
            }
        }
        if (name == null) {
            throw notFound("property", rawPropertyId);
        }
        String type = page.db.properties.get(name).path("type").asText();
        String propertyId = page.db.properties.get(name).path("id").asText();
        if (!type.equals("relation")) {
            ObjectNode item = Json.MAPPER.createObjectNode();
            item.put("object", "property_item");
            item.put("id", propertyId);
            item.put("type", type);
            item.set(type, pageJson(page).path("properties").path(name).path(type));
            return item;
        }
        List<String> ids = relationValue(page, name);
        ObjectNode out = (ObjectNode) list(ids, params.get("start_cursor"),
                pageSize(params.containsKey("page_size") ? Json.MAPPER.getNodeFactory()
                        .numberNode(Integer.parseInt(params.get("page_size"))) : Json.MAPPER.missingNode()),
                id -> {
                    ObjectNode item = Json.MAPPER.createObjectNode();
                    item.put("object", "property_item");
                    item.put("id", propertyId);
                    item.put("type", "relation");
                    item.putObject("relation").put("id", id);
                    return item;
                });
        out.put("type", "property_item");
        out.putObject("property_item").put("id", propertyId).put("type", "relation").putObject("relation");
        return out;
    }

    // ---------------------------------------------------------------- blocks

    private List<String> childIds(String id) {
        Page p = pages.get(id);
        if (p != null) {
            return p.children;
        }
        WorkspacePage w = workspacePages.get(id);
        if (w != null) {
            return w.children();
        }
        Block b = blocks.get(id);
        if (b == null) {
            throw notFound("block", id);
        }
        return b.children;
    }

    private JsonNode listChildren(String id, Map<String, String> params) {
        List<Block> live = new ArrayList<>();
        for (String c : childIds(id)) {
            Block b = blocks.get(c);
            if (!b.archived) {
                live.add(b);
            }
        }
        int size = pageSize(params.containsKey("page_size")
                ? Json.MAPPER.getNodeFactory().numberNode(Integer.parseInt(params.get("page_size")))
                : Json.MAPPER.missingNode());
        return list(live, params.get("start_cursor"), size, this::blockJson);
    }

    private JsonNode append(String parentId, JsonNode body, String version) {
        boolean parentIsPage = pages.containsKey(parentId) || workspacePages.containsKey(parentId);
        if (!parentIsPage) {
            Block parent = block(parentId);
            if (parent.archived) {
                throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
            }
            if (!PARENT_BLOCKS.contains(parent.json.path("type").asText())) {
                throw invalid("Block type " + parent.json.path("type").asText() + " does not support children.");
            }
        }
        if (!body.path("children").isArray()) {
            throw invalid("body.children should be an array.");
        }
        int at = insertionIndex(parentId, body, version);
        List<String> created = validateAndCreate(body.get("children"), parentId, parentIsPage, "body.children");
        childIds(parentId).addAll(at, created);
        touch(parentId);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "list");
        ArrayNode results = o.putArray("results");
        created.forEach(id -> results.add(blockJson(blocks.get(id))));
        o.put("has_more", false);
        o.putNull("next_cursor");
        return o;
    }

    /** Validates a request's children (limits, nesting) and creates them; returns the top-level ids. */
    private List<String> validateAndCreate(JsonNode children, String parentId, boolean parentIsPage, String where) {
        if (children.isMissingNode() || children.isNull()) {
            return List.of();
        }
        int[] total = {0};
        validate(children, 1, where, total);
        if (total[0] > 1000) {
            throw invalid("A request may contain at most 1000 blocks, instead was " + total[0] + ".");
        }
        return create(children, parentId, parentIsPage);
    }

    private void validate(JsonNode children, int level, String where, int[] total) {
        if (children.size() > 100) {
            throw invalid(where + ".length should be ≤ 100, instead was " + children.size() + ".");
        }
        for (int i = 0; i < children.size(); i++) {
            JsonNode b = children.get(i);
            String here = where + "[" + i + "]";
            String type = b.path("type").asText();
            total[0]++;
            JsonNode body = b.path(type);
            if (!body.isObject()) {
                throw invalid(here + "." + type + " should be defined, instead was `undefined`.");
            }
            if (TEXT_BLOCKS.contains(type)) {
                checkRichText(body.path("rich_text"), here + "." + type + ".rich_text");
            }
            if (type.equals("code") && !LANGUAGES.contains(body.path("language").asText())) {
                throw invalid(here + ".code.language should be a supported language, instead was `"
                        + body.path("language").asText() + "`.");
            }
            if (type.equals("table_row")) {
                for (JsonNode cell : body.path("cells")) {
                    checkRichText(cell, here + ".table_row.cells");
                }
            }
            JsonNode kids = body.path("children");
            if (type.equals("table")) {
                if (!kids.isArray() || kids.isEmpty()) {
                    throw invalid(here + ".table.children should be defined: a table needs rows.");
                }
                int width = body.path("table_width").asInt();
                for (JsonNode row : kids) {
                    if (row.path("table_row").path("cells").size() != width) {
                        throw invalid("Number of cells in table row must match the table width of " + width + ".");
                    }
                }
            }
            if (kids.isArray() && !kids.isEmpty()) {
                if (level >= 2) {
                    throw invalid(here + "." + type + ".children should be not present, instead was `[...]`.");
                }
                if (!PARENT_BLOCKS.contains(type)) {
                    throw invalid(here + "." + type + ".children is not supported for this block type.");
                }
                validate(kids, level + 1, here + "." + type + ".children", total);
            }
        }
    }

    void checkRichText(JsonNode arr, String where) {
        if (!arr.isArray()) {
            throw invalid(where + " should be an array.");
        }
        if (arr.size() > 100) {
            throw invalid(where + ".length should be ≤ 100, instead was " + arr.size() + ".");
        }
        for (int i = 0; i < arr.size(); i++) {
            String content = arr.get(i).path("text").path("content").asText("");
            if (content.length() > 2000) {
                throw invalid(where + "[" + i + "].text.content.length should be ≤ 2000, instead was "
                        + content.length() + ".");
            }
            String url = arr.get(i).path("text").path("link").path("url").asText("");
            if (url.length() > 2000) {
                throw invalid(where + "[" + i + "].text.link.url.length should be ≤ 2000.");
            }
            if (!url.isEmpty() && !url.matches("(?i)(https?|mailto):\\S+")) {
                throw invalid("Invalid URL for link.");
            }
        }
    }

    private List<String> create(JsonNode children, String parentId, boolean parentIsPage) {
        List<String> ids = new ArrayList<>();
        for (JsonNode b : children) {
            String type = b.path("type").asText();
            ObjectNode stored = Json.MAPPER.createObjectNode();
            stored.put("type", type);
            ObjectNode body = ((ObjectNode) b.get(type)).deepCopy();
            JsonNode kids = body.remove("children");
            stored.set(type, body);
            Block block = new Block(UUID.randomUUID().toString(), parentId, parentIsPage, stored,
                    clock.instant().truncatedTo(ChronoUnit.MINUTES));
            blocks.put(block.id, block);
            if (kids != null && kids.isArray()) {
                block.children.addAll(create(kids, block.id, false));
            }
            ids.add(block.id);
        }
        return ids;
    }

    private JsonNode deleteBlock(Block b) {
        if (b.archived) {
            throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
        }
        b.archived = true;
        touch(b.id);
        return blockJson(b);
    }

    /**
     * Where appended children go: {@code after} a sibling (before 2026-03-11), {@code position} {@code start},
     * {@code end} or {@code after_block} (2026-03-11 and later), else at the end. Each version rejects the other's
     * parameter, as Notion does.
     */
    private int insertionIndex(String parentId, JsonNode body, String version) {
        List<String> siblings = childIds(parentId);
        boolean positions = version.compareTo("2026-03-11") >= 0;
        String after = null;
        if (body.has("after")) {
            if (positions) {
                throw invalid("body.after is not supported in Notion-Version " + version + "; use body.position.");
            }
            after = body.get("after").asText();
        }
        if (body.has("position")) {
            if (!positions) {
                throw invalid("body.position should be not present, instead was `" + body.get("position") + "`.");
            }
            JsonNode position = body.get("position");
            switch (position.path("type").asText()) {
                case "start":
                    return 0;
                case "end":
                    return siblings.size();
                case "after_block":
                    after = position.path("after_block").path("id").asText();
                    break;
                default:
                    throw invalid("body.position.type should be one of start, end, after_block.");
            }
        }
        if (after == null) {
            return siblings.size();
        }
        int index = siblings.indexOf(after);
        if (index < 0 || blocks.get(after).archived) {
            throw invalid("Block " + after + " is not a child of " + parentId + ".");
        }
        return index + 1;
    }

    /**
     * PATCH /v1/blocks/{id}: the fields given in the block's type object replace its own (rich text, checked,
     * language, cells, headers); the type cannot change and children are not touched.
     */
    private JsonNode updateBlock(Block b, JsonNode body) {
        if (b.archived) {
            throw invalid("Can't edit block that is archived. You must unarchive the block before editing.");
        }
        String type = b.json.path("type").asText();
        if (body.has("type") && !body.get("type").asText().equals(type)) {
            throw invalid("body.type cannot be changed from " + type + ".");
        }
        JsonNode fields = body.path(type);
        if (!fields.isObject()) {
            throw invalid("body." + type + " should be defined, instead was `undefined`.");
        }
        if (fields.has("children")) {
            throw invalid("body." + type + ".children should be not present; append children instead.");
        }
        if (fields.has("rich_text")) {
            checkRichText(fields.get("rich_text"), "body." + type + ".rich_text");
        }
        if (fields.has("cells")) {
            if (fields.get("cells").size() != b.json.path(type).path("cells").size()) {
                throw invalid("Number of cells in table row must match the table width.");
            }
            for (JsonNode cell : fields.get("cells")) {
                checkRichText(cell, "body.table_row.cells");
            }
        }
        if (type.equals("code") && fields.has("language") && !LANGUAGES.contains(fields.get("language").asText())) {
            throw invalid("body.code.language should be a supported language.");
        }
        if (fields.has("table_width")) {
            throw invalid("body.table.table_width cannot be changed.");
        }
        ObjectNode own = (ObjectNode) b.json.get(type);
        fields.properties().forEach(e -> own.set(e.getKey(), e.getValue().deepCopy()));
        touch(b.id);
        return blockJson(b);
    }

    /** Stamps the page holding a block (or the page itself) as edited now, to the minute as Notion does. */
    private void touch(String id) {
        String current = id;
        for (int guard = 0; guard < 100 && current != null; guard++) {
            Page p = pages.get(current);
            if (p != null) {
                p.edited = clock.instant().truncatedTo(ChronoUnit.MINUTES);
                return;
            }
            Block b = blocks.get(current);
            current = b == null ? null : b.parentId;
        }
    }

    private JsonNode blockJson(Block b) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "block");
        o.put("id", b.id);
        ObjectNode parent = o.putObject("parent");
        if (b.parentIsPage) {
            parent.put("type", "page_id").put("page_id", b.parentId);
        } else {
            parent.put("type", "block_id").put("block_id", b.parentId);
        }
        o.put("created_time", b.created.toString());
        o.put("has_children", b.children.stream().anyMatch(c -> !blocks.get(c).archived));
        o.put("archived", b.archived);
        o.put("in_trash", b.archived);
        String type = b.json.path("type").asText();
        o.put("type", type);
        ObjectNode body = ((ObjectNode) b.json.get(type)).deepCopy();
        if (body.has("rich_text")) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            body.get("rich_text").forEach(rt -> arr.add(textResponse(rt)));
            body.set("rich_text", arr);
        }
        if (body.has("cells")) {
            ArrayNode cells = Json.MAPPER.createArrayNode();
            body.get("cells").forEach(cell -> {
                ArrayNode arr = cells.addArray();
                cell.forEach(rt -> arr.add(textResponse(rt)));
            });
            body.set("cells", cells);
        }
        o.set(type, body);
        return o;
    }

    static ObjectNode plainTextObject(String text) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "text");
        o.putObject("text").put("content", text);
        return o;
    }

    /** A rich-text object as Notion returns it: annotations filled in, plain_text and href added. */
    private static JsonNode textResponse(JsonNode request) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "text");
        String content = request.path("text").path("content").asText("");
        ObjectNode text = o.putObject("text");
        text.put("content", content);
        JsonNode link = request.path("text").path("link");
        if (link.isObject()) {
            text.putObject("link").put("url", link.path("url").asText());
        } else {
            text.putNull("link");
        }
        ObjectNode a = o.putObject("annotations");
        JsonNode ra = request.path("annotations");
        for (String k : List.of("bold", "italic", "strikethrough", "underline", "code")) {
            a.put(k, ra.path(k).asBoolean(false));
        }
        a.put("color", ra.path("color").asText("default"));
        o.put("plain_text", content);
        if (link.isObject()) {
            o.put("href", link.path("url").asText());
        } else {
            o.putNull("href");
        }
        return o;
    }

    static String plain(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        richText.forEach(rt -> sb.append(rt.path("text").path("content").asText(rt.path("plain_text").asText(""))));
        return sb.toString();
    }

    /** Matches requests, for assertions. */
    public static Predicate<Recorded> request(String method, String pathPrefix) {
        return r -> r.method().equals(method) && r.path().startsWith(pathPrefix);
    }
}
