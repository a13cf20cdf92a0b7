package dev.worklog.notion.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.RateLimitException;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.internal.client.NotionClient;
import dev.worklog.notion.internal.client.NotionErrorReader;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The databases a repository works on (the review database optional): their ids, their schemas (read once, or again by the schema check),
 * and the calls made on them, whose errors name the database and the variable that holds its id.
 */
public final class Databases {
    private final NotionClient client;
    private final ExecutionLog executionLog;
    private final Map<Database, String> ids = new EnumMap<>(Database.class);
    private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();

    /** The ids may be null but the daily one: a database whose id is unset fails only the calls that need it. */
    public Databases(NotionClient client, String daily, String weekly, String monthly, String reviews,
            ExecutionLog executionLog) {
        this.client = Objects.requireNonNull(client, "client");
        this.executionLog = Objects.requireNonNull(executionLog, "executionLog");
        ids.put(Database.DAILY, Objects.requireNonNull(daily, "daily"));
        if (weekly != null) {
            ids.put(Database.WEEKLY, weekly);
        }
        if (monthly != null) {
            ids.put(Database.MONTHLY, monthly);
        }
        if (reviews != null) {
            ids.put(Database.REVIEWS, reviews);
        }
    }

    /** The database's id, if its variable is set. */
    public Optional<String> configured(Database database) {
        return Optional.ofNullable(ids.get(database));
    }

    /**
     * The database's id.
     *
     * @throws ConfigurationException naming the variable when it is not set
     */
    public String id(Database database) {
        String id = ids.get(database);
        if (id == null) {
            throw new ConfigurationException(database.variable() + " is not set: the id of the " + database.title()
                    + " database is needed for " + database.name().toLowerCase(Locale.ROOT) + " roll-ups. Set it in "
                    + "the environment or in .env");
        }
        return id;
    }

    /** The database's schema (an object with {@code properties}), read on first use. */
    public JsonNode schema(Database database) {
        return schemas.computeIfAbsent(id(database), client::retrieveSchema);
    }

    /** The schema if it was read before: nothing is sent. */
    public Optional<JsonNode> knownSchema(Database database) {
        return configured(database).map(schemas::get);
    }

    /** Reads the schema again and keeps it. */
    public JsonNode readSchema(Database database) {
        String id = id(database);
        JsonNode found = client.retrieveSchema(id);
        schemas.put(id, found);
        return found;
    }

    /**
     * Runs a call on one database, given its id. When Notion cannot find or open something, the error names the
     * database and its variable; a rate limit that outlasted the retries is written to the execution log.
     *
     * @throws ConfigurationException before anything is sent when the database's variable is not set
     */
    public <T> T call(Database database, Function<String, T> call) {
        String id = id(database);
        try {
            return call.apply(id);
        } catch (NotFoundException e) {
            throw new NotFoundException(where(database, id) + e.getMessage(), e.upstream().orElse(null), e);
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException(where(database, id) + e.getMessage(), e.upstream().orElse(null), e);
        } catch (RateLimitException e) {
            // retries are logged as they happen; giving up must be greppable by the same keyword
            String reason = e.upstream().map(u -> u.reason()).filter(r -> !r.isEmpty()).map(r -> " (" + r + ")")
                    .orElse("");
            executionLog.error(NotionErrorReader.SERVICE, "rate_limit_exceeded" + reason + " - gave up: "
                    + e.getMessage());
            throw e;
        }
    }

    private static String where(Database database, String id) {
        return database.title() + " database (" + database.variable() + "=" + id + "): ";
    }
}
