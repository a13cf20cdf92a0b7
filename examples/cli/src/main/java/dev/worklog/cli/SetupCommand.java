package dev.worklog.cli;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.internal.http.Redaction;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSetup;
import dev.worklog.notion.RepairPlan;
import dev.worklog.notion.RepairResult;
import dev.worklog.notion.SetupResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code worklog setup}: provisions a store; {@code worklog setup notion} creates or repairs the databases. */
@Command(name = "setup", mixinStandardHelpOptions = true, subcommands = SetupCommand.Notion.class,
        description = "Provision a store: `worklog setup notion` creates (or repairs) the Notion databases.")
final class SetupCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.io().err());
        return 2;
    }

    /** {@code worklog setup notion}. */
    @Command(name = "notion", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create the worklog databases under a Notion page, or repair existing ones.",
                "--parent: creates Daily Work Logs, Weekly Achievements, Monthly Highlights and Review Packets with "
                    + "every property, the select options in order, two-way relations and Entry ID; prints their ids (--write-env "
                    + "writes them to .env). Run twice, it finds the databases it made and creates nothing.",
                "--repair: adds missing properties and select options to the configured databases and makes "
                    + "one-way relations two-way; converts nothing (a mistyped property is reported with the fix "
                    + "by hand). It says what it will change and asks first (--yes: apply without asking)."},
            footer = {"", "The page must be shared with the integration (page menu ••• > Connections).", "",
                "Examples:",
                "  worklog setup notion --parent https://www.notion.so/Work-log-0123456789abcdef0123456789abcdef "
                    + "--write-env", "  worklog setup notion --repair", "  worklog setup notion --repair --yes"})
    static final class Notion implements Callable<Integer> {
        @ParentCommand
        private SetupCommand setup;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Mode mode;

        @Option(names = "--write-env", description = "With --parent: write the databases' ids to the .env file.")
        private boolean writeEnv;

        @Option(names = "--yes", description = "With --repair: apply the changes without asking.")
        private boolean yes;

        @Option(names = "--env-file", paramLabel = "FILE", defaultValue = ".env",
                description = "The .env file read for the configuration and written by --write-env (default: "
                        + "${DEFAULT-VALUE}).")
        private Path envFile;

        /** What to do. */
        static final class Mode {
            @Option(names = "--parent", paramLabel = "PAGE", required = true,
                    description = "The page to create the databases under: its link (Share > Copy link) or id.")
            String parent;

            @Option(names = "--repair", required = true,
                    description = "Repair the databases NOTION_DB1_ID to NOTION_DB3_ID (and NOTION_DB4_ID when set) name.")
            boolean repair;
        }

        @Override
        public Integer call() {
            WorkLogConfig config = WorkLogConfig.load(System.getenv(), envFile);
            ResolvedConfig resolved = ResolvedConfig.of(config);
            Clock clock = Clock.systemUTC();
            ExecutionLog log = resolved.executionLog(clock, resolved.zone());
            NotionSetup notion = NotionSetup.fromContext(resolved.context(clock, Sleeper.system(), log));
            if (mode.parent != null) {
                if (yes) {
                    throw new CliException("--yes goes with --repair; --parent asks nothing");
                }
                return create(notion, mode.parent, config.secretValues());
            }
            if (writeEnv) {
                throw new CliException("--write-env goes with --parent; --repair changes the databases, not .env");
            }
            return repair(notion, NotionSetup.databaseIds(config));
        }

        private int create(NotionSetup notion, String parent, Set<String> secrets) {
            PrintWriter out = setup.main.io().out();
            SetupResult result;
            try {
                result = notion.createDatabases(parent);
            } catch (NotFoundException | PermissionDeniedException e) {
                // the steps to share the page are the point of this message: kept on their lines
                PrintWriter err = setup.main.io().err();
                out.flush();
                err.println("error: " + Redaction.redact(e.getMessage(), secrets));
                err.flush();
                return 1;
            }
            out.println("Notion page '" + result.parentTitle() + "' (" + result.parentPageId() + "):");
            result.databaseIds().forEach((db, id) -> out.println(String.format("  %-8s %-20s %s=%s",
                    result.created().contains(db) ? "created" : "found", db.title(), db.variable(), id)));
            if (!result.needsRepair().isEmpty()) {
                out.println("The databases found differ from what worklog writes:");
                result.needsRepair().forEach(r -> out.println("  - " + r));
                out.println("Run `worklog setup notion --repair` (after the ids are in .env) to fix what can be "
                        + "fixed.");
            }
            Map<String, String> ids = new LinkedHashMap<>();
            result.databaseIds().forEach((db, id) -> ids.put(db.variable(), id));
            if (writeEnv) {
                EnvFile env = EnvFile.read(envFile);
                List<String> diff = env.diff(ids);
                env.write(ids);
                out.println("Wrote " + envFile + " (owner-only): " + String.join(", ", diff));
            } else {
                out.println("Add these lines to " + envFile + " (or run again with --write-env):");
                result.envLines().forEach(line -> out.println("  " + line));
            }
            return 0;
        }

        private int repair(NotionSetup notion, Map<Database, String> ids) {
            Io io = setup.main.io();
            PrintWriter out = io.out();
            RepairPlan plan = notion.planRepair(ids);
            if (!plan.isEmpty()) {
                out.println("Repair would change " + plan.changes().size() + (plan.changes().size() == 1 ? " thing"
                        : " things") + " (nothing is converted or removed):");
                plan.changes().forEach(c -> out.println("  + " + c));
            }
            printManual(out, plan.manualFixes());
            if (plan.isEmpty()) {
                out.println(plan.manualFixes().isEmpty() ? "Nothing to repair: the databases match what worklog writes."
                        : "Nothing repair can change; the fixes above are by hand.");
                return plan.manualFixes().isEmpty() ? 0 : 1;
            }
            if (!yes && !new Prompter(io).confirm("Apply these changes?")) {
                throw new CancelledException("cancelled: nothing was changed");
            }
            RepairResult result = notion.repair(plan);
            out.println("Repaired " + result.applied().size() + " of " + plan.changes().size() + ":");
            result.applied().forEach(c -> out.println("  done: " + c));
            result.notApplied().forEach(c -> out.println("  NOT done: " + c));
            return result.complete() && result.manualFixes().isEmpty() ? 0 : 1;
        }

        private static void printManual(PrintWriter out, List<String> manual) {
            if (!manual.isEmpty()) {
                out.println("Left to you (worklog never converts a property; each with the fix by hand):");
                manual.forEach(m -> out.println("  - " + m));
            }
        }
    }
}
