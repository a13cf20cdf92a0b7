package dev.worklog.cli;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.doctor.Doctor;
import dev.worklog.doctor.DoctorReport;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.WorkLogException;
import dev.worklog.http.Sleeper;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.internal.http.Redaction;
import dev.worklog.log.ExecutionLog;
import dev.worklog.notion.NotionRepositoryFactory;
import dev.worklog.notion.NotionSchema.Database;
import dev.worklog.notion.NotionSetup;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.NamedServices;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worklog init}: asks for the store, the keys, the provider, the zone and the language, checks each answer at
 * once (a key against its API, spending no tokens), writes {@code .env} (owner-only) and runs {@code doctor}. Every
 * answer can come from a flag, and a secret from its variable in the environment, so it runs unattended too.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the configuration (.env) by answering a few questions: the store (local or Notion), "
                + "the Notion key, the LLM provider and its key (or offline), the time zone and the language.",
            "Each key is tried against its API at once (spending no tokens); a bad one is asked again with the "
                + "reason. Secrets are read without echo and never printed. An existing .env is never overwritten "
                + "without --force: init shows which variables would change instead. Ends by running doctor.",
            "Unattended: pass the answers as options and the keys in the environment (NOTION_API_KEY, "
                + "CLAUDE_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY)."},
        footer = {"", "Examples:", "  worklog init",
            "  NOTION_API_KEY=... worklog init --store notion --provider offline --zone Asia/Seoul --language ko",
            "  worklog init --force          (update an existing .env; variables init does not ask about stay)"})
final class InitCommand implements Callable<Integer> {
    private static final List<String> PROVIDER_ORDER = List.of("claude", "openai", "gemini", OfflineSummarizer.NAME);
    private static final String COMPONENT = "init";

    @ParentCommand
    private Main main;

