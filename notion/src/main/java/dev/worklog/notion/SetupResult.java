package dev.worklog.notion;

import dev.worklog.notion.NotionSchema.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link NotionSetup#createDatabases} did under a page: the id of each database, which ones it created and
 * which it found there (made by an earlier run), and how the found ones differ from what worklog writes.
 *
 * @param parentPageId the page the databases are under
 * @param parentTitle the page's title
 * @param databaseIds each database's id
 * @param created the databases this run created; the others were found under the page by their title
 * @param needsRepair for the databases found: each way they differ from worklog's schema, one sentence each (empty
 *     when they are ready); {@link NotionSetup#planRepair} turns them into changes
 */
public record SetupResult(String parentPageId, String parentTitle, Map<Database, String> databaseIds,
        List<Database> created, List<String> needsRepair) {
    public SetupResult {
        Objects.requireNonNull(parentPageId, "parentPageId");
        Objects.requireNonNull(parentTitle, "parentTitle");
        Map<Database, String> ids = new EnumMap<>(Database.class);
        ids.putAll(Objects.requireNonNull(databaseIds, "databaseIds"));
        databaseIds = Collections.unmodifiableMap(ids);
        created = List.copyOf(Objects.requireNonNull(created, "created"));
        needsRepair = List.copyOf(Objects.requireNonNull(needsRepair, "needsRepair"));
    }

    /** The databases found under the page rather than created. */
    public List<Database> found() {
        List<Database> out = new ArrayList<>(databaseIds.keySet());
        out.removeAll(created);
        return out;
    }

    /** The {@code .env} lines that configure these databases, e.g. {@code NOTION_DB1_ID=...}, one a line. */
    public List<String> envLines() {
        List<String> out = new ArrayList<>();
        databaseIds.forEach((db, id) -> out.add(db.variable() + "=" + id));
        return out;
    }
}
