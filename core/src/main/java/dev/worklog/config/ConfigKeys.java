package dev.worklog.config;

/**
 * The environment variables core reads. Names shared with the original system keep their meaning; provider and
 * Notion modules document their own variables ({@code CLAUDE_MODEL}, {@code NOTION_VERSION}, ...).
 */
public final class ConfigKeys {
    /** Notion integration secret; when set, the Notion store is the default. */
    public static final String NOTION_API_KEY = "NOTION_API_KEY";
    /** Daily Work Logs database id. */
    public static final String NOTION_DB1_ID = "NOTION_DB1_ID";
    /** Weekly Achievements database id. */
    public static final String NOTION_DB2_ID = "NOTION_DB2_ID";
    /** Monthly Highlights database id. */
    public static final String NOTION_DB3_ID = "NOTION_DB3_ID";
    /** {@code local} or {@code notion}; default {@code notion} when {@code NOTION_API_KEY} is set, else {@code local}. */
    public static final String WORKLOG_STORE = "WORKLOG_STORE";
    /** Folder of the local store; default {@code ./worklog-data}. */
    public static final String WORKLOG_DATA_DIR = "WORKLOG_DATA_DIR";
    /** {@code claude}, {@code openai}, {@code gemini} or {@code offline}. */
    public static final String LLM_PROVIDER = "LLM_PROVIDER";
    /** Comma-separated providers tried in order when the main one fails after its retries. */
    public static final String LLM_FALLBACK = "LLM_FALLBACK";
    /** The IANA zone in which "today" is computed; default the system zone. */
    public static final String WORKLOG_TIMEZONE = "WORKLOG_TIMEZONE";
    /** Prompt and offline-summary language: {@code ko} (default, as the original) or {@code en}. */
    public static final String WORKLOG_LANGUAGE = "WORKLOG_LANGUAGE";
    /** Comma-separated allowed categories, overriding the original's seven. */
    public static final String WORKLOG_CATEGORIES = "WORKLOG_CATEGORIES";
    /** Comma-separated allowed statuses; the first is the default. */
    public static final String WORKLOG_STATUSES = "WORKLOG_STATUSES";
    /** Execution log file; default {@code logs/execution.log}. */
    public static final String LOG_FILE = "LOG_FILE";
    /** {@code DEBUG}, {@code INFO} (default), {@code WARN} or {@code ERROR}. */
    public static final String LOG_LEVEL = "LOG_LEVEL";
    /** Bearer token the REST server requires; unset means no auth. */
    public static final String API_AUTH_TOKEN = "API_AUTH_TOKEN";
    /** The REST server's port; default 8000. */
    public static final String PORT = "PORT";
    /** Most seconds we wait when a server asks us to (Retry-After) before giving up; default 60. */
    public static final String WORKLOG_MAX_RETRY_WAIT = "WORKLOG_MAX_RETRY_WAIT";
    /** Retries after the first attempt of an LLM call; default 2. */
    public static final String WORKLOG_LLM_MAX_RETRIES = "WORKLOG_LLM_MAX_RETRIES";

    private ConfigKeys() {
    }
}
