package dev.worklog.internal.redact;

import dev.worklog.config.ConfigKeys;
import dev.worklog.config.RedactionMode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the redaction replaces, read once from the configuration: the mode ({@code WORKLOG_REDACT}), the internal
 * domains, the ticket-key pattern, the user's terms, the values never to replace, and the configuration's own
 * secrets. A run starts a {@link Redactor} from it for its placeholders.
 *
 * <pre>{@code
 * RedactionRules rules = RedactionRules.from(WorkLogConfig.fromEnvironment());
 * Redactor run = rules.start(prompt);
 * String sent = run.redact(prompt);
 * }</pre>
 */
public final class RedactionRules {
    /** Domain suffixes reserved or customary for private networks; their hosts are always internal. */
    public static final List<String> PRIVATE_SUFFIXES = List.of("internal", "local", "corp", "lan", "intranet");
    /** The default ticket key: two to ten capitals or digits starting with a capital, a hyphen, a number. */
    public static final String DEFAULT_TICKET_PATTERN = "\\b[A-Z][A-Z0-9]{1,9}-\\d{1,7}\\b";
    /**
     * Prefixes that make a standard or a product, not a ticket ({@code UTF-8}, {@code SHA-256}, {@code GPT-4}):
     * keys with them are left alone.
     */
    static final Set<String> NOT_TICKETS = Set.of("UTF", "UCS", "SHA", "MD", "AES", "RSA", "DES", "ECDSA", "ISO", "RFC",
            "HTTP", "TLS", "SSL", "GPT", "CVE", "CWE", "JSR", "JEP", "PEP", "KIP", "TCP", "UDP", "ECMA", "ES", "IEEE",
            "ANSI", "DDR", "LTE", "USB", "PCI", "WCAG", "OWASP", "COVID", "HS", "RS", "PS", "EC", "FIPS", "NIST");

    private final RedactionMode mode;
    private final List<String> domains;
    private final List<String> configuredDomains;
    private final Pattern ticket;
    private final TermList terms;
    private final Set<String> keep;
    private final List<String> secrets;
    /** Tokens shaped like a placeholder of these rules' labels, bracketed or not, in any case: see {@link #suspects}. */
    private final Pattern suspects;

