package dev.worklog.cli;

import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.io.DurableFiles;
import dev.worklog.log.ExecutionLog;
import dev.worklog.review.JsonResumeBase;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewFormat;
import dev.worklog.review.ReviewOptions;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewResult;
import dev.worklog.review.ReviewStatus;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worklog review}: a quarter, half-year, year or run of months made into a review packet, printed (or written
 * to {@code --out}) as markdown, HTML, JSON Resume or JSON. The document goes to stdout alone so that it can be
 * piped; what happened (roll-ups made first, warnings, where it was stored) goes to stderr.
 */
@Command(name = "review", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a review packet of a quarter, half-year, year or run of months: a narrative, the top "
                + "achievements with links to their daily logs, statistics against the period before, and the weeks "
                + "without any log.",
            "Default: the current quarter (in WORKLOG_TIMEZONE). Missing weekly and monthly roll-ups are made first."},
        footer = {"", "Examples:", "  worklog review --quarter 2026-Q4",
            "  worklog review --half 2026-H2 --format html --out review-2026-H2.html",
            "  worklog review --year 2026 --format json-resume --resume resume.json --out resume.json",
            "  worklog review --from 2026-03 --to 2026-08 --lang en --save",
            "  worklog review --quarter 2026-Q4 --dry-run"})
