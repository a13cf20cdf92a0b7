package dev.worklog.notion.internal.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.WorkLogException;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.client.NotionClient;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The databases relations point at: their ids where known, and how a relation names one (its data source from
 * 2025-09-03, the database before).
 */
public final class Targets {
    private final NotionClient client;
    private final Function<Database, Optional<String>> ids;

    /**
     * @param client resolves data sources
     * @param ids a database's id, or empty when it is not known (its variable is unset, it is not made yet)
     */
    public Targets(NotionClient client, Function<Database, Optional<String>> ids) {
        this.client = Objects.requireNonNull(client, "client");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The database's id, if known. */
    public Optional<String> id(Database database) {
        return ids.apply(database);
    }

    /** Whether a relation's configuration points at {@code target}; empty when that cannot be told. */
    public Optional<Boolean> pointsAt(JsonNode relation, Database target) {
        Optional<String> id = id(target);
        String relDb = relation.path("database_id").asText("");
        String relDs = relation.path("data_source_id").asText("");
        if (id.isEmpty() || relDb.isEmpty() && relDs.isEmpty()) {
            return Optional.empty();
        }
        if (sameId(relDb, id.get())) {
            return Optional.of(true);
        }
        return Optional.of(!relDs.isEmpty() && client.usesDataSources() && sameId(relDs, dataSourceOrNull(id.get())));
    }

    /**
     * The relation configuration's pointer at a database: {@code data_source_id} from 2025-09-03,
     * {@code database_id} before.
     *
     * @return the key and the id, e.g. {@code ["data_source_id", "..."]}
     */
    public String[] pointer(String databaseId) {
        return client.usesDataSources() ? new String[] {"data_source_id", client.dataSourceId(databaseId)}
                : new String[] {"database_id", databaseId};
    }

    /** The pointer of an existing relation's configuration, as a change to it must name its target again. */
    public String[] pointerOf(JsonNode relation) {
        String source = relation.path("data_source_id").asText("");
        if (client.usesDataSources() && !source.isEmpty()) {
            return new String[] {"data_source_id", source};
        }
        return pointer(relation.path("database_id").asText());
    }

    private String dataSourceOrNull(String databaseId) {
        try {
            return client.dataSourceId(databaseId);
        } catch (WorkLogException e) {
            return null;
        }
    }

    /** Whether two Notion ids are the same, with or without dashes. */
    public static boolean sameId(String a, String b) {
        return a != null && b != null && !a.isEmpty() && a.replace("-", "").equalsIgnoreCase(b.replace("-", ""));
    }
}
