package dev.worklog.cli;

import dev.worklog.WorkLogger;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.outbox.FlushResult;
import dev.worklog.internal.outbox.Outbox;
import dev.worklog.internal.outbox.OutboxEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code worklog outbox list|flush}: the durable outbox of daily logs the REST server accepted while the store was
 * unreachable (folder {@code WORKLOG_OUTBOX_DIR}, default {@code $WORKLOG_DATA_DIR/outbox}). A flush may run while
 * the server is up: delivery passes lock the folder, so no entry is delivered twice.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = {"The durable outbox: daily logs accepted while the store was unreachable.",
            "Folder: WORKLOG_OUTBOX_DIR (default $WORKLOG_DATA_DIR/outbox), the same as the REST server's."},
        subcommands = {OutboxCommand.ListCommand.class, OutboxCommand.FlushCommand.class})
final class OutboxCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "The outbox folder (default: WORKLOG_OUTBOX_DIR, else $WORKLOG_DATA_DIR/outbox).")
    private Path dir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** With no subcommand: the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(main.io().err());
        return 2;
    }

    /**
     * Runs {@code action} on the outbox in front of the configured store (opened for it, closed after it) and the
     * standard output; its result is the exit code.
     */
    private int withOutbox(BiFunction<Outbox, PrintWriter, Integer> action) {
        WorkLogConfig config = WorkLogConfig.fromEnvironment();
        Path folder = dir != null ? dir : Outbox.directory(config);
        AtomicReference<Outbox> holder = new AtomicReference<>();
        try (WorkLogger logger = WorkLogger.builder().config(config).repositoryDecorator((repo, ctx) -> {
            holder.set(Outbox.builder(folder, repo).clock(ctx.clock()).executionLog(ctx.executionLog()).build());
            return holder.get();
        }).build()) {
            main.printNotes(logger);
            return action.apply(holder.get(), main.io().out());
        }
    }

    private static void print(PrintWriter out, OutboxEntry e) {
        out.println(e.queueId() + "  accepted " + e.acceptedAt() + "  " + e.log().loggedDate() + "  " + e.log().title()
                + (e.lastError() == null ? "" : "  (last error: " + e.lastError() + ")"));
    }

    /** {@code worklog outbox list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List entries waiting for delivery, and entries the store refused for good.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        private OutboxCommand parent;

        @Override
        public Integer call() {
            return parent.withOutbox((outbox, out) -> {
                List<OutboxEntry> pending = outbox.pending();
                List<OutboxEntry> failed = outbox.failed();
                out.println("Outbox " + outbox.directory() + ": " + pending.size() + " pending, " + failed.size()
                        + " refused by the store");
                pending.forEach(e -> print(out, e));
                if (!failed.isEmpty()) {
                    out.println("Refused for good (kept in " + outbox.directory().resolve("failed") + "):");
                    failed.forEach(e -> print(out, e));
                }
                return 0;
            });
        }
    }

    /** {@code worklog outbox flush}. */
    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = {"Deliver every pending entry to the store now.",
                "Exit code 0 when nothing remains, 1 when entries remain or were refused."})
    static final class FlushCommand implements Callable<Integer> {
        @ParentCommand
        private OutboxCommand parent;

        @Override
        public Integer call() {
            return parent.withOutbox((outbox, out) -> {
                FlushResult r = outbox.flush();
                for (FlushResult.Delivered d : r.delivered()) {
                    out.println("delivered " + d.queueId() + " -> " + d.pageId() + " " + d.url());
                }
                for (OutboxEntry e : r.failed()) {
                    out.print("refused for good: ");
                    print(out, e);
                }
                for (OutboxEntry e : r.remaining()) {
                    out.print("still pending: ");
                    print(out, e);
                }
                out.println(r.delivered().size() + " delivered, " + r.remaining().size() + " still pending, "
                        + r.failed().size() + " refused");
                return r.remaining().isEmpty() && r.failed().isEmpty() ? 0 : 1;
            });
        }
    }
}
