package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NotFoundException;
import dev.worklog.internal.Json;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.blocks.BlockWriter;
import dev.worklog.notion.internal.blocks.BodySync;
import dev.worklog.notion.internal.client.NotionClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The roll-ups of one kind ({@link RollupPages}) in their database, upserted by period: a rerun updates the page's
 * properties and rewrites only the blocks of its body that changed ({@link BodySync}); never a second page. When
 * {@link #find} looked the period up less than two minutes before the upsert (the usual find, summarise, store
 * sequence), that answer is used instead of querying again, and the body it read is diffed against (read again if
 * it changed meanwhile).
 *
 * @param <R> the roll-up
 * @param <K> what a roll-up is upserted by
 */
public final class RollupStore<R, K> {
    /** How long a find's answer stands in for the upsert's query. */
    private static final Duration LOOKUP_TTL = Duration.ofMinutes(2);

    /** What the last find of a period saw: kept briefly, so that a page another process makes is found by a query. */
    private record Lookup(Optional<JsonNode> page, List<JsonNode> body, Instant at) {
    }

    private final Database database;
    private final Function<R, K> keyOf;
    private final RollupPages<R, K> pages;
    private final NotionClient client;
    private final BlockWriter writer;
    private final Databases databases;
    private final Clock clock;
    private final Map<K, Lookup> recent = new ConcurrentHashMap<>();

    /**
     * @param database where the pages are
     * @param keyOf what a roll-up is upserted by: its week, its month
     */
    public RollupStore(Database database, Function<R, K> keyOf, RollupPages<R, K> pages, NotionClient client,
            Databases databases, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.client = Objects.requireNonNull(client, "client");
        this.writer = new BlockWriter(client);
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The roll-up of the period, if its page exists; the page and body are kept for the upsert that may follow. */
    public Optional<R> find(K key) {
        return databases.call(database, db -> {
            Optional<JsonNode> page = page(db, key);
            List<JsonNode> body = page.map(p -> writer.readTree(PageValues.id(p))).orElse(null);
            recent.put(key, new Lookup(page, body, clock.instant()));
            return page.map(p -> pages.read(p, body));
        });
    }

    /** Every roll-up overlapping the period, in the kind's order. */
    public List<R> findOverlapping(Period overlapping) {
        return databases.call(database, db -> {
            List<R> out = new ArrayList<>();
            for (JsonNode page : client.queryAll(db, pages.overlapFilter(overlapping), pages.overlapSorts())) {
                out.add(pages.read(page, writer.readTree(PageValues.id(page))));
            }
            return out;
        });
    }

    /** Creates the period's page, or updates it in place; then links the sources beyond the first 100. */
    public StoredRef upsert(R rollup) {
        return databases.call(database, db -> {
            StoredRef ref = write(db, keyOf.apply(rollup), pages.properties(rollup), pages.blocks(rollup));
            pages.linkOverflow(rollup, ref.id());
            return ref;
        });
    }

    /** The roll-up as a rerun would read it back ({@link RollupPages#asStored}); no call is made. */
    public R asStored(R rollup) {
        return pages.asStored(rollup);
    }

    private StoredRef write(String db, K key, ObjectNode props, List<ObjectNode> blocks) {
        Lookup seen = recent.remove(key);
        boolean fresh = seen != null && !seen.at().plus(LOOKUP_TTL).isBefore(clock.instant());
        Optional<JsonNode> existing = fresh ? seen.page() : page(db, key);
        if (existing.isPresent()) {
            String id = PageValues.id(existing.get());
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
            return new StoredRef(id, PageValues.url(existing.get()));
        }
        List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
        JsonNode page = client.createPage(client.newPage(db, props, prefix), () -> page(db, key));
        String id = PageValues.id(page);
        writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
        return new StoredRef(id, PageValues.url(page));
    }

    private Optional<JsonNode> page(String db, K key) {
        return Filters.first(client.queryAll(db, pages.pageFilter(key), Filters.createdAscending()));
    }
}
