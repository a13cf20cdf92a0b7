package dev.worklog.doctor;

import dev.worklog.config.ConfigKeys;
import dev.worklog.error.ConfigurationException;
import dev.worklog.config.RedactionMode;
import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.internal.redact.RedactionRules;
import dev.worklog.summarize.OfflineSummarizer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks of core's own settings: which variables are set, the time zone, redaction, the execution log. */
final class SettingsChecks {
    /** Core's variables whose presence is reported, before the plug-ins' own. */
    static final List<String> CORE_VARIABLES = List.of(ConfigKeys.LLM_PROVIDER, ConfigKeys.LLM_FALLBACK,
            ConfigKeys.WORKLOG_STORE, ConfigKeys.WORKLOG_DATA_DIR, ConfigKeys.LOG_FILE, ConfigKeys.LOG_LEVEL,
            ConfigKeys.WORKLOG_TIMEZONE, ConfigKeys.WORKLOG_REDACT, ConfigKeys.WORKLOG_REDACT_TERMS_FILE,
            ConfigKeys.WORKLOG_REDACT_DOMAINS);

    private final ResolvedConfig resolved;

    SettingsChecks(ResolvedConfig resolved) {
        this.resolved = resolved;
    }

    /**
     * Which variables are set, by name only: core's, then those each store, provider and extension declares.
     */
    Check variables(List<DoctorExtension> extensions) {
        Set<String> known = new LinkedHashSet<>(CORE_VARIABLES);
        resolved.stores().names().forEach(n -> known.addAll(resolved.stores().require(n).variables()));
        resolved.providers().names().forEach(n -> known.addAll(resolved.providers().require(n).requiredVariables()));
        extensions.forEach(e -> known.addAll(e.variables()));
        List<String> set = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (String name : known) {
            (resolved.config().isSet(name) ? set : unset).add(name);
        }
        return Check.ok(Doctor.VARIABLES, "set: " + (set.isEmpty() ? "none" : String.join(", ", set)) + "; not set: "
                + (unset.isEmpty() ? "none" : String.join(", ", unset)) + " (values are never shown)");
    }

    /** The zone "today" is computed in; the system's when the configured one is not a zone. */
    ZoneId zone(List<Check> checks) {
        if (!resolved.zoneSet()) {
            checks.add(Check.ok(Doctor.TIMEZONE, "system default " + ZoneId.systemDefault()
                    + " (WORKLOG_TIMEZONE not set)"));
            return ZoneId.systemDefault();
        }
        try {
            ZoneId zone = resolved.zone();
            checks.add(Check.ok(Doctor.TIMEZONE, zone.getId()));
            return zone;
        } catch (ConfigurationException e) {
            checks.add(Check.fail(Doctor.TIMEZONE, "WORKLOG_TIMEZONE='" + resolved.config()
                    .get(ConfigKeys.WORKLOG_TIMEZONE, "") + "' is not a time zone",
                    "Set WORKLOG_TIMEZONE to an IANA zone such as Asia/Seoul or UTC"));
            return ZoneId.systemDefault();
        }
    }

    /**
     * What is redacted before a prompt leaves the machine: the mode and what it covers, or why the settings are
     * invalid. The offline summarizer sends nothing, so nothing is redacted for it.
     */
    Check redaction() {
        String provider = resolved.providerName();
        RedactionRules rules;
        try {
            rules = resolved.redaction();
        } catch (ConfigurationException e) {
            return Check.fail(Doctor.REDACTION, e.getMessage(), "Fix the variable named above: WORKLOG_REDACT is off, "
                    + "standard or strict; WORKLOG_REDACT_TERMS_FILE names a UTF-8 file with one term or /regex/ a "
                    + "line; see docs/providers.md, Keeping notes private");
        }
        if (OfflineSummarizer.NAME.equals(provider)) {
            return Check.ok(Doctor.REDACTION, "not needed: the offline summarizer runs in this process and sends "
                    + "nothing (" + ConfigKeys.WORKLOG_REDACT + "=" + rules.mode().label() + " applies once a model "
                    + "provider is set)");
        }
        if (rules.mode() == RedactionMode.OFF) {
            return Check.warn(Doctor.REDACTION, "off (" + ConfigKeys.WORKLOG_REDACT + "=off): prompts go to " + provider
                    + " as written, e-mail addresses, host names and customer names included",
                    "Unset " + ConfigKeys.WORKLOG_REDACT + " (standard) unless " + provider + " runs on this machine "
                            + "or your employer allows sending the notes as they are");
        }
        return Check.ok(Doctor.REDACTION, "before every request to " + provider + ": " + rules.describe()
                + (resolved.config().isSet(ConfigKeys.WORKLOG_REDACT) ? "" : " (the default; "
                        + ConfigKeys.WORKLOG_REDACT + "=off|standard|strict)"));
    }

    /** Whether the execution log can be written, proven by opening it for append (which adds no line). */
    Check executionLog() {
        Optional<Path> configured;
        try {
            configured = resolved.executionLogFile();
        } catch (RuntimeException e) {
            return Check.fail(Doctor.EXECUTION_LOG, e.getMessage(), "Set LOG_FILE to a file path, or to - for the "
                    + "console only");
        }
        if (configured.isEmpty()) {
            return Check.ok(Doctor.EXECUTION_LOG, "LOG_FILE=-: no file; the lines go to the console (a server's "
                    + "stdout, the CLI's stderr)");
        }
        Path file = configured.get();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                return Check.ok(Doctor.EXECUTION_LOG, file + " is writable (" + ch.size() + " bytes)");
            }
        } catch (IOException | RuntimeException e) {
            return Check.fail(Doctor.EXECUTION_LOG, file + " is not writable: " + e,
                    "Make " + (file.toAbsolutePath().getParent() == null ? "its folder"
                            : file.toAbsolutePath().getParent().toString()) + " writable by this user, or set "
                            + "LOG_FILE to a writable path (in Docker: a file on the /data volume)");
        }
    }
}
