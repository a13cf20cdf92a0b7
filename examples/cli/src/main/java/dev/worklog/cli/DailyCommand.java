package dev.worklog.cli;

import dev.worklog.LogResult;
import dev.worklog.WorkLogger;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.ImpactLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worklog daily}: records one daily log, interactively (prompts, as the original) or from flags or the REST
 * body's JSON (a file or stdin).
 */
@Command(name = "daily", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record a daily work log.",
            "Without data options on a terminal (or with --interactive) it asks for each field; otherwise it takes "
                + "the flags below, or --json with the REST body (snake_case fields). Flags override JSON fields."},
        footer = {"", "Examples:", "  worklog daily",
            "  worklog daily --title \"Cut p99 latency\" --category 성능개선 --impact High \\",
            "      --tech Java,Redis --context-file notes.md",
            "  worklog daily --json entry.json", "  echo '{...}' | worklog daily --json -"})
final class DailyCommand implements Callable<Integer> {
    /** Technologies offered by number in the interactive multi-select; anything else can be typed. */
    static final List<String> COMMON_TECH = List.of("Java", "Kotlin", "Spring Boot", "Python", "FastAPI",
            "TypeScript", "React", "Node.js", "Go", "PostgreSQL", "MySQL", "Redis", "Kafka", "Elasticsearch",
            "Docker", "Kubernetes", "AWS", "Terraform", "GitHub Actions", "Notion API");

    /** Shown before the context prompt: the shape the weekly roll-up reads best. */
    static final String STAR_TEMPLATE = String.join("\n",
            "  ### Situation", "  (what was the situation or problem?)",
            "  ### Task", "  (what did you have to achieve?)",
            "  ### Action", "  - (what you did, one item per step)",
            "  ### Result", "  (the outcome, with numbers: %, ms, counts)");

    @ParentCommand
    private Main main;

    @Option(names = "--title", paramLabel = "TEXT", description = "What was done, in one line.")
    private String title;

    @Option(names = "--context", paramLabel = "MARKDOWN", description = "The STAR context (markdown).")
    private String context;

    @Option(names = "--context-file", paramLabel = "FILE", description = "Read the context from a file (- for stdin).")
    private String contextFile;

    @Option(names = "--category", paramLabel = "NAME", description = "A configured category, e.g. 성능개선 or "
            + "버그픽스 (WORKLOG_CATEGORIES).")
    private String category;

    @Option(names = "--impact", paramLabel = "LEVEL", description = "High, Medium or Low.")
    private String impact;

    @Option(names = "--tech", paramLabel = "NAME[,NAME...]", description = "Technologies; repeatable or comma-separated.")
    private List<String> tech;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day of the work (default: today in "
            + "WORKLOG_TIMEZONE).")
    private String date;

    @Option(names = "--status", paramLabel = "NAME", description = "Logged (default), In Review or Published.")
    private String status;

    @Option(names = "--metrics", paramLabel = "TEXT", description = "Measurable results in free text.")
    private String metrics;

    @Option(names = "--ticket-url", paramLabel = "URL", description = "An http(s) link to the ticket.")
    private String ticketUrl;

    @Option(names = "--json", paramLabel = "FILE", description = "Read the entry as the REST body's JSON from FILE "
            + "(- for stdin).")
    private String json;

    @Option(names = {"-i", "--interactive"}, description = "Ask for each field even when input is not a terminal; "
            + "given flags become the answers' defaults.")
    private boolean interactive;

    @Option(names = "--dry-run", description = "Validate and show the entry; store nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        Io io = main.io();
        boolean anyData = json != null || title != null || context != null || contextFile != null || category != null
                || impact != null || tech != null || date != null || status != null || metrics != null
                || ticketUrl != null;
        if (json != null && "-".equals(json) && "-".equals(contextFile)) {
            throw new CliException("--json - and --context-file - both read stdin; give one of them a file");
        }
        if (context != null && contextFile != null) {
            throw new CliException("give --context or --context-file, not both");
        }
        boolean ask = interactive || (!anyData && io.isTerminal());
        if (!ask && !anyData) {
            throw new CliException("nothing to record: give --json FILE (or --json - for stdin), the field flags "
                    + "(--title, --context, --category, --impact, --tech, ...), or --interactive");
        }
        // read the inputs before opening the store, so that a missing file fails fast and touches nothing
        DailyLogDraft fromJson = null;
        ValidationException jsonProblem = null;
        if (json != null) {
            try {
                fromJson = DailyLogCodec.parse(read(json, "--json"));
            } catch (ValidationException e) {
                jsonProblem = e;
            }
        }
        String contextText = contextFile != null ? read(contextFile, "--context-file") : context;
        DailyLogDraft draft = merge(fromJson, contextText);

        try (WorkLogger logger = main.openLogger()) {
            if (jsonProblem != null) {
                logger.executionLog().error(ExecutionLog.DAILY_LOGGER, "rejected daily log from " + describe(json)
                        + ": " + jsonProblem.getMessage());
                throw jsonProblem;
            }
            Interruptions.begin(logger.executionLog(), ExecutionLog.DAILY_LOGGER,
                    ask ? "interactive daily log" : "daily log", io.err());
            try {
                if (ask) {
                    return interactive(logger, draft, io);
                }
                return record(logger, draft, io);
            } finally {
                Interruptions.end();
            }
        }
    }