    private RedactionRules(RedactionMode mode, List<String> configuredDomains, Pattern ticket, TermList terms,
            Set<String> keep, List<String> secrets) {
        this.mode = mode;
        this.configuredDomains = List.copyOf(configuredDomains);
        List<String> all = new ArrayList<>(PRIVATE_SUFFIXES);
        all.addAll(configuredDomains);
        this.domains = List.copyOf(all);
        this.ticket = ticket;
        this.terms = terms;
        this.keep = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(keep));
        this.secrets = List.copyOf(secrets);
        this.suspects = Pattern.compile("(?i)(\\[\\s*)?\\b(" + String.join("|", labels()) + ")[ _-]?(\\d+)\\b(\\s*])?");
    }

    /**
     * The rules a configuration sets ({@code WORKLOG_REDACT}, {@code WORKLOG_REDACT_TERMS_FILE},
     * {@code WORKLOG_REDACT_DOMAINS}, {@code WORKLOG_REDACT_TICKET_PATTERN}, {@code WORKLOG_REDACT_KEEP}); the term
     * file is read now.
     *
     * @throws ConfigurationException naming the variable when a value is invalid or the term file cannot be read
     */
    public static RedactionRules from(WorkLogConfig config) {
        Objects.requireNonNull(config, "config");
        RedactionMode mode = RedactionMode.parse(config.get(ConfigKeys.WORKLOG_REDACT, "standard"),
                ConfigKeys.WORKLOG_REDACT);
        List<String> domains = new ArrayList<>();
        for (String d : config.getList(ConfigKeys.WORKLOG_REDACT_DOMAINS, List.of())) {
            String domain = d.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\*?\\.", "");
            if (!domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_REDACT_DOMAINS + " must list domains such as "
                        + "acme.com,acme-corp.net, got '" + d + "'");
            }
            domains.add(domain);
        }
        String ticketRegex = config.get(ConfigKeys.WORKLOG_REDACT_TICKET_PATTERN, DEFAULT_TICKET_PATTERN);
        Pattern ticket = null;
        if (!ticketRegex.equalsIgnoreCase("none")) {
            try {
                ticket = Pattern.compile(ticketRegex);
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_REDACT_TICKET_PATTERN + " is not a valid regular "
                        + "expression (" + e.getDescription() + "): '" + ticketRegex + "'", e);
            }
            if (ticket.matcher("").matches()) {
                throw new ConfigurationException(ConfigKeys.WORKLOG_REDACT_TICKET_PATTERN + " matches empty text: '"
                        + ticketRegex + "'");
            }
        }
        Optional<String> termsFile = config.get(ConfigKeys.WORKLOG_REDACT_TERMS_FILE);
        TermList terms = termsFile.isPresent()
                ? TermList.read(Path.of(termsFile.get()), ConfigKeys.WORKLOG_REDACT_TERMS_FILE,
                        mode == RedactionMode.STRICT)
                : TermList.empty();
        Set<String> keep = new LinkedHashSet<>();
        config.getList(ConfigKeys.WORKLOG_REDACT_KEEP, List.of())
                .forEach(k -> keep.add(k.strip().toLowerCase(Locale.ROOT)));
        List<String> secrets = new ArrayList<>();
        for (String s : config.secretValues()) {
            if (s.length() >= 8) {
                secrets.add(s);
            }
        }
        return new RedactionRules(mode, domains, ticket, terms, keep, secrets);
    }

    /** Rules that replace nothing. */
    public static RedactionRules off() {
        return new RedactionRules(RedactionMode.OFF, List.of(), null, TermList.empty(), Set.of(), List.of());
    }

    /** The mode. */
    public RedactionMode mode() {
        return mode;
    }

    /**
     * A run's placeholders, starting empty.
     *
     * @param texts everything the run will redact: a placeholder already written in it is never used, so that
     *     restoring cannot touch the user's own text
     */
    public Redactor start(String... texts) {
        return new Redactor(this, String.join("\n", texts));
    }

    /** What this mode replaces and what it leaves, in one line, for {@code doctor} and the execution log. */
    public String describe() {
        if (mode == RedactionMode.OFF) {
            return "off: prompts are sent as written";
        }
        StringBuilder s = new StringBuilder(mode.label()).append(": e-mail addresses, IP addresses, ");
        s.append(mode == RedactionMode.STRICT ? "every URL, " : "URLs on internal hosts, ");
        s.append("internal host names (").append(String.join(", ", suffixes())).append("), ");
        s.append(ticket == null ? "" : "ticket keys, ").append("credentials");
        if (terms.size() > 0) {
            s.append(", ").append(terms.size()).append(terms.size() == 1 ? " listed term" : " listed terms")
                    .append(mode == RedactionMode.STRICT ? " (also inside words)" : "").append(" from ")
                    .append(terms.file());
        } else {
            s.append("; no term list (" + ConfigKeys.WORKLOG_REDACT_TERMS_FILE + " not set)");
        }
        if (!keep.isEmpty()) {
            s.append("; never: ").append(String.join(", ", keep));
        }
        return s.append("; numbers are never replaced").toString();
    }

    private List<String> suffixes() {
        List<String> out = new ArrayList<>();
        for (String d : domains) {
            out.add((configuredDomains.contains(d) ? "" : ".") + d);
        }
        return out;
    }

    /** Every placeholder label these rules may write, upper case. */
    List<String> labels() {
        List<String> out = new ArrayList<>(Detectors.BUILT_IN_LABELS);
        for (TermList.Labelled l : terms.entries()) {
            if (!out.contains(l.label())) {
                out.add(l.label());
            }
        }
        return out;
    }

    /**
     * Tokens that look like a placeholder of these labels ({@code [HOST_9]}, {@code [Host 1]}, {@code CUSTOMER_2}):
     * group 1 the opening bracket, 2 the label, 3 the number, 4 the closing bracket.
     */
    Pattern suspects() {
        return suspects;
    }

    /** The length of the longest label. */
    int longestLabel() {
        int longest = 0;
        for (String label : labels()) {
            longest = Math.max(longest, label.length());
        }
        return longest;
    }

    boolean strict() {
        return mode == RedactionMode.STRICT;
    }

    Pattern ticket() {
        return ticket;
    }

    TermList terms() {
        return terms;
    }

    List<String> secrets() {
        return secrets;
    }

    /** Whether a detected value is on the keep list, or a ticket-shaped standard name. */
    boolean kept(String value, String label) {
        if (keep.contains(value.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (label.equals(Detectors.TICKET)) {
            int dash = value.indexOf('-');
            return dash > 0 && NOT_TICKETS.contains(value.substring(0, dash));
        }
        return false;
    }

    /**
     * Whether a host is internal: under a private-use suffix or a configured domain, a single label other than
     * {@code localhost} (no public host lacks a dot), or an IP literal.
     */
    boolean internalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.equals("localhost")) {
            return false;
        }
        if (h.indexOf('.') < 0 || h.startsWith("[") || Detectors.isIpv4(h)) {
            return true;
        }
        for (String d : domains) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
