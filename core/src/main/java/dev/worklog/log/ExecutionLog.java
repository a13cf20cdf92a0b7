package dev.worklog.log;

import dev.worklog.internal.http.Redaction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution log: one line per event, in the original's format, so that the same greps work.
 *
 * <pre>
 * [2026-11-16 09:30:12] [SUCCESS] weekly_processor - stored weekly roll-up 2026-W47 ...
 * </pre>
 *
 * <p>Lines are appended with one write each, so processes sharing the file do not interleave within a line.
 * Secrets are masked. A failure to write never fails the operation being logged: it is reported once through
 * SLF4J and the log goes on trying.
 *
 * <p>A log can also print each line, the same text, to a console stream ({@link #alsoTo}): servers do, to their
 * stdout, because that is what Docker, Render and CloudWatch show and search. With {@code LOG_FILE=-}
 * ({@link #CONSOLE_ONLY}) there is no file at all ({@link #toConsole}).
 */
public final class ExecutionLog {
    /** Component of daily log recording. */
    public static final String DAILY_LOGGER = "daily_logger";
    /** Component of weekly roll-ups. */
    public static final String WEEKLY_PROCESSOR = "weekly_processor";
    /** Component of monthly roll-ups. */
    public static final String MONTHLY_PROCESSOR = "monthly_processor";
    /** Component of review packets. */
    public static final String REVIEW_PROCESSOR = "review_processor";
    /** Component of the REST server. */
    public static final String API_SERVER = "api_server";

    /** The levels of the original. */
    public enum Level { INFO, SUCCESS, ERROR, CANCELLED }

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionLog.class);
    private static final java.util.regex.Pattern NEWLINES = java.util.regex.Pattern.compile("[\\r\\n]+");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The {@code LOG_FILE} value that means no file: the lines go to the console only. */
    public static final String CONSOLE_ONLY = "-";

    private final Path file;
    private final PrintStream console;
    private final Clock clock;
    private final ZoneId zone;
    private final List<String> secrets;
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Whether the folder was made; skips a createDirectories call per line (a recreated folder is handled). */
    private volatile boolean folderReady;

    private ExecutionLog(Path file, PrintStream console, Clock clock, ZoneId zone, Collection<String> secrets) {
        this.file = file;
        this.console = console;
        this.clock = clock;
        this.zone = zone;
        this.secrets = List.copyOf(secrets);
    }

    /**
     * A log appending to {@code file}, stamping lines in {@code zone}.
     *
     * @param secrets values masked in every line
     */
    public static ExecutionLog toFile(Path file, Clock clock, ZoneId zone, Collection<String> secrets) {
        return new ExecutionLog(Objects.requireNonNull(file, "file"), null, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(secrets, "secrets"));
    }

    /**
     * A log without a file that prints each line to {@code console} ({@code LOG_FILE=-}).
     *
     * @param secrets values masked in every line
     */
    public static ExecutionLog toConsole(PrintStream console, Clock clock, ZoneId zone, Collection<String> secrets) {
        return new ExecutionLog(null, Objects.requireNonNull(console, "console"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(secrets, "secrets"));
    }

    /** A log that writes nothing. */
    public static ExecutionLog disabled() {
        return new ExecutionLog(null, null, Clock.systemUTC(), ZoneId.of("UTC"), List.of());
    }

    /** This log, also printing each line to {@code copy} (a server's stdout), in the same format. */
    public ExecutionLog alsoTo(PrintStream copy) {
        return new ExecutionLog(file, Objects.requireNonNull(copy, "copy"), clock, zone, secrets);
    }

    /** The file written to, or {@code null} when there is none (disabled, or the console only). */
    public Path file() {
        return file;
    }

    public void info(String component, String message) {
        write(Level.INFO, component, message);
    }

    public void success(String component, String message) {
        write(Level.SUCCESS, component, message);
    }

    public void error(String component, String message) {
        write(Level.ERROR, component, message);
    }

    public void cancelled(String component, String message) {
        write(Level.CANCELLED, component, message);
    }

    /** The line as it would be written (without the trailing newline). */
    public String format(Level level, String component, String message) {
        String text = Redaction.redact(message == null ? "" : message, secrets);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = NEWLINES.matcher(text).replaceAll(" "); // one event, one line
        }
        return "[" + STAMP.format(LocalDateTime.ofInstant(clock.instant(), zone)) + "] [" + level + "] " + component
                + " - " + text;
    }

    private void append(byte[] line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    /** Appends one line; never throws. */
    public void write(Level level, String component, String message) {
        if (file == null && console == null) {
            return;
        }
        String text = format(level, component, message) + "\n";
        if (console != null) {
            console.print(text); // one call: lines of concurrent runs do not interleave
            console.flush();
        }
        if (file == null) {
            return;
        }
        try {
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !folderReady) {
                Files.createDirectories(parent);
                folderReady = true;
            }
            synchronized (this) {
                try {
                    append(line);
                } catch (java.nio.file.NoSuchFileException e) {
                    // the folder was removed since: make it again rather than lose the line
                    if (parent == null) {
                        throw e;
                    }
                    Files.createDirectories(parent);
                    append(line);
                }
            }
            warned.set(false);
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("cannot write the execution log {}: {}", file, e.toString());
            }
        }
    }
}
