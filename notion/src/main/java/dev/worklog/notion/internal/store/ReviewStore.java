package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.ConfigurationException;
import dev.worklog.internal.Json;
import dev.worklog.model.StoredRef;
import dev.worklog.notion.NotionSchema;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.blocks.BlockWriter;
import dev.worklog.notion.internal.blocks.Blocks;
import dev.worklog.notion.internal.blocks.BodySync;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where review packets are kept in Notion. With the Review Packets database ({@code NOTION_DB4_ID}) set: a page of
 * that database per period, upserted like the roll-ups ({@link RollupStore} over {@link ReviewPages}). Without it: a
 * child page of the page that holds the Monthly Highlights database (read from the database's {@code parent}),
 * titled by the packet ({@code Review 2026-Q4 (...)}, {@code 성과 리뷰 2026-Q4 (...)}) and found again among that
 * page's children by the title of its period in either language. Either way the body is {@link ReviewPages#body}
 * and a rewrite changes only the blocks that differ ({@link BodySync}).
 */
public final class ReviewStore {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewStore.class);

    private final NotionClient client;
    private final Databases databases;
    private final BlockWriter writer;
    private final RollupStore<ReviewPacket, ReviewPeriod> database;
    /** The page the monthly database is on, once read: it does not move while the process runs. */
    private volatile String parentPage;

    public ReviewStore(NotionClient client, Databases databases, NotionSchema schema, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.databases = Objects.requireNonNull(databases, "databases");
        this.writer = new BlockWriter(client);
        this.database = new RollupStore<>(Database.REVIEWS, ReviewPacket::period, new ReviewPages(schema), client,
                databases, clock);
    }

    /** Where packets go, for messages: the database, or the page of the monthly database. */
    public String describe() {
        return databases.configured(Database.REVIEWS).map(id -> "the " + Database.REVIEWS.title() + " database ("
                + Database.REVIEWS.variable() + ")").orElse("a page under the " + Database.MONTHLY.title()
                        + " database's page");
    }

    /** The packet kept for the period; empty when there is none or its page holds no packet worklog can read. */
    public Optional<ReviewPacket> find(ReviewPeriod period) {
        Objects.requireNonNull(period, "period");
        try {
            if (databases.configured(Database.REVIEWS).isPresent()) {
                return database.find(period);
            }
            Optional<String> parent = placeUnderMonthly();
            if (parent.isEmpty()) {
                return Optional.empty(); // nowhere to keep packets: none was kept (saving says why)
            }
            return childPage(parent.get(), period).flatMap(page -> ReviewPages.packet(writer.readTree(PageValues.id(page)))
                    .map(p -> p.withStored(PageValues.id(page), PageValues.urlOf(PageValues.id(page)))));
        } catch (IllegalArgumentException e) {
            LOG.warn("review {}: {}; the packet is made anew and the page rewritten", period.label(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Creates the period's page, or rewrites the one there. */
    public StoredRef upsert(ReviewPacket packet) {
        Objects.requireNonNull(packet, "packet");
        if (databases.configured(Database.REVIEWS).isPresent()) {
            return database.upsert(packet);
        }
        String parent = parent();
        List<ObjectNode> blocks = ReviewPages.body(packet);
        Optional<JsonNode> existing = childPage(parent, packet.period());
        if (existing.isPresent()) {
            String id = PageValues.id(existing.get());
            if (!Blocks.body(existing.get()).path("title").asText().equals(packet.title())) {
                ObjectNode update = Json.MAPPER.createObjectNode();
                update.set("properties", new PageProperties().title("title", packet.title()).build());
                client.updatePage(id, update);
            }
            new BodySync(client, writer).sync(id, writer.readTree(id), blocks);
            return new StoredRef(id, PageValues.urlOf(id));
        }
        List<ObjectNode> prefix = BlockWriter.createPrefix(blocks);
        ObjectNode create = Json.MAPPER.createObjectNode();
        create.putObject("parent").put("type", "page_id").put("page_id", parent);
        create.set("properties", new PageProperties().title("title", packet.title()).build());
        prefix.forEach(create.putArray("children")::add);
        String id = PageValues.id(client.createPage(create, () -> childPage(parent, packet.period())));
        writer.append(id, blocks.subList(prefix.size(), blocks.size()), prefix.size());
        return new StoredRef(id, PageValues.urlOf(id));
    }

    /** The {@code child_page} block of the period's page among the parent's children, the first if several. */
    private Optional<JsonNode> childPage(String parent, ReviewPeriod period) {
        List<String> titles = List.of(ReviewPacket.titleFor(period, "en"), ReviewPacket.titleFor(period, "ko"));
        return client.listChildren(parent).stream().filter(b -> Blocks.type(b).equals("child_page")
                && titles.contains(Blocks.body(b).path("title").asText())).findFirst();
    }

    /** The page the monthly database is on, if it is on a page (and its id is set). */
    private Optional<String> placeUnderMonthly() {
        if (parentPage == null && databases.configured(Database.MONTHLY).isPresent()) {
            JsonNode parent = databases.call(Database.MONTHLY, client::retrieveDatabase).path("parent");
            if (parent.path("type").asText().equals("page_id")) {
                parentPage = parent.path("page_id").asText();
            }
        }
        return Optional.ofNullable(parentPage);
    }

    /**
     * The page the monthly database is on.
     *
     * @throws ConfigurationException saying to set the review database's id when there is no such page
     */
    private String parent() {
        Optional<String> known = placeUnderMonthly();
        if (known.isPresent()) {
            return known.get();
        }
        if (databases.configured(Database.MONTHLY).isEmpty()) {
            throw new ConfigurationException("review packets are kept in the " + Database.REVIEWS.title()
                    + " database (" + Database.REVIEWS.variable() + ") or under the page that holds the "
                    + Database.MONTHLY.title() + " database (" + Database.MONTHLY.variable() + "); set either");
        }
        throw new ConfigurationException("the " + Database.MONTHLY.title() + " database is not directly on a page (it "
                + "is inside a block or at the workspace's top level), so review packets have no page to go under: set "
                + Database.REVIEWS.variable() + " to a " + Database.REVIEWS.title() + " database (`worklog setup "
                + "notion --parent <page link> --write-env` creates it)");
    }
}