final class ReviewCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--quarter", paramLabel = "YYYY-Qn", description = "A quarter, e.g. 2026-Q4.")
    private String quarter;

    @Option(names = "--half", paramLabel = "YYYY-Hn", description = "A half-year, e.g. 2026-H2 (July to December).")
    private String half;

    @Option(names = "--year", paramLabel = "YYYY", description = "A calendar year, e.g. 2026.")
    private String year;

    @Option(names = "--from", paramLabel = "YYYY-MM", description = "First month of a run of months (with --to).")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month of a run of months (with --from).")
    private String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown (default), html (one self-contained file), json-resume or json.")
    private String format;

    @Option(names = "--lang", paramLabel = "ko|en", description = "Language of the packet (default: WORKLOG_LANGUAGE).")
    private String language;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the document to FILE instead of stdout.")
    private String out;

    @Option(names = "--resume", paramLabel = "FILE", description = "Your JSON Resume (work[] names your employers and "
            + "roles) for --format json-resume; default: WORKLOG_RESUME_FILE.")
    private String resume;

    @Option(names = "--save", description = "Store the packet (local store: reviews/; Notion: a page per period, in NOTION_DB4_ID's "
            + "database or under the monthly database's page).")
    private boolean save;

    @Option(names = "--dry-run", description = "Print the prompt the model would get; call nothing, store nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Ask the model again even when the inputs are unchanged.")
    private boolean force;

    @Option(names = "--no-roll-up", description = "Do not make missing weekly or monthly roll-ups first; name them.")
    private boolean noRollUp;

    @Option(names = "--status", paramLabel = "NAME", description = "Only logs with this status; repeatable.")
    private List<String> statuses;

    @Override
    public Integer call() {
        ReviewFormat wanted = option("--format", () -> ReviewFormat.parse(format));
        ReviewOptions options0 = option("--lang", () -> ReviewOptions.defaults().withLanguage(language));
        JsonResumeBase base = resumeBase(wanted);
        Path target = outFile();
        try (WorkLogger logger = main.openLogger()) {
            ReviewPeriod period = period(logger.today());
            if (period.days().start().isAfter(logger.today())) {
                throw new CliException("the review period " + period.label() + " has not started yet (today is "
                        + logger.today() + ")");
            }
            ReviewOptions options = options0.withDryRun(dryRun).withForce(force).withSave(save)
                    .withRollUpMissing(!noRollUp).withStatuses(Options.statuses(logger, statuses));
            Interruptions.begin(logger.executionLog(), ExecutionLog.REVIEW_PROCESSOR, "review " + period.label(),
                    main.io().err());
            ReviewResult result;
            try {
                result = logger.review(period, options);
            } finally {
                Interruptions.end();
            }
            return print(result, wanted, base, target);
        }
    }

    private int print(ReviewResult result, ReviewFormat wanted, JsonResumeBase base, Path target) {
        PrintWriter err = main.io().err();
        result.rolledUp().forEach(r -> err.println("rolled up first: " + r));
        if (result.status() == ReviewStatus.NO_SOURCES) {
            err.println("No daily logs and no roll-ups in " + result.period().label() + " ("
                    + result.period().days() + "): nothing to review. Status: NO_SOURCES");
            return 0;
        }
        String document = result.status() == ReviewStatus.DRY_RUN ? result.prompt()
                : ReviewExport.render(result.packet(), wanted, base);
        if (target != null) {
            DurableFiles.write(target, document.getBytes(StandardCharsets.UTF_8));
            main.io().out().println("wrote " + target + " (" + (result.status() == ReviewStatus.DRY_RUN ? "the prompt"
                    : wanted.label()) + ")");
        } else {
            main.io().out().print(document);
        }
        main.io().out().flush();
        result.warnings().forEach(w -> err.println("warning: " + w));
        ReviewPacket p = result.packet();
        String status = "Status: " + result.status() + switch (result.status()) {
            case DRY_RUN -> " (the model was not called; nothing rolled up or stored)";
            case UNCHANGED -> " (inputs unchanged: the stored packet was reused without an LLM call)";
            case GENERATED -> " (not stored; add --save to keep it)";
            default -> "";
        };
        if (p != null) {
            status += " | " + p.achievements().size() + " achievements, " + p.stats().logs() + " logs | "
                    + p.generation().provider() + " (" + p.generation().model() + ")";
            if (result.usage().total() > 0) {
                status += " | " + result.usage().inputTokens() + " in / " + result.usage().outputTokens()
                        + " out tokens";
            }
            if (p.url() != null) {
                status += " | stored: " + p.url();
            }
        }
        err.println(status);
        err.flush();
        return 0;
    }

    /** The period the options name; the current quarter when none does. */
    private ReviewPeriod period(LocalDate today) {
        List<String> given = new ArrayList<>();
        if (quarter != null) {
            given.add("--quarter");
        }
        if (half != null) {
            given.add("--half");
        }
        if (year != null) {
            given.add("--year");
        }
        if (from != null || to != null) {
            given.add("--from/--to");
        }
        if (given.size() > 1) {
            throw new CliException("give one period: " + String.join(", ", given) + " were all given");
        }
        if (quarter != null) {
            return option("--quarter", () -> checked(ReviewPeriod.parse(quarter), ReviewPeriod.Kind.QUARTER, quarter));
        }
        if (half != null) {
            return option("--half", () -> checked(ReviewPeriod.parse(half), ReviewPeriod.Kind.HALF, half));
        }
        if (year != null) {
            return option("--year", () -> checked(ReviewPeriod.parse(year), ReviewPeriod.Kind.YEAR, year));
        }
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new CliException("give both --from and --to (YYYY-MM), e.g. --from 2026-03 --to 2026-08");
            }
            YearMonth first = month("--from", from);
            YearMonth last = month("--to", to);
            return option("--from/--to", () -> ReviewPeriod.months(first, last));
        }
        int q = (today.getMonthValue() - 1) / 3 + 1;
        return ReviewPeriod.quarter(today.getYear(), q);
    }

    private static YearMonth month(String option, String text) {
        try {
            return YearMonth.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliException(option + " must be a month as YYYY-MM (for example 2026-03), got '" + text + "'");
        }
    }

    private static ReviewPeriod checked(ReviewPeriod p, ReviewPeriod.Kind kind, String text) {
        if (p.kind() != kind) {
            throw new IllegalArgumentException("'" + text + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return p;
    }

    private JsonResumeBase resumeBase(ReviewFormat wanted) {
        if (resume != null) {
            if (wanted != ReviewFormat.JSON_RESUME) {
                throw new CliException("--resume is for --format json-resume");
            }
            return option("--resume", () -> JsonResumeBase.read(Path.of(resume)));
        }
        if (wanted != ReviewFormat.JSON_RESUME) {
            return JsonResumeBase.none();
        }
        return JsonResumeBase.fromConfig(WorkLogConfig.fromEnvironment());
    }

    private Path outFile() {
        if (out == null) {
            return null;
        }
        try {
            return Path.of(out).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CliException("--out '" + out + "' is not a valid path: " + e.getMessage());
        }
    }

    /** Runs a parse, turning its complaint into a usage error that names the option. */
    private static <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(name + ": " + e.getMessage());
        }
    }
}
