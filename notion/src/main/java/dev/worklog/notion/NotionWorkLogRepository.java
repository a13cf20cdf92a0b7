package dev.worklog.notion;

import static dev.worklog.notion.NotionSchema.Property.DAILY_CATEGORY;
import static dev.worklog.notion.NotionSchema.Property.DAILY_DATE;
import static dev.worklog.notion.NotionSchema.Property.DAILY_IMPACT;
import static dev.worklog.notion.NotionSchema.Property.DAILY_METRICS;
import static dev.worklog.notion.NotionSchema.Property.DAILY_STATUS;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TECH_STACK;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TICKET_URL;
import static dev.worklog.notion.NotionSchema.Property.DAILY_TITLE;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_GENERATED_AT;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_MONTH;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_SOURCE_WEEKS;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_STATS;
import static dev.worklog.notion.NotionSchema.Property.MONTHLY_TITLE;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_END;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_GENERATED_AT;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_HIGHLIGHTS;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_SOURCE_LOGS;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_START;
import static dev.worklog.notion.NotionSchema.Property.WEEKLY_TITLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.TransportException;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.CircuitBreaker;
import dev.worklog.http.RetryPolicy;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.HttpExecutor;
import dev.worklog.internal.http.HttpResult;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.EntryIds;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.notion.NotionSchema.Property;
import dev.worklog.notion.internal.BlockWriter;
import dev.worklog.notion.internal.Blocks;
import dev.worklog.notion.internal.BodySync;
import dev.worklog.notion.internal.MarkdownToBlocks;
import dev.worklog.notion.internal.NotionClient;
import dev.worklog.notion.internal.NotionErrorReader;
import dev.worklog.notion.internal.PageBodies;
import dev.worklog.notion.internal.RateLimiter;
import dev.worklog.notion.internal.RichText;
import dev.worklog.spi.WorkLogRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work-log store in Notion: daily logs in one database, weekly and monthly roll-ups in two more, on the schema
 * of the design (property names can be changed with {@link NotionSchema}).
 *
 * <pre>{@code
 * NotionWorkLogRepository notion = NotionWorkLogRepository.builder()
 *         .token(System.getenv("NOTION_API_KEY"))
 *         .dailyDatabaseId("1a2b...")
 *         .weeklyDatabaseId("3c4d...")
 *         .monthlyDatabaseId("5e6f...")
 *         .build();
 * System.out.println(notion.verifySchema().message());
 * StoredRef ref = notion.saveDailyLog(log);
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 * <li>Every call goes through one token bucket per integration token (default 3 requests/s, burst 10), shared
 * with every other repository using the token, so bursts queue instead of drawing 429s.</li>
 * <li>429 and 529 wait the full {@code Retry-After}, however long, within the retry policy's total budget; 5xx and
 * I/O errors back off exponentially with jitter. A 429 is written to the execution log with
 * {@code rate_limit_exceeded} and Notion's {@code rate_limit_reason}.</li>
 * <li>Every daily log is written with its entry id ({@code Entry ID}, or a link on the body's {@code Context}
 * heading when the database lacks the property; see {@link EntryLookup}). A page create whose answer was lost is
 * looked up by that id before it is sent again, and {@link #ensureDailyLog} looks it up before creating at all, so
 * a retry, a delivery from the outbox or a restart never makes a second page; two entries with the same title on
 * the same day stay two pages. Block appends are checked for having landed too.</li>
 * <li>A {@link CircuitBreaker} watches every call: after 3 consecutive failed attempts calls fail at once
 * ({@link dev.worklog.error.CircuitOpenException}) for 5 s, then one trial call decides.</li>
 * <li>Markdown is split, never truncated, to Notion's limits, and read back from every page of children and every
 * nested level; a context read back is the markdown that was written.</li>
 * <li>Weekly and monthly roll-ups are upserted by period: a rerun updates the page and rewrites only the blocks of
 * its body that changed (updated in place, inserted where they belong, deleted when gone). When
 * {@link #findWeekly} or {@link #findMonthly} looked the period up less than two minutes before the upsert (the
 * usual find, summarise, store sequence), that answer is used instead of querying again.</li>
 * <li>A daily log's context goes into the page body under a {@code Context} heading, as the design asks; reading
 * drops that heading again (and the original system's {@code 📝 상세 컨텍스트}), so the context read back is the
 * markdown written, in the spelling Notion's blocks give it.</li>
 * <li>Roll-up pages that are not in worklog's layout (the original system's weekly pages, pages edited by hand) are
 * read as their text, with a warning; never as placeholders.</li>
 * <li>Relations of any size. Notion takes at most 100 relation values per request and a property update replaces
 * the whole relation, so the first 100 are written on the roll-up page and every further one from the other side
 * of the two-way relation (each extra daily log or week gets the roll-up added to its synced property). A one-way
 * relation can only hold 100; the execution log says so. Relations are read through the property endpoint when a
 * page shows only its first 25.</li>
 * </ul>
 *
 * <p>Thread-safe. Daily log bodies are read three at a time (every call still paced by the limiter);
 * {@link #close()} stops those reader threads, which also end by themselves when idle.
 */
public final class NotionWorkLogRepository implements WorkLogRepository {
    /** Component name in the execution log. */
    public static final String LOG_COMPONENT = "notion";
    /** The default API address. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.notion.com/");

    private static final int RELATION_PER_REQUEST = 100;
    private static final String CONTEXT_HEADING = PageBodies.CONTEXT_HEADING;
    private static final Logger LOG = LoggerFactory.getLogger(NotionWorkLogRepository.class);

    private final NotionClient client;
    private final BlockWriter writer;
    private final NotionSchema schema;
    private final LogOptions options;
    private final String dailyDb;
    private final String weeklyDb;
    private final String monthlyDb;
    private final Clock clock;
    private final ExecutionLog executionLog;
    private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
    private final CircuitBreaker breaker;
    private final EntryLookup entries;
    private final Sleeper sleeper;
    private final ExecutorService readers;
    private static final int READERS = 3;
    /**
     * What the last find of a period saw, so that the upsert which usually follows it (find, run the model, store)
     * does not query again. Kept briefly: a page another process makes meanwhile is found by a fresh query.
     */
    private final Map<String, Lookup> recent = new ConcurrentHashMap<>();

    private static final Duration LOOKUP_TTL = Duration.ofMinutes(2);

    private record Lookup(Optional<JsonNode> page, List<JsonNode> body, Instant at) {
    }

    /**
     * A query's answer kept for the read that follows it in the same run (stamps, then the logs when one changed):
     * once, and briefly, so that a later run never works from an old list.
     */
    private record Listing(List<JsonNode> pages, Instant at) {
    }

    private static final Duration LISTING_TTL = Duration.ofSeconds(15);

    private final Map<String, Listing> recentQueries = new ConcurrentHashMap<>();

    /**
     * Added to a page's {@code last_edited_time} for its {@link EditStamp}: Notion stamps edits to the minute, and
     * a minute more covers a client clock that runs behind Notion's.
     */
    static final Duration EDIT_STAMP_SLACK = Duration.ofMinutes(2);

    private NotionWorkLogRepository(Builder b) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "notion-reader");
                    t.setDaemon(true);
                    return t;
                });
        // idle threads go away, so a repository nobody closes leaves nothing behind
        pool.allowCoreThreadTimeOut(true);
        this.readers = pool;
        this.schema = b.schema;
        this.options = b.options;
        this.dailyDb = b.dailyDb;
        this.weeklyDb = b.weeklyDb;
        this.monthlyDb = b.monthlyDb;
        this.clock = b.clock;
        this.executionLog = b.executionLog;
        RateLimiter limiter = b.rate > 0
                ? (b.sharedLimiter ? RateLimiter.shared(b.token, b.rate, b.burst, b.clock, b.sleeper)
                        : new RateLimiter(b.rate, b.burst, b.clock, b.sleeper))
                : null;
        AtomicInteger calls = new AtomicInteger();
        this.breaker = b.breaker != null ? b.breaker : CircuitBreaker.builder(NotionErrorReader.SERVICE).clock(b.clock)
                .build();
        HttpExecutor.Builder http = HttpExecutor.builder(NotionErrorReader.SERVICE)
                .circuitBreaker(breaker)
                .retryPolicy(b.retryPolicy)
                .clock(b.clock)
                .sleeper(b.sleeper)
                .errorReader(new NotionErrorReader())
                .secrets(List.of(b.token))
                .beforeAttempt(() -> {
                    if (limiter != null) {
                        limiter.acquire();
                    }
                    calls.incrementAndGet();
                })
                .onRetry(event -> {
                    int status = event.httpError().map(e -> e.status()).orElse(0);
                    if (limiter != null && (status == 429 || status == 529)) {
                        limiter.pauseFor(event.delay());
                    }
                    executionLog.info(LOG_COMPONENT, event.describe());
                });
        if (b.httpClient != null) {
            http.httpClient(b.httpClient);
        }
        this.client = new NotionClient(b.baseUrl, b.version, b.token, http.build(), calls);
        this.writer = new BlockWriter(client);
        this.sleeper = b.sleeper;
        this.entries = new EntryLookup(client, schema, dailyDb,
                () -> schemas.computeIfAbsent(dailyDb, client::retrieveSchema));
    }

    /** A builder; the token and the daily database id are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "Notion (API " + client.version() + ", daily logs in database " + dailyDb + ")";
    }

    // ---------------------------------------------------------------- daily logs

    /**
     * Creates the page, with the entry id written as described in {@link EntryLookup} (a log without one gets a
     * fresh one). A create whose answer is lost is looked up by that id before it is sent again.
     */
    @Override
    public StoredRef saveDailyLog(DailyLog given) {
        Objects.requireNonNull(given, "log");
        DailyLog log = given.entryId() == null ? given.withEntryId(EntryIds.generate()) : given;
        return onDatabase(1, dailyDb, () -> {
            ObjectNode properties = dailyProperties(log);
            ObjectNode heading = contextHeading();
            entries.write(log, properties, heading, entries.hasProperty());
            List<ObjectNode> blocks = new ArrayList<>();
            blocks.add(heading);
            blocks.addAll(MarkdownToBlocks.convert(log.context()));
            List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("parent", client.pageParent(dailyDb));
            body.set("properties", properties);
            ArrayNode children = body.putArray("children");
            prefix.forEach(children::add);
            JsonNode page = client.createPage(body, () -> landed(log));
            String id = page.path("id").asText();
            try {
                writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
            } catch (RuntimeException e) {
                // a log with half its context would be read as complete; trash it so that a rerun starts clean
                try {
                    trash(id);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return new StoredRef(id, page.path("url").asText(pageUrl(id)));
        });
    }

    /**
     * Whether a create whose answer was lost landed: the entry id is looked up, and when nothing is found, looked up
     * once more after {@value #SETTLE_MILLIS} ms, because a query is not promised to show a page created a moment
     * before (an ambiguous failure is rare; the second look costs one query and a second).
     */
    private Optional<HttpResult> landed(DailyLog log) {
        Optional<JsonNode> found = entries.find(log);
        if (found.isEmpty()) {
            try {
                sleeper.sleep(Duration.ofMillis(SETTLE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while checking whether a Notion create landed");
            }
            found = entries.find(log);
        }
        return found.map(p -> new HttpResult(200, emptyHeaders(), p.toString()));
    }

    private static final long SETTLE_MILLIS = 1000;

    /**
     * Looks the entry id up first ({@link EntryLookup}) and creates the page only when it is absent. A page found
     * whose body was being written in several requests when the earlier attempt stopped (it has fewer blocks than
     * the context makes) is moved to the trash and written again; a body that fits in the create request is
     * complete whenever the page exists.
     */
    @Override
    public StoredRef ensureDailyLog(DailyLog log) {
        Objects.requireNonNull(log, "log");
        if (log.entryId() == null) {
            return saveDailyLog(log);
        }
        Optional<JsonNode> found = onDatabase(1, dailyDb, () -> entries.find(log));
        if (found.isEmpty()) {
            return saveDailyLog(log);
        }
        String id = found.get().path("id").asText();
        if (!bodyComplete(id, log)) {
            LOG.info("notion: entry {} was left half written by an earlier attempt; writing it again", log.entryId());
            onDatabase(1, dailyDb, () -> {
                trash(id);
                return null;
            });
            return saveDailyLog(log);
        }
        return new StoredRef(id, found.get().path("url").asText(pageUrl(id)));
    }

    /** Whether a found page holds the whole context: always when it was written by the create alone. */
    private boolean bodyComplete(String pageId, DailyLog log) {
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(contextHeading());
        blocks.addAll(MarkdownToBlocks.convert(log.context()));
        if (BlockWriter.createPrefix(blocks).size() == blocks.size()) {
            return true;
        }
        int expected = 0;
        for (JsonNode b : blocks) {
            expected += Blocks.count(b);
        }
        int found = 0;
        for (JsonNode b : onDatabase(1, dailyDb, () -> writer.readTree(pageId))) {
            found += Blocks.count(b);
        }
        return found >= expected;
    }

    private void trash(String pageId) {
        ObjectNode trash = Json.MAPPER.createObjectNode();
        trash.put(client.version().compareTo("2026-03-11") >= 0 ? "in_trash" : "archived", true);
        client.updatePage(pageId, trash);
    }

    /** The breaker over every call to Notion: after a few consecutive failures, calls fail at once for a while. */
    @Override
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.of(breaker);
    }

    /**
     * The page {@link #saveDailyLog} would create, without calling Notion: the database, the properties and the
     * body blocks as one tree (the writer later splits it into requests that respect Notion's limits). The entry id
     * is shown where it would go: in {@code Entry ID}, unless the database was read before and lacks it.
     */
    @Override
    public Map<String, Object> previewDailyLog(DailyLog log) {
        Objects.requireNonNull(log, "log");
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("store", describe());
        page.put("database_id", dailyDb);
        ObjectNode properties = dailyProperties(log);
        ObjectNode heading = contextHeading();
        JsonNode known = schemas.get(dailyDb);
        entries.write(log, properties, heading, known == null || entries.hasProperty());
        page.set("properties", properties);
        ArrayNode children = page.putArray("children");
        children.add(heading);
        MarkdownToBlocks.convert(log.context()).forEach(children::add);
        return Json.MAPPER.convertValue(page, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    private ObjectNode dailyProperties(DailyLog log) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.putObject(name(DAILY_TITLE)).set("title", RichText.plainArray(log.title()));
        p.putObject(name(DAILY_DATE)).putObject("date").put("start", log.loggedDate().toString());
        p.putObject(name(DAILY_CATEGORY)).putObject("select").put("name", log.category());
        p.putObject(name(DAILY_IMPACT)).putObject("select").put("name", log.impactLevel().label());
        ArrayNode tech = p.putObject(name(DAILY_TECH_STACK)).putArray("multi_select");
        new LinkedHashSet<>(log.techStack()).forEach(t -> tech.addObject().put("name", t));
        p.putObject(name(DAILY_STATUS)).putObject("select").put("name", log.status());
        p.putObject(name(DAILY_METRICS)).set("rich_text", RichText.plainArray(log.metrics()));
        p.putObject(name(DAILY_TICKET_URL)).put("url", log.ticketUrl());
        return p;
    }

    @Override
    public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(statuses, "statuses");
        return onDatabase(1, dailyDb, () -> {
            List<DailyLog> out = new ArrayList<>();
            for (DailyLog log : readConcurrently(dailyPages(period, statuses))) {
                // a date stored with a time or a zone may match a filter on its neighbour day; the period decides
                if (period.contains(log.loggedDate())) {
                    out.add(log);
                }
            }
            return out;
        });
    }

    /**
     * The period's daily logs as the query lists them: each page's {@code last_edited_time} (Notion stamps edits to
     * the minute; the stamp plus {@link #EDIT_STAMP_SLACK} is given, which also covers clocks that differ by a
     * minute). One query, no body read; a {@link #findDailyLogs} of the same period that follows within seconds (a
     * run that found a log edited) reuses the query's answer.
     */
    @Override
    public Optional<List<EditStamp>> findDailyLogStamps(Period period, Set<String> statuses) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(statuses, "statuses");
        return onDatabase(1, dailyDb, () -> {
            List<JsonNode> pages = queryDaily(period, statuses);
            recentQueries.put(queryKey(period, statuses), new Listing(pages, clock.instant()));
            List<EditStamp> out = new ArrayList<>();
            for (JsonNode page : pages) {
                if (period.contains(loggedDate(page))) {
                    out.add(new EditStamp(page.path("id").asText(), parseInstant(
                            page.path("last_edited_time").asText(""), page).plus(EDIT_STAMP_SLACK)));
                }
            }
            return Optional.of(out);
        });
    }

    private List<JsonNode> dailyPages(Period period, Set<String> statuses) {
        Listing seen = recentQueries.remove(queryKey(period, statuses));
        if (seen != null && !seen.at().plus(LISTING_TTL).isBefore(clock.instant())) {
            return seen.pages();
        }
        return queryDaily(period, statuses);
    }

    private static String queryKey(Period period, Set<String> statuses) {
        return period + " " + new java.util.TreeSet<>(statuses);
    }

    private List<JsonNode> queryDaily(Period period, Set<String> statuses) {
        ArrayNode and = Json.MAPPER.createArrayNode();
        and.add(dateFilter(name(DAILY_DATE), "on_or_after", period.start().toString()));
        and.add(dateFilter(name(DAILY_DATE), "on_or_before", period.end().toString()));
        if (!statuses.isEmpty()) {
            ArrayNode or = Json.MAPPER.createArrayNode();
            for (String s : statuses) {
                ObjectNode f = or.addObject();
                f.put("property", name(DAILY_STATUS));
                f.putObject("select").put("equals", s);
            }
            ObjectNode orNode = and.addObject();
            orNode.set("or", or);
        }
        ArrayNode sorts = Json.MAPPER.createArrayNode();
        sorts.addObject().put("property", name(DAILY_DATE)).put("direction", "ascending");
        sorts.addObject().put("timestamp", "created_time").put("direction", "ascending");
        return client.queryAll(dailyDb, and(and), sorts);
    }

    /** The heading the context sits under, as the design asks; reading strips it again. */
    private static ObjectNode contextHeading() {
        return MarkdownToBlocks.convert("## " + CONTEXT_HEADING).get(0);
    }

    /**
     * Reads the pages' bodies a few at a time: each body is at least one call, and against the real API a call
     * takes longer than the limiter's interval, so reading one after another would not use the rate we are allowed.
     * The limiter still paces every call; the order of the result is the order of the pages.
     */
    private List<DailyLog> readConcurrently(List<JsonNode> pages) {
        if (pages.size() < 2) {
            return pages.stream().map(this::toDailyLog).toList();
        }
        List<Future<DailyLog>> futures = new ArrayList<>();
        for (JsonNode page : pages) {
            futures.add(readers.submit(() -> toDailyLog(page)));
        }
        List<DailyLog> out = new ArrayList<>();
        try {
            for (Future<DailyLog> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while reading Notion pages");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private DailyLog toDailyLog(JsonNode page) {
        JsonNode props = page.path("properties");
        String id = page.path("id").asText();
        String title = RichText.plainText(props.path(name(DAILY_TITLE)).path("title"));
        String context = PageBodies.context(writer.readTree(id));
        String category = props.path(name(DAILY_CATEGORY)).path("select").path("name").asText("");
        String impactText = props.path(name(DAILY_IMPACT)).path("select").path("name").asText("");
        ImpactLevel impact = ImpactLevel.parse(impactText).orElse(ImpactLevel.MEDIUM);
        List<String> tech = new ArrayList<>();
        props.path(name(DAILY_TECH_STACK)).path("multi_select").forEach(o -> tech.add(o.path("name").asText()));
        LocalDate date = loggedDate(page);
        String status = props.path(name(DAILY_STATUS)).path("select").path("name").asText(options.defaultStatus());
        String metrics = RichText.plainText(props.path(name(DAILY_METRICS)).path("rich_text"));
        String ticket = props.path(name(DAILY_TICKET_URL)).path("url").asText(null);
        return new DailyLog(id, page.path("url").asText(pageUrl(id)), title, context, category, impact, tech, date,
                status, metrics, ticket);
    }

    private LocalDate loggedDate(JsonNode page) {
        return parseDate(page.path("properties").path(name(DAILY_DATE)).path("date").path("start").asText(""))
                .orElseGet(() -> LocalDate.parse(page.path("created_time").asText("1970-01-01").substring(0, 10)));
    }

    // ---------------------------------------------------------------- weekly roll-ups

    @Override
    public Optional<WeeklyRollup> findWeekly(Period period) {
        Objects.requireNonNull(period, "period");
        String db = weeklyDb();
        return onDatabase(2, db, () -> {
            Optional<JsonNode> page = weeklyPage(db, period);
            List<JsonNode> body = page.map(p -> writer.readTree(p.path("id").asText())).orElse(null);
            remember("weekly:" + period, page, body);
            return page.map(p -> toWeekly(p, body));
        });
    }

    @Override
    public List<WeeklyRollup> findWeeklies(Period overlapping) {
        Objects.requireNonNull(overlapping, "overlapping");
        String db = weeklyDb();
        return onDatabase(2, db, () -> {
            ArrayNode and = Json.MAPPER.createArrayNode();
            and.add(dateFilter(name(WEEKLY_START), "on_or_before", overlapping.end().toString()));
            and.add(dateFilter(name(WEEKLY_END), "on_or_after", overlapping.start().toString()));
            ArrayNode sorts = Json.MAPPER.createArrayNode();
            sorts.addObject().put("property", name(WEEKLY_START)).put("direction", "ascending");
            List<WeeklyRollup> out = new ArrayList<>();
            for (JsonNode page : client.queryAll(db, and(and), sorts)) {
                out.add(toWeekly(page, writer.readTree(page.path("id").asText())));
            }
            return out;
        });
    }

    @Override
    public StoredRef upsertWeekly(WeeklyRollup rollup) {
        Objects.requireNonNull(rollup, "rollup");
        String db = weeklyDb();
        return onDatabase(2, db, () -> {
            ObjectNode props = Json.MAPPER.createObjectNode();
            props.putObject(name(WEEKLY_TITLE)).set("title", RichText.plainArray(rollup.title()));
            props.putObject(name(WEEKLY_START)).putObject("date").put("start", rollup.period().start().toString());
            props.putObject(name(WEEKLY_END)).putObject("date").put("start", rollup.period().end().toString());
            props.putObject(name(WEEKLY_HIGHLIGHTS))
                    .set("rich_text", RichText.plainArray(String.join("\n", rollup.keyHighlights())));
            props.putObject(name(WEEKLY_GENERATED_AT)).putObject("date")
                    .put("start", stamp(rollup.generation().generatedAt()));
            props.set(name(WEEKLY_SOURCE_LOGS), relation(rollup.sourceLogIds()));
            String body = RollupMarkdown.weeklyBody(rollup);
            StoredRef ref = upsert(db, props, body, "weekly:" + rollup.period(), () -> weeklyPage(db, rollup.period()));
            linkOverflow(db, WEEKLY_SOURCE_LOGS, ref.id(), rollup.sourceLogIds());
            return ref;
        });
    }

    private Optional<JsonNode> weeklyPage(String db, Period period) {
        ArrayNode and = Json.MAPPER.createArrayNode();
        and.add(dateFilter(name(WEEKLY_START), "equals", period.start().toString()));
        and.add(dateFilter(name(WEEKLY_END), "equals", period.end().toString()));
        return first(client.queryAll(db, and(and), createdAscending()));
    }

    /**
     * A weekly page: properties, and the body read as worklog's layout, or as free text with a warning when it is
     * not (a page of the original system: title like {@code 2026년 11월 47주차}, {@code 🎯 주간 성과 요약} and one
     * paragraph; or a page edited by hand). Never placeholders.
     */
    private WeeklyRollup toWeekly(JsonNode page, List<JsonNode> body) {
        JsonNode props = page.path("properties");
        String id = page.path("id").asText();
        LocalDate start = parseDate(props.path(name(WEEKLY_START)).path("date").path("start").asText(""))
                .orElseThrow(() -> unreadable(2, page, WEEKLY_START));
        LocalDate end = parseDate(props.path(name(WEEKLY_END)).path("date").path("start").asText(""))
                .orElse(start.plusDays(6));
        Instant generatedAt = parseInstant(props.path(name(WEEKLY_GENERATED_AT)).path("date").path("start").asText(""),
                page);
        Period period = new Period(start, end.isBefore(start) ? start : end);
        return RollupMarkdown.readWeekly(id, page.path("url").asText(pageUrl(id)), period, title(page, WEEKLY_TITLE),
                PageBodies.rollup(body), relationIds(page, WEEKLY_SOURCE_LOGS),
                lines(RichText.plainText(props.path(name(WEEKLY_HIGHLIGHTS)).path("rich_text"))), generatedAt);
    }

    /** The roll-up as a rerun would read it back: its body written as blocks and read again. No call is made. */
    @Override
    public WeeklyRollup asStored(WeeklyRollup rollup) {
        return RollupMarkdown.readWeekly(rollup.id(), rollup.url(), rollup.period(), rollup.title(),
                PageBodies.asStored(RollupMarkdown.weeklyBody(rollup)), rollup.sourceLogIds(), rollup.keyHighlights(),
                rollup.generation().generatedAt());
    }

    // ---------------------------------------------------------------- monthly roll-ups

    @Override
    public Optional<MonthlyRollup> findMonthly(YearMonth month) {
        Objects.requireNonNull(month, "month");
        String db = monthlyDb();
        return onDatabase(3, db, () -> {
            Optional<JsonNode> page = monthlyPage(db, month);
            List<JsonNode> body = page.map(p -> writer.readTree(p.path("id").asText())).orElse(null);
            remember("monthly:" + month, page, body);
            return page.map(p -> toMonthly(p, body));
        });
    }

    @Override
    public List<MonthlyRollup> findMonthlies(Period overlapping) {
        Objects.requireNonNull(overlapping, "overlapping");
        String db = monthlyDb();
        return onDatabase(3, db, () -> {
            ArrayNode and = Json.MAPPER.createArrayNode();
            and.add(dateFilter(name(MONTHLY_MONTH), "on_or_after",
                    overlapping.start().withDayOfMonth(1).toString()));
            and.add(dateFilter(name(MONTHLY_MONTH), "on_or_before", overlapping.end().toString()));
            ArrayNode sorts = Json.MAPPER.createArrayNode();
            sorts.addObject().put("property", name(MONTHLY_MONTH)).put("direction", "ascending");
            List<MonthlyRollup> out = new ArrayList<>();
            for (JsonNode page : client.queryAll(db, and(and), sorts)) {
                out.add(toMonthly(page, writer.readTree(page.path("id").asText())));
            }
            return out;
        });
    }

    @Override
    public StoredRef upsertMonthly(MonthlyRollup rollup) {
        Objects.requireNonNull(rollup, "rollup");
        String db = monthlyDb();
        return onDatabase(3, db, () -> {
            ObjectNode props = Json.MAPPER.createObjectNode();
            props.putObject(name(MONTHLY_TITLE)).set("title", RichText.plainArray(rollup.title()));
            props.putObject(name(MONTHLY_MONTH)).putObject("date").put("start", rollup.month().atDay(1).toString());
            props.putObject(name(MONTHLY_GENERATED_AT)).putObject("date")
                    .put("start", stamp(rollup.generation().generatedAt()));
            props.putObject(name(MONTHLY_STATS)).set("rich_text", RichText.plainArray(rollup.stats().describe()));
            props.set(name(MONTHLY_SOURCE_WEEKS), relation(rollup.sourceWeekIds()));
            String body = RollupMarkdown.monthlyBody(rollup);
            StoredRef ref = upsert(db, props, body, "monthly:" + rollup.month(), () -> monthlyPage(db, rollup.month()));
            linkOverflow(db, MONTHLY_SOURCE_WEEKS, ref.id(), rollup.sourceWeekIds());
            return ref;
        });
    }

    private Optional<JsonNode> monthlyPage(String db, YearMonth month) {
        return first(client.queryAll(db, dateFilter(name(MONTHLY_MONTH), "equals", month.atDay(1).toString()),
                createdAscending()));
    }

    private MonthlyRollup toMonthly(JsonNode page, List<JsonNode> body) {
        JsonNode props = page.path("properties");
        String id = page.path("id").asText();
        LocalDate first = parseDate(props.path(name(MONTHLY_MONTH)).path("date").path("start").asText(""))
                .orElseThrow(() -> unreadable(3, page, MONTHLY_MONTH));
        Instant generatedAt = parseInstant(
                props.path(name(MONTHLY_GENERATED_AT)).path("date").path("start").asText(""), page);
        List<String> weeks = relationIds(page, MONTHLY_SOURCE_WEEKS);
        MonthlyStats stats = parseStats(RichText.plainText(props.path(name(MONTHLY_STATS)).path("rich_text")),
                weeks.size());
        return RollupMarkdown.readMonthly(id, page.path("url").asText(pageUrl(id)), YearMonth.from(first),
                title(page, MONTHLY_TITLE), PageBodies.rollup(body), stats, weeks, generatedAt);
    }

    /** The roll-up as a rerun would read it back: its body and statistics as Notion would give them. */
    @Override
    public MonthlyRollup asStored(MonthlyRollup rollup) {
        return RollupMarkdown.readMonthly(rollup.id(), rollup.url(), rollup.month(), rollup.title(),
                PageBodies.asStored(RollupMarkdown.monthlyBody(rollup)),
                parseStats(rollup.stats().describe(), rollup.sourceWeekIds().size()), rollup.sourceWeekIds(),
                rollup.generation().generatedAt());
    }

    private String title(JsonNode page, Property title) {
        return RichText.plainText(page.path("properties").path(name(title)).path("title"));
    }

    /** Reads back {@link MonthlyStats#describe()}; category and tech names cannot hold commas in Notion. */
    static MonthlyStats parseStats(String text, int weeksFallback) {
        int total = 0;
        int weeks = weeksFallback;
        Map<String, Map<String, Integer>> maps = new LinkedHashMap<>();
        for (String part : text.split("\\s*\\|\\s*")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = part.substring(0, colon).strip();
            String value = part.substring(colon + 1).strip();
            try {
                if (key.equals("Logs")) {
                    total = Integer.parseInt(value);
                } else if (key.equals("Weeks")) {
                    weeks = Integer.parseInt(value);
                } else {
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    if (!value.equals("-")) {
                        for (String entry : value.split(",\\s*")) {
                            int space = entry.lastIndexOf(' ');
                            if (space > 0) {
                                counts.put(entry.substring(0, space).strip(),
                                        Integer.parseInt(entry.substring(space + 1).strip()));
                            }
                        }
                    }
                    maps.put(key, counts);
                }
            } catch (NumberFormatException ignored) {
                // a hand-edited value: keep what can be read
            }
        }
        return new MonthlyStats(total, weeks, maps.getOrDefault("Category", Map.of()),
                maps.getOrDefault("Impact", Map.of()), maps.getOrDefault("Tech", Map.of()));
    }

    // ---------------------------------------------------------------- shared roll-up plumbing

    private void remember(String key, Optional<JsonNode> page, List<JsonNode> body) {
        recent.put(key, new Lookup(page, body, clock.instant()));
    }

    private StoredRef upsert(String db, ObjectNode props, String markdown, String key,
            Supplier<Optional<JsonNode>> find) {
        List<ObjectNode> blocks = MarkdownToBlocks.convert(markdown);
        Lookup seen = recent.remove(key);
        boolean fresh = seen != null && !seen.at().plus(LOOKUP_TTL).isBefore(clock.instant());
        Optional<JsonNode> existing = fresh ? seen.page() : find.get();
        if (existing.isPresent()) {
            String id = existing.get().path("id").asText();
            ObjectNode update = Json.MAPPER.createObjectNode();
            update.set("properties", props);
            client.updatePage(id, update);
            boolean cached = fresh && seen.body() != null;
            List<JsonNode> body = cached ? seen.body() : writer.readTree(id);
            try {
                new BodySync(client, writer).sync(id, body, blocks);
            } catch (NotFoundException | InvalidRequestException e) {
                if (!cached) {
                    throw e;
                }
                // the body read moments ago was changed meanwhile (a block gone): diff against it as it is now
                new BodySync(client, writer).sync(id, writer.readTree(id), blocks);
            }
            return new StoredRef(id, existing.get().path("url").asText(pageUrl(id)));
        }
        List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("parent", client.pageParent(db));
        body.set("properties", props);
        ArrayNode children = body.putArray("children");
        prefix.forEach(children::add);
        JsonNode page = client.createPage(body,
                () -> find.get().map(p -> new HttpResult(200, emptyHeaders(), p.toString())));
        String id = page.path("id").asText();
        writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
        return new StoredRef(id, page.path("url").asText(pageUrl(id)));
    }

    private static ObjectNode relation(List<String> ids) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode arr = node.putArray("relation");
        new LinkedHashSet<>(ids).stream().limit(RELATION_PER_REQUEST).forEach(id -> arr.addObject().put("id", id));
        return node;
    }

    /**
     * Links the ids beyond the first 100 from the other side of a two-way relation: each target page gets the
     * roll-up added to its synced property (its existing links kept), which Notion mirrors on the roll-up.
     */
    private void linkOverflow(String db, Property property, String pageId, List<String> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.size() <= RELATION_PER_REQUEST) {
            return;
        }
        JsonNode config = propertySchema(db, property).path("relation");
        String synced = config.path("dual_property").path("synced_property_name").asText("");
        if (!"dual_property".equals(config.path("type").asText()) || synced.isEmpty()) {
            String msg = "'" + name(property) + "' links only the first " + RELATION_PER_REQUEST + " of "
                    + distinct.size() + " pages: Notion takes at most " + RELATION_PER_REQUEST + " relation values "
                    + "per request and this relation is one-way. Make it two-way (relation settings > "
                    + "show on the related database) to link them all";
            executionLog.error(LOG_COMPONENT, msg);
            LOG.warn(msg);
            return;
        }
        for (String target : distinct.subList(RELATION_PER_REQUEST, distinct.size())) {
            JsonNode page = client.retrievePage(target);
            JsonNode prop = page.path("properties").path(synced);
            List<String> current = relationValues(target, prop);
            if (current.contains(pageId)) {
                continue;
            }
            current.add(pageId);
            ObjectNode update = Json.MAPPER.createObjectNode();
            ArrayNode arr = update.putObject("properties").putObject(synced).putArray("relation");
            current.stream().limit(RELATION_PER_REQUEST).forEach(id -> arr.addObject().put("id", id));
            client.updatePage(target, update);
        }
    }

    private List<String> relationIds(JsonNode page, Property property) {
        return relationValues(page.path("id").asText(), page.path("properties").path(name(property)));
    }

    /** The relation's ids; a page shows at most 25, the rest come from the property endpoint. */
    private List<String> relationValues(String pageId, JsonNode prop) {
        List<String> out = new ArrayList<>();
        if (prop.path("has_more").asBoolean(false) && prop.hasNonNull("id")) {
            for (JsonNode item : client.propertyItems(pageId, prop.get("id").asText())) {
                String id = item.path("relation").path("id").asText("");
                if (!id.isEmpty()) {
                    out.add(id);
                }
            }
            return out;
        }
        prop.path("relation").forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    private JsonNode propertySchema(String db, Property property) {
        JsonNode s = schemas.computeIfAbsent(db, client::retrieveSchema);
        return s.path("properties").path(name(property));
    }

    // ---------------------------------------------------------------- schema check

    /**
     * Reads the three databases and lists, each with its fix, every property that is missing or of the wrong type
     * and every select option that validation allows but the database lacks (Notion would otherwise add it
     * silently, or refuse it when the integration may not change the schema). A missing optional property (the
     * daily database's {@code Entry ID}) is a warning.
     */
    public SchemaReport verifySchema() {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] ids = {dailyDb, weeklyDb, monthlyDb};
        for (int db = 1; db <= 3; db++) {
            String variable = variable(db);
            if (ids[db - 1] == null) {
                problems.add(variable + " is not set: set it to the id of the " + databaseName(db)
                        + " database (needed for " + (db == 2 ? "weekly" : "monthly") + " runs)");
                continue;
            }
            JsonNode found;
            try {
                found = client.retrieveSchema(ids[db - 1]);
                schemas.put(ids[db - 1], found);
            } catch (NotFoundException | PermissionDeniedException e) {
                problems.add(databaseName(db) + " database (" + variable + "=" + ids[db - 1] + ") cannot be read: "
                        + "check the id and share the database with the integration (database menu ... > "
                        + "Connections > add the integration)");
                continue;
            }
            JsonNode props = found.path("properties");
            for (Property p : Property.values()) {
                if (p.database() != db) {
                    continue;
                }
                JsonNode prop = props.path(name(p));
                if (prop.isMissingNode() && p.optional()) {
                    warnings.add(databaseName(db) + ": no property '" + name(p) + "' (" + p.type() + "): entry ids are "
                            + "kept in the page body instead, and finding an entry reads the first block of each page "
                            + "with the same title and date; add the property (type Text) for an exact lookup by "
                            + "property");
                    continue;
                }
                if (prop.isMissingNode()) {
                    problems.add(databaseName(db) + ": add the property '" + name(p) + "' of type " + p.type()
                            + (name(p).equals(p.defaultName()) ? "" : " (renamed by " + p.variable() + ")")
                            + ", or set " + p.variable() + " to the name your database uses");
                    continue;
                }
                String type = prop.path("type").asText();
                if (!type.equals(p.type())) {
                    problems.add(databaseName(db) + ": property '" + name(p) + "' is of type " + type
                            + "; change it to " + p.type());
                    continue;
                }
                // the relation's target cannot be compared while its id is unset (already reported above)
                if ((p == WEEKLY_SOURCE_LOGS || p == MONTHLY_SOURCE_WEEKS)
                        && ids[(p == WEEKLY_SOURCE_LOGS ? 1 : 2) - 1] != null) {
                    int target = p == WEEKLY_SOURCE_LOGS ? 1 : 2;
                    String targetDb = ids[target - 1];
                    JsonNode rel = prop.path("relation");
                    String relDb = rel.path("database_id").asText("");
                    String relDs = rel.path("data_source_id").asText("");
                    boolean matches = sameId(relDb, targetDb)
                            || (!relDs.isEmpty() && client.usesDataSources() && sameId(relDs, dataSourceOrNull(targetDb)));
                    if (!relDb.isEmpty() || !relDs.isEmpty()) {
                        if (!matches) {
                            problems.add(databaseName(db) + ": relation '" + name(p) + "' points to another database;"
                                    + " point it at the " + databaseName(target) + " database (" + variable(target)
                                    + ")");
                        }
                    }
                }
                if (p == DAILY_CATEGORY) {
                    missingOptions(problems, prop, options.categories());
                } else if (p == DAILY_STATUS) {
                    missingOptions(problems, prop, options.statuses());
                } else if (p == DAILY_IMPACT) {
                    List<String> levels = new ArrayList<>();
                    for (ImpactLevel l : ImpactLevel.values()) {
                        levels.add(l.label());
                    }
                    missingOptions(problems, prop, levels);
                }
            }
        }
        return new SchemaReport(problems, warnings);
    }

    private static boolean sameId(String a, String b) {
        return a != null && b != null && !a.isEmpty() && a.replace("-", "").equalsIgnoreCase(b.replace("-", ""));
    }

    private String dataSourceOrNull(String databaseId) {
        try {
            return client.dataSourceId(databaseId);
        } catch (WorkLogException e) {
            return null;
        }
    }

    private void missingOptions(List<String> problems, JsonNode prop, List<String> wanted) {
        Set<String> have = new LinkedHashSet<>();
        prop.path(prop.path("type").asText()).path("options").forEach(o -> have.add(o.path("name").asText()));
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            if (!have.contains(w)) {
                missing.add(w);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(databaseName(1) + ": add the option" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " to the select property '" + prop.path("name").asText() + "'");
        }
    }

    /** Stops the reader threads (they also stop by themselves after 30 s idle). */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    // ---------------------------------------------------------------- helpers

    private String name(Property p) {
        return schema.name(p);
    }

    private String weeklyDb() {
        if (weeklyDb == null) {
            throw new ConfigurationException(NotionRepositoryFactory.NOTION_DB2_ID + " is not set: the id of the Weekly "
                    + "Achievements database is needed for weekly roll-ups. Set it in the environment or in .env");
        }
        return weeklyDb;
    }

    private String monthlyDb() {
        if (monthlyDb == null) {
            throw new ConfigurationException(NotionRepositoryFactory.NOTION_DB3_ID + " is not set: the id of the Monthly "
                    + "Highlights database is needed for monthly roll-ups. Set it in the environment or in .env");
        }
        return monthlyDb;
    }

    private static String variable(int db) {
        return "NOTION_DB" + db + "_ID";
    }

    private static String databaseName(int db) {
        return db == 1 ? "Daily Work Logs" : db == 2 ? "Weekly Achievements" : "Monthly Highlights";
    }

    /** Runs a call on one database, naming the database and its variable when Notion cannot find or open it. */
    private <T> T onDatabase(int db, String id, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new NotFoundException(where(db, id) + e.getMessage(), e.upstream().orElse(null), e);
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException(where(db, id) + e.getMessage(), e.upstream().orElse(null), e);
        } catch (RateLimitException e) {
            // retries are logged as they happen; giving up must be greppable by the same keyword
            String reason = e.upstream().map(u -> u.reason()).filter(r -> !r.isEmpty()).map(r -> " (" + r + ")")
                    .orElse("");
            executionLog.error(LOG_COMPONENT, "rate_limit_exceeded" + reason + " - gave up: " + e.getMessage());
            throw e;
        }
    }

    private static String where(int db, String id) {
        return databaseName(db) + " database (" + variable(db) + "=" + id + "): ";
    }

    private WorkLogException unreadable(int db, JsonNode page, Property p) {
        String title = RichText.plainText(page.path("properties").path(name(db == 2 ? WEEKLY_TITLE : MONTHLY_TITLE))
                .path("title"));
        String id = page.path("id").asText();
        return new NonRetryableException(databaseName(db) + " page '" + title + "' (" + page.path("url")
                .asText(pageUrl(id)) + ") has no '" + name(p) + "' date; fill it in or remove the page", null, null);
    }

    private static ObjectNode and(ArrayNode filters) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.set("and", filters);
        return f;
    }

    private static ObjectNode dateFilter(String property, String op, String value) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("property", property);
        f.putObject("date").put(op, value);
        return f;
    }

    private static ObjectNode textFilter(String property, String type, String value) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("property", property);
        f.putObject(type).put("equals", value);
        return f;
    }

    private static ArrayNode createdAscending() {
        ArrayNode sorts = Json.MAPPER.createArrayNode();
        sorts.addObject().put("timestamp", "created_time").put("direction", "ascending");
        return sorts;
    }

    private static Optional<JsonNode> first(List<JsonNode> pages) {
        return pages.isEmpty() ? Optional.empty() : Optional.of(pages.get(0));
    }

    private static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Instant parseInstant(String text, JsonNode page) {
        try {
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).toInstant();
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException ignored) {
            // fall back to the page's own stamp
        }
        String created = page.path("created_time").asText("");
        try {
            return created.isEmpty() ? clock.instant() : Instant.parse(created);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    private static String stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static String pageUrl(String id) {
        return "https://www.notion.so/" + id.replace("-", "");
    }

    private static HttpHeaders emptyHeaders() {
        return HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    /** Builds {@link NotionWorkLogRepository}s. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private String version = NotionClient.DEFAULT_VERSION;
        private String token;
        private String dailyDb;
        private String weeklyDb;
        private String monthlyDb;
        private NotionSchema schema = NotionSchema.defaults();
        private LogOptions options = LogOptions.defaults();
        private double rate = 3.0;
        private int burst = 10;
        private boolean sharedLimiter = true;
        private RetryPolicy retryPolicy = defaultRetryPolicy();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ExecutionLog executionLog = ExecutionLog.disabled();
        private HttpClient httpClient;
        private CircuitBreaker breaker;

        private Builder() {
        }

        /**
         * The retry policy used unless one is set: 6 retries, 1 s doubling to 30 s with jitter, every
         * {@code Retry-After} honoured in full, at most 15 minutes of waiting per call.
         */
        public static RetryPolicy defaultRetryPolicy() {
            return RetryPolicy.builder().maxRetries(6).initialBackoff(Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30)).maxServerWait(null).totalBudget(Duration.ofMinutes(15))
                    .build();
        }

        /** The Notion-Version used unless one is set. */
        public static String defaultVersion() {
            return NotionClient.DEFAULT_VERSION;
        }

        /** The API address; default {@code https://api.notion.com}. */
        public Builder baseUrl(URI value) {
            Objects.requireNonNull(value, "baseUrl");
            String s = value.toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
            return this;
        }

        /** The {@code Notion-Version}; default 2025-09-03. 2022-06-28 uses the database endpoints. */
        public Builder version(String value) {
            if (value == null || !value.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new IllegalArgumentException("Notion version must look like 2025-09-03, got '" + value + "'");
            }
            this.version = value.strip();
            return this;
        }

        /** The integration secret ({@code NOTION_API_KEY}). */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** The Daily Work Logs database ({@code NOTION_DB1_ID}); required. */
        public Builder dailyDatabaseId(String value) {
            this.dailyDb = blankToNull(value);
            return this;
        }

        /** The Weekly Achievements database ({@code NOTION_DB2_ID}); needed for weekly roll-ups. */
        public Builder weeklyDatabaseId(String value) {
            this.weeklyDb = blankToNull(value);
            return this;
        }

        /** The Monthly Highlights database ({@code NOTION_DB3_ID}); needed for monthly roll-ups. */
        public Builder monthlyDatabaseId(String value) {
            this.monthlyDb = blankToNull(value);
            return this;
        }

        /** Property names; default {@link NotionSchema#defaults()}. */
        public Builder schema(NotionSchema value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /** The categories and statuses the schema check expects as select options. */
        public Builder logOptions(LogOptions value) {
            this.options = Objects.requireNonNull(value, "logOptions");
            return this;
        }

        /**
         * The client-side limit: {@code perSecond} requests on average, {@code burst} at once (less one request of
         * headroom against network jitter); {@code 0} turns it off. Default 3/s, burst 10. Repositories with the
         * same token share one limiter, whose settings are those of the first one built.
         */
        public Builder rateLimit(double perSecond, int burst) {
            if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("rate limit must be zero or more requests per second");
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
            this.rate = perSecond;
            this.burst = burst;
            return this;
        }

        /**
         * Whether the limiter is shared with other repositories using the token (default); tests that inject a
         * clock turn this off so that they do not share state.
         */
        public Builder shareRateLimiter(boolean value) {
            this.sharedLimiter = value;
            return this;
        }

        /** Retries; default {@link #defaultRetryPolicy()}. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The clock for rate limiting, Retry-After dates and duplicate checks. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How to wait (rate limiter and retries); tests record instead of sleeping. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where retries and {@code rate_limit_exceeded} are recorded. */
        public Builder executionLog(ExecutionLog value) {
            this.executionLog = Objects.requireNonNull(value, "executionLog");
            return this;
        }

        /**
         * The breaker over the calls to Notion; by default 3 consecutive failed attempts open it for 5 s (doubling
         * while trials fail, up to a minute), measured with this builder's clock.
         */
        public Builder circuitBreaker(CircuitBreaker value) {
            this.breaker = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        /** The JDK HTTP client; by default one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the repository. Nothing is sent yet; call {@link NotionWorkLogRepository#verifySchema()} to check
         * the databases.
         *
         * @throws ConfigurationException naming {@code NOTION_API_KEY} or {@code NOTION_DB1_ID} when missing
         */
        public NotionWorkLogRepository build() {
            if (token == null || token.isBlank()) {
                throw new ConfigurationException(NotionRepositoryFactory.NOTION_API_KEY + " is not set: the secret of the Notion "
                        + "integration is needed to use the Notion store. Set it in the environment or in .env");
            }
            if (dailyDb == null) {
                throw new ConfigurationException(NotionRepositoryFactory.NOTION_DB1_ID + " is not set: the id of the Daily Work "
                        + "Logs database is needed to use the Notion store. Set it in the environment or in .env");
            }
            return new NotionWorkLogRepository(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