    @Option(names = "--store", paramLabel = "local|notion", description = "Where daily logs go.")
    private String store;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "The LLM for roll-ups: claude, openai, gemini or offline (no model, no key).")
    private String provider;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The IANA time zone \"today\" is computed in, "
            + "e.g. Asia/Seoul.")
    private String zone;

    @Option(names = "--language", paramLabel = "ko|en", description = "The language of prompts and summaries.")
    private String language;

    @Option(names = "--force", description = "Update an existing .env (only the variables init sets change).")
    private boolean force;

    @Option(names = "--env-file", paramLabel = "FILE", defaultValue = ".env",
            description = "The file to write (default: ${DEFAULT-VALUE}).")
    private Path envFile;

    private Prompter ask;
    private PrintWriter out;
    private WorkLogConfig current;
    private ExecutionLog log;

    @Override
    public Integer call() {
        Io io = main.io();
        ask = new Prompter(io);
        out = io.out();
        EnvFile env = EnvFile.read(envFile);
        current = WorkLogConfig.load(System.getenv(), envFile);
        ResolvedConfig resolved = ResolvedConfig.of(current);
        log = resolved.executionLog(Clock.systemUTC(), ZoneId.systemDefault());
        if (env.exists() && !force) {
            out.println("note: " + envFile + " exists: init will show which variables would change and write "
                    + "nothing (run with --force to update it).");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        String storeName = pick("Store for daily logs", List.of("local", "notion"), store, "--store",
                current.get(ConfigKeys.WORKLOG_STORE, "local"));
        answers.put(ConfigKeys.WORKLOG_STORE, storeName);
        if (storeName.equals("notion")) {
            answers.put(NotionRepositoryFactory.NOTION_API_KEY, secret(NotionRepositoryFactory.NOTION_API_KEY,
                    "Notion integration secret (https://www.notion.so/my-integrations)", this::checkNotionKey));
        }
        NamedServices<LlmProviderFactory> providers = NamedServices.llmProviders();
        List<String> names = new ArrayList<>(PROVIDER_ORDER);
        names.retainAll(providers.names());
        providers.names().stream().filter(n -> !names.contains(n)).sorted().forEach(names::add);
        String providerName = pick("LLM for the weekly and monthly roll-ups", names, provider, "--provider",
                resolved.providerName());
        answers.put(ConfigKeys.LLM_PROVIDER, providerName);
        LlmProviderFactory factory = providers.require(providerName);
        for (String variable : factory.requiredVariables()) {
            answers.put(variable, secret(variable, providerName + " API key",
                    key -> checkLlmKey(factory, variable, key)));
        }
        answers.put(ConfigKeys.WORKLOG_TIMEZONE, zone(current.get(ConfigKeys.WORKLOG_TIMEZONE,
                ZoneId.systemDefault().getId())));
        answers.put(ConfigKeys.WORKLOG_LANGUAGE, pick("Language of prompts and summaries", List.of("ko", "en"),
                language, "--language", current.get(ConfigKeys.WORKLOG_LANGUAGE, "ko")));
        return write(env, answers);
    }

    private int write(EnvFile env, Map<String, String> answers) {
        List<String> diff = env.diff(answers);
        if (env.exists() && !force) {
            out.println(envFile + " exists; with --force, init would change (names only):");
            diff.forEach(d -> out.println("  " + d));
            out.println("Nothing was written. Run `worklog init --force` to apply (other variables in it stay).");
            return env.changes(answers) ? 1 : 0;
        }
        env.write(answers);
        log.success(COMPONENT, "wrote " + envFile + ": " + String.join(", ", answers.keySet()));
        out.println("Wrote " + envFile + " (readable by you only): " + String.join(", ", diff));
        out.println();
        out.println("worklog doctor:");
        WorkLogConfig written = WorkLogConfig.load(System.getenv(), envFile);
        DoctorReport report = Doctor.builder().config(written).build().run();
        report.lines().forEach(out::println);
        if ("notion".equals(answers.get(ConfigKeys.WORKLOG_STORE))
                && !NotionSetup.databaseIds(written).keySet().containsAll(
                        java.util.Arrays.stream(Database.values()).filter(d -> !d.optional()).toList())) {
            out.println();
            out.println("Next: create the databases under a Notion page shared with the integration (page menu "
                    + "••• > Connections > your integration):");
            out.println("  worklog setup notion --parent <the page's link> --write-env");
        } else if (report.healthy()) {
            out.println();
            out.println("Ready: record your first day with `worklog daily`.");
        }
        return 0;
    }

    /** An option's value when given (checked), else the answer to a choice. */
    private String pick(String question, List<String> options, String given, String option, String fallback) {
        if (given != null) {
            return options.stream().filter(given.strip()::equalsIgnoreCase).findFirst().orElseThrow(() ->
                    new CliException(option + " must be one of " + String.join(", ", options) + ", got '" + given
                            + "'"));
        }
        return ask.choice(question, options, options.contains(fallback) ? fallback : null);
    }

    private String zone(String fallback) {
        Function<String, String> check = z -> {
            try {
                ZoneId.of(z.strip());
                return null;
            } catch (DateTimeException e) {
                return "'" + z + "' is not a time zone: use an IANA name such as Asia/Seoul, Europe/Berlin or UTC";
            }
        };
        if (zone != null) {
            String problem = check.apply(zone);
            if (problem != null) {
                throw new CliException("--zone: " + problem);
            }
            return zone.strip();
        }
        return ask.text("Time zone", fallback, true, check);
    }

    /**
     * A secret: the environment's value when it passes the check, else asked for (without echo) until one does. An
     * empty answer keeps the value {@code .env} has, if it passes.
     */
    private String secret(String variable, String label, Function<String, String> check) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            String problem = check.apply(fromEnv.strip());
            if (problem == null) {
                out.println(label + ": " + variable + " from the environment, accepted.");
                return fromEnv.strip();
            }
            out.println(label + ": " + variable + " from the environment was not accepted: " + problem);
        }
        String kept = current.get(variable).filter(v -> !v.isBlank()).orElse(null);
        String hint = kept == null ? label : label + " [Enter keeps the one in " + envFile + "]";
        return ask.secret(hint, kept, check);
    }

    /** Whether Notion accepts the key: GET /v1/users/me, which changes nothing. */
    private String checkNotionKey(String key) {
        WorkLogConfig config = current.with(NotionRepositoryFactory.NOTION_API_KEY, key);
        if (!config.isSet("NOTION_MAX_RETRIES")) {
            config = config.with("NOTION_MAX_RETRIES", "1"); // a person is waiting: say so soon if Notion is away
        }
        WorkLogConfig checking = config;
        return checked(config, () -> "  Notion: " + NotionSetup.fromContext(context(checking)).checkKey()
                + " accepts it.");
    }

    /** Whether the provider accepts the key, with a check that spends no tokens where it has one. */
    private String checkLlmKey(LlmProviderFactory factory, String variable, String key) {
        WorkLogConfig config = current.with(variable, key).with(ConfigKeys.LLM_PROVIDER, factory.name());
        return checked(config, () -> {
            HealthCheck health = factory.create(context(config)).checkHealth();
            return "  " + factory.name() + ": " + (health.checked() ? health.detail()
                    : "the key is kept without a check (" + health.detail() + ")");
        });
    }

    /** Runs a check: {@code null} when it passes (its line printed), the reason when the service rejects it. */
    private String checked(WorkLogConfig config, java.util.function.Supplier<String> check) {
        Set<String> secrets = config.secretValues();
        try {
            out.println(Redaction.redact(check.get(), secrets));
            return null;
        } catch (NonRetryableException e) {
            return "rejected: " + oneLine(Redaction.redact(String.valueOf(e.getMessage()), secrets))
                    + ". Paste it again.";
        } catch (WorkLogException e) {
            // unreachable right now: not the key's fault, so it is kept rather than asked again forever
            out.println("  not checked (" + oneLine(Redaction.redact(String.valueOf(e.getMessage()), secrets))
                    + "); kept: `worklog doctor` checks it again later.");
            return null;
        }
    }

    private dev.worklog.spi.SpiContext context(WorkLogConfig config) {
        return new dev.worklog.spi.SpiContext(config, Clock.systemUTC(), Sleeper.system(), log);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
