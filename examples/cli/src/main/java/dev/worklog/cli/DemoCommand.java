package dev.worklog.cli;

import dev.worklog.LogResult;
import dev.worklog.MonthlyResult;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.WorkLogger;
import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.LogOptions;
import dev.worklog.internal.io.DurableFiles;
import dev.worklog.model.Period;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewOptions;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewResult;
import dev.worklog.store.LocalWorkLogRepository;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worklog demo}: records a sample week into a fresh local store, rolls it up with the offline summarizer
 * (no keys, no network) and prints both roll-ups. It never touches the configured local store: the files go to a
 * new folder, and the execution log too. Only an explicit {@code WORKLOG_STORE=notion} sends the sample week to the
 * configured Notion databases, for trying out a fresh Notion setup.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record a sample week into a fresh local store, roll it up offline, print the results and a "
                + "review packet of the month.",
            "Needs no keys and no network. Never touches your local store; WORKLOG_STORE=notion sends it to Notion."})
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_DIR = "worklog-demo-data";

    @ParentCommand
    private Main main;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "An empty or new folder for the demo's files "
            + "(default: ./" + DEFAULT_DIR + ", or the next free ./" + DEFAULT_DIR + "-N).")
    private String dataDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = main.io().out();
        Path dir = folder();
        Files.createDirectories(dir);
        Path logFile = dir.resolve("execution.log");
        WorkLogConfig config = WorkLogConfig.fromEnvironment().with(ConfigKeys.LOG_FILE, logFile.toString());
        Clock clock = Clock.systemUTC();
        // every part explicit: whatever the environment says about providers and options, the demo stays offline;
        // it stays inside its own folder too unless the user explicitly points it at Notion to try a setup there
        boolean notion = config.get(ConfigKeys.WORKLOG_STORE).filter("notion"::equalsIgnoreCase).isPresent();
        WorkLogger.Builder builder = WorkLogger.builder().config(config).clock(clock)
                .llmProvider(new OfflineSummarizer()).fallbackProviders(List.of()).logOptions(LogOptions.defaults());
        if (!notion) {
            builder.repository(LocalWorkLogRepository.open(dir, clock));
        }
        try (WorkLogger logger = builder.build()) {
            out.println(notion
                    ? "worklog demo: a sample week in the Notion databases of NOTION_DB1_ID/DB2/DB3 (WORKLOG_STORE=notion)"
                    : "worklog demo: a sample week in a fresh local store at " + dir);
            out.println("Summaries are made by the offline summarizer: no API key, no network.");
            out.println();
            out.println("1) Daily logs");
            // the last complete ISO week, as the Monday schedule rolls it up
            Period week = Period.previousIsoWeek(logger.today());
            for (DailyLogDraft draft : DemoWeek.entries(week.end())) {
                LogResult r = logger.log(draft);
                out.println("  logged " + r.log().loggedDate() + "  [" + r.log().category() + ", "
                        + r.log().impactLevel() + "]  " + r.log().title());
                for (String warning : r.warnings()) {
                    main.io().err().println("warning: " + warning);
                }
            }
            out.println();
            out.println("2) Weekly roll-up (worklog weekly)");
            out.println();
            WeeklyResult weekly = logger.summarizeWeek(week, SummarizeOptions.defaults());
            new Printer(out).weekly(weekly);
            out.println();
            out.println("3) Monthly roll-up (worklog monthly)");
            out.println();
            // the month that holds most of the week: its Thursday's
            MonthlyResult monthly = logger.summarizeMonth(YearMonth.from(week.start().plusDays(3)),
                    SummarizeOptions.defaults());
            new Printer(out).monthly(monthly);
            out.println();
            Path html = review(logger, out, dir, !notion);
            if (notion) {
                out.println("Stored in " + logger.repository().describe() + ":");
                weekly.rollupIfAny().ifPresent(r -> out.println("  weekly:  " + r.url()));
                monthly.rollupIfAny().ifPresent(r -> out.println("  monthly: " + r.url()));
                out.println("  execution log: " + logFile);
                return 0;
            }
            out.println("Files (plain markdown; open them in any editor):");
            out.println("  " + dir);
            for (String sub : List.of("daily", "weekly", "monthly", "reviews")) {
                try (Stream<Path> files = Files.list(dir.resolve(sub))) {
                    files.sorted().forEach(f -> out.println("    " + dir.relativize(f)));
                }
            }
            out.println("  review as one printable HTML file: " + html);
            out.println("  execution log: " + logFile);
            out.println();
            out.println("Try: WORKLOG_DATA_DIR=" + dir + " ./worklog weekly --dry-run");
            out.println("     WORKLOG_DATA_DIR=" + dir + " ./worklog review --from " + YearMonth.from(logger.today())
                    + " --to " + YearMonth.from(logger.today()) + " --format html --out review.html");
            return 0;
        }
    }

    /**
     * Step 4, the payoff: the sample month as a review packet (markdown on screen, saved to the local store's
     * {@code reviews/}, and as one HTML file beside it).
     */
    private Path review(WorkLogger logger, PrintWriter out, Path dir, boolean save) {
        YearMonth month = YearMonth.from(logger.today());
        out.println("4) Review packet of the month (worklog review --from " + month + " --to " + month + ")");
        out.println();
        ReviewResult result = logger.review(ReviewPeriod.months(month, month), ReviewOptions.defaults().withSave(save));
        Path html = dir.resolve("review-" + month + ".html");
        result.packetIfAny().ifPresent(p -> {
            // a small view on screen; the whole packet is in the files listed below
            out.println("=== " + p.title() + " ===");
            out.println(p.narrative().strip());
            out.println();
            for (ReviewAchievement a : p.achievements()) {
                out.println("  " + a.rank() + ". [" + a.theme() + "] " + a.achievement().title() + "  ("
                        + a.firstDay() + (a.lastDay().equals(a.firstDay()) ? "" : " ~ " + a.lastDay()) + ", "
                        + a.impact().label() + ")");
                a.logs().forEach(log -> out.println("       evidence: " + log.start() + " " + log.link().orElse(log.id())));
                a.tickets().forEach(t -> out.println("       ticket:   " + t));
            }
            out.println();
            out.println("  " + p.stats().describe());
            out.println("  Weeks without any log: " + (p.gaps().isEmpty() ? "none" : p.gaps().stream()
                    .map(ReviewPeriod::isoWeekLabel).collect(java.util.stream.Collectors.joining(", "))));
            DurableFiles.write(html, ReviewExport.html(p).getBytes(StandardCharsets.UTF_8));
        });
        out.println();
        return html;
    }

    /** A folder that holds nothing yet, so the demo never mixes with real data. */
    private Path folder() throws IOException {
        if (dataDir != null) {
            Path dir;
            try {
                dir = Path.of(dataDir).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new CliException("--data-dir '" + dataDir + "' is not a valid path: " + e.getMessage());
            }
            if (!isEmptyOrAbsent(dir)) {
                throw new CliException("--data-dir " + dir + " is not empty; the demo needs a new or empty folder so "
                        + "that it never mixes with a real store");
            }
            return dir;
        }
        Path base = Path.of(DEFAULT_DIR).toAbsolutePath().normalize();
        for (int n = 1; n < 1000; n++) {
            Path candidate = n == 1 ? base : base.resolveSibling(DEFAULT_DIR + "-" + n);
            if (isEmptyOrAbsent(candidate)) {
                return candidate;
            }
        }
        return Files.createTempDirectory("worklog-demo-");
    }

    private static boolean isEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
