package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.TransportException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.Json;
import dev.worklog.log.ProgressListener;
import dev.worklog.log.ProgressListener.Step;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.EntryIds;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.blocks.BlockWriter;
import dev.worklog.notion.internal.blocks.Blocks;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.WaitMeter;
import dev.worklog.spi.WorkLogRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily logs in the Daily Work Logs database: written once each (found by entry id before a create is sent
 * again, or before a delivery creates at all), all or nothing, and read a period at a time.
 */
public final class DailyLogs {
    /**
     * Added to a page's {@code last_edited_time} for its {@link EditStamp}: Notion stamps edits to the minute, and
     * a minute more covers a client clock that runs behind Notion's.
     */
    public static final Duration EDIT_STAMP_SLACK = Duration.ofMinutes(2);

    /** How long a create whose answer was lost waits before its second lookup. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * How long a period's listing (the query behind {@link #stamps}) is kept for the read that follows it in the same
     * run: once, and briefly, so that a later run never works from an old list.
     */
    private static final Duration LISTING_TTL = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(DailyLogs.class);

    private record Listing(List<JsonNode> pages, Instant at) {
    }

    private final NotionClient client;
    private final BlockWriter writer;
    private final Databases databases;
    private final DailyPages pages;
    private final EntryLookup entries;
    private final ReaderPool readers;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    public DailyLogs(NotionClient client, Databases databases, DailyPages pages, EntryLookup entries,
            ReaderPool readers, Clock clock, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.writer = new BlockWriter(client);
        this.databases = Objects.requireNonNull(databases, "databases");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Creates the page with its entry id (a log without one gets a fresh one). A create whose answer was lost is
     * looked up by that id before it is sent again; a body cut short by a failed append is moved to the trash.
     */
    public StoredRef save(DailyLog given) {
        DailyLog log = given.entryId() == null ? given.withEntryId(EntryIds.generate()) : given;
        return databases.call(Database.DAILY, db -> {
            ObjectNode properties = pages.properties(log);
            ObjectNode heading = DailyPages.contextHeading();
            entries.write(log, properties, heading, entries.hasProperty());
            List<ObjectNode> blocks = DailyPages.body(heading, log);
            List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
            JsonNode page = client.createPage(client.newPage(db, properties, prefix), () -> landed(log));
            String id = PageValues.id(page);
            try {
                writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
            } catch (RuntimeException e) {
                // a log with half its context would be read as complete; trash it so that a rerun starts clean
                try {
                    client.trashPage(id);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return new StoredRef(id, PageValues.url(page));
        });
    }

    /**
     * Whether a create whose answer was lost landed: the entry id is looked up, and when nothing is found, looked up
     * once more a second later, because a query is not promised to show a page created a moment before (an
     * ambiguous failure is rare; the second look costs one query and a second).
     */
    private Optional<JsonNode> landed(DailyLog log) {
        Optional<JsonNode> found = entries.find(log);
        if (found.isEmpty()) {
            try {
                sleeper.sleep(SETTLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while checking whether a Notion create landed");
            }
            found = entries.find(log);
        }
        return found;
    }

    /**
     * Looks the entry id up first and creates the page only when it is absent. A page found whose body was being
     * written in several requests when the earlier attempt stopped (it has fewer blocks than the context makes) is
     * moved to the trash and written again; a body that fits in the create request is complete whenever the page
     * exists.
     */
    public StoredRef ensure(DailyLog log) {
        if (log.entryId() == null) {
            return save(log);
        }
        Optional<JsonNode> found = databases.call(Database.DAILY, db -> entries.find(log));
        if (found.isEmpty()) {
            return save(log);
        }
        String id = PageValues.id(found.get());
        if (!bodyComplete(id, log)) {
            LOG.info("notion: entry {} was left half written by an earlier attempt; writing it again", log.entryId());
            databases.call(Database.DAILY, db -> {
                client.trashPage(id);
                return null;
            });
            return save(log);
        }
        return new StoredRef(id, PageValues.url(found.get()));
    }

    /** Whether a found page holds the whole context: always when it was written by the create alone. */
    private boolean bodyComplete(String pageId, DailyLog log) {
        List<ObjectNode> blocks = DailyPages.body(DailyPages.contextHeading(), log);
        if (BlockWriter.createPrefix(blocks).size() == blocks.size()) {
            return true;
        }
        int expected = 0;
        for (JsonNode b : blocks) {
            expected += Blocks.count(b);
        }
        int found = 0;
        for (JsonNode b : databases.call(Database.DAILY, db -> writer.readTree(pageId))) {
            found += Blocks.count(b);
        }
        return found >= expected;
    }

    /**
     * The page {@link #save} would create, without calling Notion: the database, the properties and the body blocks
     * as one tree. The entry id is shown where it would go: in {@code Entry ID}, unless the database was read before
     * and lacks it.
     */
    public Map<String, Object> preview(DailyLog log, String store) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("store", store);
        page.put("database_id", databases.id(Database.DAILY));
        ObjectNode properties = pages.properties(log);
        ObjectNode heading = DailyPages.contextHeading();
        entries.write(log, properties, heading, entries.hasPropertyAsFarAsKnown());
        page.set("properties", properties);
        ArrayNode children = page.putArray("children");
        DailyPages.body(heading, log).forEach(children::add);
        return Json.MAPPER.convertValue(page, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * The period's logs of these statuses, bodies read a few at a time; {@code progress} is told of each page read,
     * with how long the reads waited for the rate limiter (as wall-clock time: readers wait side by side).
     */
    public List<DailyLog> find(Period period, Set<String> statuses, ProgressListener progress) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(progress, "progress");
        WaitMeter waits = new WaitMeter();
        return databases.call(Database.DAILY, db -> waits.measure(() -> {
            List<JsonNode> listed = listing(db, period, statuses);
            AtomicInteger done = new AtomicInteger();
            progress.onStep(new Step(WorkLogRepository.READING_DAILY_LOGS, 0, listed.size(), waits.total()));
            List<DailyLog> out = new ArrayList<>();
            for (DailyLog log : readers.map(listed, page -> waits.measure(() -> {
                DailyLog read = pages.read(page, writer.readTree(PageValues.id(page)));
                progress.onStep(new Step(WorkLogRepository.READING_DAILY_LOGS, done.incrementAndGet(), listed.size(),
                        waits.total()));
                return read;
            }))) {
                // a date stored with a time or a zone may match a filter on its neighbour day; the period decides
                if (period.contains(log.loggedDate())) {
                    out.add(log);
                }
            }
            return out;
        }));
    }

    /**
     * The period's logs as the query lists them: each page's {@code last_edited_time} plus
     * {@link #EDIT_STAMP_SLACK}. One query, no body read; a {@link #find} of the same period that follows within
     * seconds reuses the query's answer.
     */
    public List<EditStamp> stamps(Period period, Set<String> statuses) {
        return databases.call(Database.DAILY, db -> {
            List<JsonNode> listed = query(db, period, statuses);
            listings.put(key(period, statuses), new Listing(listed, clock.instant()));
            List<EditStamp> out = new ArrayList<>();
            for (JsonNode page : listed) {
                if (period.contains(pages.loggedDate(page))) {
                    out.add(new EditStamp(PageValues.id(page), PageValues.instant(
                            page.path("last_edited_time").asText(""), page, clock).plus(EDIT_STAMP_SLACK)));
                }
            }
            return out;
        });
    }

    private List<JsonNode> listing(String db, Period period, Set<String> statuses) {
        Listing seen = listings.remove(key(period, statuses));
        if (seen != null && !seen.at().plus(LISTING_TTL).isBefore(clock.instant())) {
            return seen.pages();
        }
        return query(db, period, statuses);
    }

    private List<JsonNode> query(String db, Period period, Set<String> statuses) {
        return client.queryAll(db, pages.periodFilter(period, statuses), pages.periodSorts());
    }

    private static String key(Period period, Set<String> statuses) {
        return period + " " + new TreeSet<>(statuses);
    }
}
