package dev.worklog.internal.http;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or shown: known secret values, credential headers
 * ({@code Authorization}, {@code x-api-key}, {@code x-goog-api-key}) and {@code key=} query parameters.
 */
public final class Redaction {
    /** What a secret becomes. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie", "set-cookie", "proxy-authorization");
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)([?&](?:key|api_key|apikey|token)=)[^&\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    // a credential header quoted inside a sentence or a JSON dump, not only at the start of a line
    private static final Pattern AUTH_INLINE = Pattern.compile(
            "(?i)\\b((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)(?:(?:bearer|basic|token|digest)\\s+)?[^\\s,;\"'&]+");
    private static final Pattern API_KEY_INLINE = Pattern.compile(
            "(?i)\\b((?:x-api-key|x-goog-api-key|api-key)\"?\\s*[:=]\\s*\"?)[^\\s,;\"'&]+");
    private static final Pattern HEADER_LINE =
            Pattern.compile("(?im)^((?:authorization|x-api-key|x-goog-api-key|api-key|cookie)\\s*[:=]\\s*).+$");

    private Redaction() {
    }

    /**
     * A credential rule of this masking, group 1 the text kept before the secret, and the words (lower case) of which
     * every match holds one: text without any of them cannot match, so a caller may skip the rule.
     *
     * @param pattern the rule
     * @param needs the words, lower case
     */
    public record CredentialRule(Pattern pattern, List<String> needs) {
        public CredentialRule {
            needs = List.copyOf(needs);
        }
    }

    /**
     * The credential rules this masking applies (bearer tokens, credential headers, key parameters): the prompt
     * redaction replaces the same secrets with placeholders.
     */
    public static List<CredentialRule> credentialRules() {
        return List.of(new CredentialRule(KEY_PARAM, List.of("key=", "token=")),
                new CredentialRule(BEARER, List.of("bearer")),
                new CredentialRule(AUTH_INLINE, List.of("authorization")),
                new CredentialRule(API_KEY_INLINE, List.of("api-key")),
                new CredentialRule(HEADER_LINE, List.of("authorization", "api-key", "cookie")));
    }

    /** Whether a header of this name carries a credential. */
    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A header value as it may be logged. */
    public static String headerValue(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }

    /** The text with every known secret value, bearer token, credential header and key parameter masked. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, MASK);
            }
        }
        // Each pattern needs a literal trigger; most text (every execution-log line) has none, and skipping the regex
        // scans then makes redaction several times cheaper. Replacements only mask, so they never add a trigger.
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        boolean authorization = lower.contains("authorization");
        boolean apiKey = lower.contains("api-key");
        if (lower.indexOf('=') >= 0) {
            out = KEY_PARAM.matcher(out).replaceAll("$1" + MASK);
        }
        if (lower.contains("bearer")) {
            out = BEARER.matcher(out).replaceAll("$1" + MASK);
        }
        if (authorization) {
            out = AUTH_INLINE.matcher(out).replaceAll("$1" + MASK);
        }
        if (apiKey) {
            out = API_KEY_INLINE.matcher(out).replaceAll("$1" + MASK);
        }
        if (authorization || apiKey || lower.contains("cookie")) {
            out = HEADER_LINE.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }

    /** The text with credential patterns masked (no known values). */
    public static String redact(String text) {
        return redact(text, List.of());
    }
}
