package dev.worklog.cli;

import dev.worklog.WorkLogger;
import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.http.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code worklog} command: records daily work logs and rolls them up into weekly and monthly achievements.
 * Run {@code worklog --help} for the commands, {@code worklog demo} for a tour that needs no keys.
 */
@Command(name = "worklog", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns daily work notes into a career record: daily logs, weekly and monthly roll-ups.",
        subcommands = {DailyCommand.class, WeeklyCommand.class, MonthlyCommand.class, DemoCommand.class,
            ReviewCommand.class, OutboxCommand.class, DoctorCommand.class, ExportCommand.class, ImportCommand.class,
            InitCommand.class, SetupCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Configuration comes from the environment and ./.env (NOTION_API_KEY, LLM_PROVIDER, "
                + "WORKLOG_DATA_DIR, LOG_FILE, ...).", "Exit codes: 0 success, 1 failure, 2 usage error, 130 cancelled."})
public final class Main implements Callable<Integer> {
    /** Exit code of a cancelled run (Ctrl+C, end of input at a prompt, "no" at the confirmation). */
    static final int CANCELLED = 130;

    private final Io io;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print details and stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress on the terminal (it is never drawn when stderr is piped).")
    boolean quiet;

    @Spec
    CommandSpec spec;

    Main(Io io) {
        this.io = io;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        configureSlf4j();
        Interruptions.install();
        Io io = Io.system();
        int code = run(io, args);
        io.flush();
        Interruptions.end();
        System.exit(code);
    }

    /** Runs one command line against the given streams and returns the exit code. */
    static int run(Io io, String... args) {
        for (String arg : args) {
            if (arg.indexOf('\uFFFD') >= 0) {
                // the JVM decoded argv in the locale's charset (ASCII under LANG=C) and lost the text: refuse rather
                // than store question marks
                io.err().println("error: an argument holds characters that could not be decoded in the current locale ("
                        + System.getProperty("sun.jnu.encoding") + "): '" + arg + "'. Use a UTF-8 locale (for example "
                        + "LANG=C.UTF-8), or pass the text in a file (--json FILE, --context-file FILE)");
                return 1;
            }
        }
        Main main = new Main(io);
        CommandLine cli = new CommandLine(main);
        cli.setOut(io.out());
        cli.setErr(io.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((Exception e, CommandLine cmd, ParseResult parsed) -> main.report(e));
        cli.setParameterExceptionHandler(Main::usageError);
        return cli.execute(args);
    }

    /** With no command: the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return 2;
    }

    Io io() {
        return io;
    }

    /**
     * The logger configured from the environment, with its start-up notes on stderr. Configuration problems (a
     * missing key, an unknown provider) surface here, before any work is done.
     */
    WorkLogger openLogger() {
        WorkLogger logger = WorkLogger.fromEnvironment();
        printNotes(logger);
        return logger;
    }

    void printNotes(WorkLogger logger) {
        for (String note : logger.startupNotes()) {
            io.err().println("note: " + note);
        }
    }

    /** Prints an error as one line (several for a validation failure) and returns its exit code. */
    int report(Exception e) {
        PrintWriter err = io.err();
        io.out().flush();
        if (e instanceof CancelledException) {
            err.println(e.getMessage());
            return CANCELLED;
        }
        Set<String> secrets = secrets();
        if (e instanceof ValidationException) {
            ValidationException v = (ValidationException) e;
            err.println("error: the daily log is invalid (" + v.errors().size()
                    + (v.errors().size() == 1 ? " error" : " errors") + "); nothing was stored:");
            for (FieldError f : v.errors()) {
                err.println("  - " + Redaction.redact(f.field() + ": " + f.message(), secrets));
            }
        } else {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            if (!(e instanceof WorkLogException || e instanceof CliException)) {
                // not one of ours: the type helps whoever reads the report
                message = e.getClass().getSimpleName() + ": " + message;
            }
            err.println("error: " + oneLine(Redaction.redact(message, secrets))
                    + (verbose ? "" : hint(e)));
        }
        if (verbose) {
            StringBuilder trace = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                trace.append(t == e ? "" : "caused by: ").append(t).append('\n');
                for (StackTraceElement frame : t.getStackTrace()) {
                    trace.append("    at ").append(frame).append('\n');
                }
            }
            err.print(Redaction.redact(trace.toString(), secrets));
        }
        err.flush();
        return 1;
    }

    /** An unknown option or command: one line and where to find help, rather than the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String hint(Exception e) {
        return e instanceof WorkLogException || e instanceof CliException ? "" : " (run with --verbose for details)";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static Set<String> secrets() {
        try {
            return WorkLogConfig.fromEnvironment().secretValues();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Routes the SDK's own diagnostics (retries, unwritable log file) to stderr at {@code LOG_LEVEL}, without
     * timestamps: stdout stays the command's output.
     */
    private static void configureSlf4j() {
        String level = System.getenv(ConfigKeys.LOG_LEVEL);
        String simple = level == null || level.isBlank() ? "info" : level.strip().toLowerCase(Locale.ROOT);
        if (simple.equals("warning")) {
            simple = "warn";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", simple);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    /** {@code --version}: the version Maven filtered into {@code worklog-cli.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/worklog-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // a version is not worth failing for
            }
            return new String[] {"worklog " + p.getProperty("version", "(development build)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