    private int record(WorkLogger logger, DailyLogDraft draft, Io io) {
        Printer printer = new Printer(io.out());
        if (dryRun) {
            LogResult checked = logger.check(draft);
            printer.entry("Dry run: valid, nothing stored", checked.log(), true);
            warn(io, checked);
            return 0;
        }
        LogResult result = logger.log(draft);
        printer.entry("Logged", result.log(), false);
        warn(io, result);
        return 0;
    }

    private int interactive(WorkLogger logger, DailyLogDraft given, Io io) {
        Prompter ask = new Prompter(io);
        io.out().println("New daily work log (" + logger.repository().describe() + "). Press Ctrl+C to cancel.");
        io.out().println();
        try {
            String t = ask.text("Title", given.title(), true, null);
            String c = ask.choice("Category", logger.logOptions().categories(), given.category());
            String i = ask.choice("Impact level", Arrays.stream(ImpactLevel.values()).map(ImpactLevel::label).toList(),
                    given.impactLevel() != null ? given.impactLevel() : ImpactLevel.MEDIUM.label());
            List<String> techStack = ask.multiSelect("Tech stack", COMMON_TECH,
                    given.techStack() == null ? List.of() : given.techStack());
            String d = ask.text("Logged date (YYYY-MM-DD)",
                    given.loggedDate() != null ? given.loggedDate() : logger.today().toString(), true,
                    DailyCommand::dateProblem);
            String s = ask.choice("Status", logger.logOptions().statuses(),
                    given.status() != null ? given.status() : logger.logOptions().defaultStatus());
            String m = ask.text("Metrics (optional, e.g. p99 800ms -> 120ms)", given.metrics(), false, null);
            String u = ask.text("Ticket URL (optional)", given.ticketUrl(), false, DailyCommand::urlProblem);
            io.out().println();
            String ctx = ask.multiline("Context (markdown; end with a line holding only '.', or end of input):",
                    "STAR template:\n" + STAR_TEMPLATE, given.context());
            DailyLogDraft draft = DailyLogDraft.builder().title(t).category(c).impactLevel(i).techStack(techStack)
                    .loggedDate(d).status(s).metrics(m).ticketUrl(u).context(ctx).build();

            LogResult checked;
            try {
                checked = logger.check(draft);
            } catch (ValidationException e) {
                logger.executionLog().error(ExecutionLog.DAILY_LOGGER, "rejected daily log: " + e.getMessage());
                throw e;
            }
            io.out().println();
            new Printer(io.out()).entry("Summary", checked.log(), true);
            warn(io, checked);
            if (dryRun) {
                io.out().println("Dry run: nothing stored.");
                return 0;
            }
            if (!ask.confirm("Save this daily log?")) {
                throw new CancelledException("cancelled; nothing was stored");
            }
            LogResult result = logger.log(draft);
            new Printer(io.out()).stored("Logged", result.log());
            return 0;
        } catch (CancelledException e) {
            logger.executionLog().cancelled(ExecutionLog.DAILY_LOGGER, "interactive daily log: " + e.getMessage());
            throw e;
        }
    }

    private DailyLogDraft merge(DailyLogDraft base, String contextText) {
        DailyLogDraft b = base != null ? base : DailyLogDraft.builder().build();
        return DailyLogDraft.builder()
                .title(title != null ? title : b.title())
                .context(contextText != null ? contextText : b.context())
                .category(category != null ? category : b.category())
                .impactLevel(impact != null ? impact : b.impactLevel())
                .techStack(tech != null ? splitTech(tech) : b.techStack())
                .loggedDate(date != null ? date : b.loggedDate())
                .status(status != null ? status : b.status())
                .metrics(metrics != null ? metrics : b.metrics())
                .ticketUrl(ticketUrl != null ? ticketUrl : b.ticketUrl())
                .build();
    }

    /** {@code --tech Java,Redis --tech Kafka}: empty items are kept so that validation names them. */
    private static List<String> splitTech(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /**
     * Reads a file (or stdin for {@code -}) given to an option, refusing at once one larger than a REST body may be
     * ({@link DailyLogCodec#MAX_BODY_BYTES}, as the server): such an entry could never be stored, and a file of
     * gigabytes should not be read to find that out.
     */
    private String read(String source, String option) {
        int limit = DailyLogCodec.MAX_BODY_BYTES;
        if ("-".equals(source)) {
            String text = main.io().readAll(limit + 1);
            if (text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit) {
                throw new CliException(option + " -: stdin holds more than " + limit + " bytes; a daily log is at most "
                        + limit + " bytes (1 MiB) as JSON, the REST server's limit");
            }
            return text;
        }
        try {
            Path path = Path.of(source);
            long size = Files.size(path);
            if (size > limit) {
                throw new CliException(option + " " + source + ": the file is " + size + " bytes; a daily log is at "
                        + "most " + limit + " bytes (1 MiB) as JSON, the REST server's limit");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new CliException(option + " " + source + ": cannot read the file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static String describe(String source) {
        return "-".equals(source) ? "stdin" : source;
    }

    private static void warn(Io io, LogResult result) {
        for (String warning : result.warnings()) {
            io.err().println("warning: " + warning);
        }
    }

    /** Asked again at the prompt rather than failing after the whole context was typed; the SDK checks it too. */
    private static String urlProblem(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        return "'" + value + "' is not an http(s) URL; leave it empty to skip.";
    }

    private static String dateProblem(String value) {
        try {
            LocalDate.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return "'" + value + "' is not a date as YYYY-MM-DD.";
        }
    }
}
