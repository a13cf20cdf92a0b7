package dev.worklog.config;

/**
 * The environment variables core reads. Names shared with the original system keep their meaning. Each plug-in
 * module owns its own names: the Notion store's are on {@code NotionRepositoryFactory}, each provider's on its
 * factory ({@code CLAUDE_API_KEY}, {@code CLAUDE_MODEL}, ...), the REST API's and its server's
 * ({@code API_AUTH_TOKEN}, {@code PORT}, ...) on {@code RestConfigKeys} in {@code worklog-rest}.
 */
public final class ConfigKeys {
    /**
     * The store's name, e.g. {@code local}; default: the store the configuration selects (Notion when its key is
     * set), else {@code local}.
     */
    public static final String WORKLOG_STORE = "WORKLOG_STORE";
    /** Folder of the local store; default {@code ./worklog-data}. */
    public static final String WORKLOG_DATA_DIR = "WORKLOG_DATA_DIR";
    /**
     * The main LLM provider's name, e.g. {@code offline}; default: the provider the configuration selects (Claude
     * when its key is set), else {@code offline}.
     */
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
    /** The most tokens a roll-up reply may use; default 8192. */
    public static final String WORKLOG_MAX_OUTPUT_TOKENS = "WORKLOG_MAX_OUTPUT_TOKENS";
    /** Most seconds we wait when a server asks us to (Retry-After) before giving up; default 60. */
    public static final String WORKLOG_MAX_RETRY_WAIT = "WORKLOG_MAX_RETRY_WAIT";
    /** Retries after the first attempt of an LLM call; default 2. */
    public static final String WORKLOG_LLM_MAX_RETRIES = "WORKLOG_LLM_MAX_RETRIES";
    /**
     * What is replaced by placeholders before a prompt leaves the machine: {@code off}, {@code standard} (the default
     * for every provider but the offline summarizer, which sends nothing) or {@code strict}; see
     * {@link RedactionMode}.
     */
    public static final String WORKLOG_REDACT = "WORKLOG_REDACT";
    /**
     * A file of terms to redact (customer and partner names, project code names): one term a line, {@code /regex/}
     * for a pattern, {@code [label]} to name the placeholders of the terms below it ({@code [customer]} gives
     * {@code [CUSTOMER_1]}), {@code #} for comments.
     */
    public static final String WORKLOG_REDACT_TERMS_FILE = "WORKLOG_REDACT_TERMS_FILE";
    /**
     * Comma-separated domains whose host names, URLs and e-mail hosts are internal, e.g. {@code acme.com}; the
     * private-use suffixes {@code .internal}, {@code .local}, {@code .corp}, {@code .lan} and {@code .intranet} always
     * are.
     */
    public static final String WORKLOG_REDACT_DOMAINS = "WORKLOG_REDACT_DOMAINS";
    /** The regular expression of a ticket key; default {@code ABC-123} style; {@code none} turns ticket keys off. */
    public static final String WORKLOG_REDACT_TICKET_PATTERN = "WORKLOG_REDACT_TICKET_PATTERN";
    /** Comma-separated values never redacted even when a detector matches them, e.g. {@code GPT-4,build.local}. */
    public static final String WORKLOG_REDACT_KEEP = "WORKLOG_REDACT_KEEP";

    /**
     * A JSON Resume document (your {@code resume.json}) whose {@code work} entries name your employers and roles:
     * {@code review --format json-resume} adds a packet's achievements to the highlights of each role they fall in.
     */
    public static final String WORKLOG_RESUME_FILE = "WORKLOG_RESUME_FILE";

    private ConfigKeys() {
    }
}
