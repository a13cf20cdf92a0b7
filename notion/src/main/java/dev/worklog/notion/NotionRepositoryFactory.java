package dev.worklog.notion;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.model.LogOptions;
import dev.worklog.notion.internal.client.NotionSettings;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.util.List;

/**
 * Makes the Notion store from configuration; found by {@link java.util.ServiceLoader} under the name
 * {@code notion}.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>Variable</th><th>Meaning</th><th>Default</th></tr>
 * <tr><td>{@code NOTION_API_KEY}</td><td>integration secret</td><td>required</td></tr>
 * <tr><td>{@code NOTION_DB1_ID}</td><td>Daily Work Logs database</td><td>required</td></tr>
 * <tr><td>{@code NOTION_DB2_ID}</td><td>Weekly Achievements database</td><td>required by weekly runs</td></tr>
 * <tr><td>{@code NOTION_DB3_ID}</td><td>Monthly Highlights database</td><td>required by monthly runs</td></tr>
 * <tr><td>{@code NOTION_DB4_ID}</td><td>Review Packets database</td><td>optional: review packets saved without it
 * are pages under the monthly database's page</td></tr>
 * <tr><td>{@code NOTION_VERSION}</td><td>{@code Notion-Version} header</td><td>2025-09-03</td></tr>
 * <tr><td>{@code NOTION_BASE_URL}</td><td>API address</td><td>https://api.notion.com</td></tr>
 * <tr><td>{@code NOTION_RATE_LIMIT}</td><td>requests per second, 0 = off</td><td>3</td></tr>
 * <tr><td>{@code NOTION_RATE_BURST}</td><td>requests at once</td><td>10</td></tr>
 * <tr><td>{@code NOTION_MAX_RETRIES}</td><td>retries after the first attempt</td><td>6</td></tr>
 * <tr><td>{@code NOTION_RETRY_BUDGET}</td><td>most waiting per call, e.g. {@code 15m}</td><td>15 minutes</td></tr>
 * <tr><td>{@code NOTION_PROPERTY_<PROPERTY>}</td><td>a property name, see {@link NotionSchema.Property}</td>
 * <td>the design's names</td></tr>
 * </table>
 */
public final class NotionRepositoryFactory implements WorkLogRepositoryFactory {
    /** The name {@code WORKLOG_STORE} selects. */
    public static final String NAME = "notion";
    /** Notion integration secret; when set, the Notion store is the default. */
    public static final String NOTION_API_KEY = "NOTION_API_KEY";
    /** Daily Work Logs database id. */
    public static final String NOTION_DB1_ID = "NOTION_DB1_ID";
    /** Weekly Achievements database id. */
    public static final String NOTION_DB2_ID = "NOTION_DB2_ID";
    /** Monthly Highlights database id. */
    public static final String NOTION_DB3_ID = "NOTION_DB3_ID";
    /** Review Packets database id (optional). */
    public static final String NOTION_DB4_ID = "NOTION_DB4_ID";
    /** The API's address. */
    public static final String NOTION_BASE_URL = "NOTION_BASE_URL";
    /** Where integrations and their secrets are made. */
    public static final String INTEGRATIONS_PAGE = "https://www.notion.so/my-integrations";

    /** Used by {@link java.util.ServiceLoader}. */
    public NotionRepositoryFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkLogRepository create(SpiContext context) {
        WorkLogConfig c = context.config();
        String token = c.require(NOTION_API_KEY, "the secret of the Notion integration");
        String db1 = c.require(NOTION_DB1_ID, "the id of the Daily Work Logs database");
        NotionWorkLogRepository.Builder b = NotionWorkLogRepository.builder()
                .token(token)
                .dailyDatabaseId(db1)
                .weeklyDatabaseId(c.get(NOTION_DB2_ID, null))
                .monthlyDatabaseId(c.get(NOTION_DB3_ID, null))
                .reviewDatabaseId(c.get(NOTION_DB4_ID, null))
                .schema(NotionSchema.fromConfig(c))
                .clock(context.clock())
                .sleeper(context.sleeper())
                .executionLog(context.executionLog());
        NotionSettings settings = NotionSettings.fromConfig(c, context.clock());
        b.version(settings.version())
                .baseUrl(settings.baseUrl())
                .rateLimit(settings.rate(), settings.burst())
                .retryPolicy(settings.retryPolicy())
                .circuitBreaker(settings.breaker());
        b.logOptions(LogOptions.fromConfig(c));
        return b.build();
    }

    /** How to get all the ids at once, for doctor's hints. */
    private static final String CREATE = "; or let `worklog setup notion --parent <page link> --write-env` create "
            + "the databases and set their ids";

    /** The Notion store is the default store when its key is set (as in the original system). */
    @Override
    public boolean selectedByDefault(WorkLogConfig config) {
        return config.isSet(NOTION_API_KEY);
    }

    @Override
    public List<String> variables() {
        return List.of(NOTION_API_KEY, NOTION_DB1_ID, NOTION_DB2_ID, NOTION_DB3_ID, NOTION_DB4_ID);
    }

    /**
     * Doctor's words for Notion: the database variable of each collection, where secrets are made, what each id is,
     * and how to share a database with the integration (Notion answers 403 or 404 for one it may not see).
     */
    @Override
    public DoctorAdvice advice() {
        return DoctorAdvice.builder("Notion")
                .keyVariable(NOTION_API_KEY).baseUrlVariable(NOTION_BASE_URL).keysPage(INTEGRATIONS_PAGE)
                .collectionVariable(DoctorAdvice.Collection.DAILY, NOTION_DB1_ID)
                .collectionVariable(DoctorAdvice.Collection.WEEKLY, NOTION_DB2_ID)
                .collectionVariable(DoctorAdvice.Collection.MONTHLY, NOTION_DB3_ID)
                .hint(NOTION_API_KEY, " (the integration's secret, from " + INTEGRATIONS_PAGE + ")")
                .hint(NOTION_DB1_ID, " (the id in the Daily Work Logs database's URL" + CREATE + ")")
                .hint(NOTION_DB2_ID, " (the id in the Weekly Achievements database's URL" + CREATE + ")")
                .hint(NOTION_DB3_ID, " (the id in the Monthly Highlights database's URL" + CREATE + ")")
                .hint(NOTION_DB4_ID, " (optional: the id in the Review Packets database's URL" + CREATE + ")")
                .fix(PermissionDeniedException.class, db -> "Share the database with the integration: open it in "
                        + "Notion, ••• > Connections > add your integration"
                        + db.map(v -> " (the database of " + v + ")").orElse(""))
                .fix(NotFoundException.class, db -> "Check " + db.orElse("the database ids") + " (the 32 characters "
                        + "in the database's URL) and share that database with the integration (Notion answers 404 "
                        + "for databases it may not see)")
                .build();
    }
}
