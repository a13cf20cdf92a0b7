package dev.worklog.internal.redact;

import dev.worklog.internal.http.Redaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what to replace in a text: the built-in detectors and the user's terms, as spans that do not overlap. Where
 * two overlap, the one that starts first wins, then the longer one: a URL swallows the e-mail address in its query,
 * an e-mail address the internal host after its {@code @}.
 */
final class Detectors {
    static final String EMAIL = "EMAIL";
    static final String IP = "IP";
    static final String URL = "URL";
    static final String HOST = "HOST";
    static final String TICKET = "TICKET";
    static final String SECRET = "SECRET";
    static final List<String> BUILT_IN_LABELS = List.of(EMAIL, IP, URL, HOST, TICKET, SECRET, TermList.DEFAULT_LABEL);

    /** A stretch of text to replace by a placeholder of the label. */
    record Span(int start, int end, String label) {
    }

    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}"
                    + "(?![A-Za-z0-9-])");
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?:/(?:3[0-2]|[12]?\\d))?(?!\\w)(?!\\.\\d)");
    private static final Pattern IPV4_ONLY = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    /** Hex groups and colons, at least two colons; checked by {@link #isIpv6}. */
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![\\w:.])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:/\\d{1,3})?(?![\\w:])");
    private static final Pattern URL_PATTERN = Pattern.compile(
            "(?i)\\b(?:https?|ftps?|sftp|ssh|git|wss?|s3|jdbc:[a-z0-9]+)://[A-Za-z0-9\\-._~:/?#@!$&*+,;=%()\\[\\]]+");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}(?![\\w-])");
    /** Common key formats: OpenAI/Anthropic, Stripe, AWS, GitHub, GitLab, Slack, Google, Notion, JWTs, PEM keys. */
    private static final Pattern KEY_FORMATS = Pattern.compile("(?<![A-Za-z0-9_-])(?:"
            + "sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}"
            + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"
            + "|(?:AKIA|ASIA)[0-9A-Z]{16}"
            + "|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"
            + "|glpat-[A-Za-z0-9_-]{20,}"
            + "|xox[abposr]-[A-Za-z0-9-]{10,}"
            + "|AIza[0-9A-Za-z_-]{35}"
            + "|(?:ntn|secret)_[A-Za-z0-9]{30,}"
            + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
            + ")");
    /** The shortest word {@link #KEY_FORMATS} can match ({@code xoxb-} and ten characters). */
    private static final int SHORTEST_KEY = 15;
    /** A private key pasted whole, over several lines. */
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----");
    /** {@code password: hunter22}, {@code client_secret=...}: group 1 is kept, the value is checked by {@link #secretLike}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)\\b((?:password|passwd|pwd|secret|client[_-]?secret"
            + "|api[_-]?key|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|token)\\s*[:=]\\s*[\"']?)"
            + "([^\\s\"',;]{6,})");
    private static final List<Redaction.CredentialRule> CREDENTIALS = Redaction.credentialRules();
    /** The words of which every {@link #ASSIGNMENT} holds one, but {@code key}, which must be followed by : or =. */
    private static final List<String> ASSIGNMENT_WORDS = List.of("pass", "pwd", "secret", "token");

    private Detectors() {
    }

    /**
     * Every span to replace under the rules, in order, none overlapping. The detectors whose matches never hold
     * white space (e-mail addresses, IPs, URLs, host names, ticket keys, key formats) run only on the words that
     * hold the characters they need ({@code @}, {@code ://}, dots, colons, a hyphen and a digit): a prompt is mostly
     * prose, so most words are skipped without running a regular expression on them.
     */
    static List<Span> find(String text, RedactionRules rules) {
        List<Span> found = new ArrayList<>();
        String folded = TermList.fold(text);
        secrets(text, folded, rules, found);
        boolean defaultTicket = rules.ticket() != null
                && rules.ticket().pattern().equals(RedactionRules.DEFAULT_TICKET_PATTERN);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            int at = 0;
            int dots = 0;
            int colons = 0;
            boolean digit = false;
            boolean dash = false;
            boolean dotLetter = false;
            char previous = ' ';
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == '@') {
                    at++;
                } else if (c == '.') {
                    dots++;
                } else if (c == ':') {
                    colons++;
                } else if (c == '-') {
                    dash = true;
                } else if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (previous == '.' && c < 128 && Character.isLetter(c)) {
                    dotLetter = true;
                }
                previous = c;
                i++;
            }
            if (i > start) {
                word(text, start, i, at, dots, colons, digit, dash, dotLetter, defaultTicket, rules, found);
            }
        }
        if (rules.ticket() != null && !defaultTicket) {
            whole(rules.ticket(), text, TICKET, rules, found);
        }
        if (text.indexOf("-----BEGIN") >= 0) {
            whole(PEM_KEY, text, SECRET, rules, found);
        }
        terms(text, folded, rules, found);
        found.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> out = new ArrayList<>(found.size());
        int covered = 0;
        for (Span s : found) {
            if (s.start() >= covered) {
                out.add(s);
                covered = s.end();
            }
        }
        return out;
    }

    /** The detectors of one word (a run without white space), each only when the word holds what it needs. */
    private static void word(String text, int start, int end, int at, int dots, int colons, boolean digit,
            boolean dash, boolean dotLetter, boolean defaultTicket, RedactionRules rules, List<Span> found) {
        if (end - start >= SHORTEST_KEY) {
            region(KEY_FORMATS, text, start, end, SECRET, rules, found);
        }
        if (colons > 0 && holds(text, start, end, "://")) {
            urls(text, start, end, rules, found);
        }
        if (at > 0 && dots > 0) {
            region(EMAIL_ADDRESS, text, start, end, EMAIL, rules, found);
        }
        if (digit && dots >= 3) {
            region(IPV4, text, start, end, IP, rules, found);
        }
        if (digit && colons >= 2) {
            Matcher v6 = IPV6_CANDIDATE.matcher(text).region(start, end).useTransparentBounds(true)
                    .useAnchoringBounds(false);
            while (v6.find()) {
                if (isIpv6(v6.group().replaceFirst("/\\d+$", ""))) {
                    add(found, text, v6.start(), v6.end(), IP, rules);
                }
            }
        }
        // a host name's last label starts with a letter, right after a dot
        if (dotLetter) {
            Matcher host = HOST_NAME.matcher(text).region(start, end).useTransparentBounds(true)
                    .useAnchoringBounds(false);
            while (host.find()) {
                if (rules.internalHost(host.group())) {
                    add(found, text, host.start(), host.end(), HOST, rules);
                }
            }
        }
        if (defaultTicket && dash && digit) {
            region(rules.ticket(), text, start, end, TICKET, rules, found);
        }
    }

    /** The user's terms: plain ones by a search of the case-folded text, patterns by their regular expression. */
    private static void terms(String text, String folded, RedactionRules rules, List<Span> found) {
        List<TermList.Labelled> entries = rules.terms().entries();
        for (TermList.Labelled entry : entries) {
            for (TermList.Term term : entry.literals()) {
                for (int at = folded.indexOf(term.folded()); at >= 0; at = folded.indexOf(term.folded(), at + 1)) {
                    int end = at + term.folded().length();
                    if (term.matchesAt(text, at, end)) {
                        add(found, text, at, end, entry.label(), rules);
                    }
                }
            }
            for (Pattern p : entry.patterns()) {
                whole(p, text, entry.label(), rules, found);
            }
        }
    }

    private static boolean holds(String text, int start, int end, String part) {
        for (int i = start; i + part.length() <= end; i++) {
            if (text.startsWith(part, i)) {
                return true;
            }
        }
        return false;
    }

    private static void region(Pattern p, String text, int start, int end, String label, RedactionRules rules,
            List<Span> found) {
        Matcher m = p.matcher(text).region(start, end).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            add(found, text, m.start(), m.end(), label, rules);
        }
    }

    private static boolean holdsAny(String folded, List<String> words) {
        for (String w : words) {
            if (folded.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static void secrets(String text, String folded, RedactionRules rules, List<Span> found) {
        for (String secret : rules.secrets()) {
            for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + secret.length())) {
                found.add(new Span(i, i + secret.length(), SECRET));
            }
        }
        for (Redaction.CredentialRule rule : CREDENTIALS) {
            if (holdsAny(folded, rule.needs())) {
                Matcher m = rule.pattern().matcher(text);
                while (m.find()) {
                    add(found, text, m.end(1), m.end(), SECRET, rules);
                }
            }
        }
        if (holdsAny(folded, ASSIGNMENT_WORDS) || keyAssigned(folded)) {
            Matcher m = ASSIGNMENT.matcher(text);
            while (m.find()) {
                if (secretLike(m.group(2))) {
                    add(found, text, m.start(2), m.end(2), SECRET, rules);
                }
            }
        }
    }

    /** Whether {@code key} is followed, after white space, by {@code :} or {@code =} ({@code api_key: ...}). */
    private static boolean keyAssigned(String folded) {
        for (int i = folded.indexOf("key"); i >= 0; i = folded.indexOf("key", i + 3)) {
            int j = i + 3;
            while (j < folded.length() && Character.isWhitespace(folded.charAt(j))) {
                j++;
            }
            if (j < folded.length() && (folded.charAt(j) == ':' || folded.charAt(j) == '=')) {
                return true;
            }
        }
        return false;
    }

    private static void urls(String text, int start, int end, RedactionRules rules, List<Span> found) {
        Matcher m = URL_PATTERN.matcher(text).region(start, end).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int urlEnd = trimmedEnd(text, m.start(), m.end());
            if (rules.strict() || rules.internalHost(host(text.substring(m.start(), urlEnd)))) {
                add(found, text, m.start(), urlEnd, URL, rules);
            }
        }
    }

    private static void whole(Pattern p, String text, String label, RedactionRules rules, List<Span> found) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            add(found, text, m.start(), m.end(), label, rules);
        }
    }

    private static void add(List<Span> found, String text, int start, int end, String label, RedactionRules rules) {
        if (end <= start) {
            return;
        }
        String value = text.substring(start, end);
        // numbers are never replaced: the check of the model's figures compares them with the sources
        if (!label.equals(IP) && value.chars().allMatch(c -> Character.isDigit(c) || ".,%+- ".indexOf(c) >= 0)) {
            return;
        }
        if (!rules.kept(value, label)) {
            found.add(new Span(start, end, label));
        }
    }

    /** The end of a URL without the punctuation that ends its sentence or an unbalanced closing bracket. */
    private static int trimmedEnd(String text, int start, int end) {
        int e = end;
        while (e > start) {
            char c = text.charAt(e - 1);
            if (".,;:!?'*".indexOf(c) >= 0) {
                e--;
            } else if (c == ')' && count(text, start, e, '(') < count(text, start, e, ')')) {
                e--;
            } else if (c == ']' && count(text, start, e, '[') < count(text, start, e, ']')) {
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** The host of a URL: its authority without user information and port. */
    static String host(String url) {
        int scheme = url.indexOf("://");
        String rest = url.substring(scheme + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(0, close + 1) : authority;
        }
        int colon = authority.indexOf(':');
        return colon >= 0 ? authority.substring(0, colon) : authority;
    }

    static boolean isIpv4(String s) {
        return IPV4_ONLY.matcher(s).matches();
    }

    /**
     * Whether the text is an IPv6 address: eight groups, or fewer around one {@code ::}, each of one to four hex
     * digits, with at least one decimal digit (so that {@code a::b} in code and {@code 10:30:00} are not).
     */
    static boolean isIpv6(String s) {
        if (s.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0
                || s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::")) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        for (String part : (gap >= 0 ? s.substring(0, gap) + ":" + s.substring(gap + 2) : s).split(":", -1)) {
            groups.add(part);
        }
        if (gap >= 0) {
            groups.removeIf(String::isEmpty);
            if (groups.size() > 7) {
                return false;
            }
        } else if (groups.size() != 8) {
            return false;
        }
        for (String g : groups) {
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
        }
        return true;
    }

    /** A credential's value: six or more characters with a digit, a symbol, or both cases. */
    private static boolean secretLike(String value) {
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean symbol = value.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        boolean mixed = value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase);
        return digit || symbol || mixed;
    }
}
