package dev.worklog.internal.llm;

import dev.worklog.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises configured base URLs, so that {@code http://127.0.0.1:11434}, {@code http://127.0.0.1:11434/},
 * {@code http://127.0.0.1:11434/v1} and {@code http://127.0.0.1:11434/v1/} all reach the same endpoint, and never
 * {@code /v1/v1/...}.
 *
 * <pre>{@code
 * String base = BaseUrls.normalise("OPENAI_BASE_URL", "http://localhost:11434/v1/", "/chat/completions");
 * String api = BaseUrls.withDefaultVersion(base, "v1");   // http://localhost:11434/v1
 * }</pre>
 */
public final class BaseUrls {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.\\d{1,3}){3}");
    private static final Pattern VERSION_SEGMENT = Pattern.compile("v\\d+[a-z0-9]*", Pattern.CASE_INSENSITIVE);

    private BaseUrls() {
    }

    /**
     * Checks a base URL and strips trailing slashes and any of the given endpoint suffixes (for users who paste the
     * full endpoint, e.g. {@code .../v1/chat/completions}).
     *
     * @param variable the variable the URL came from, named in the error
     * @param raw the configured value
     * @param endpointSuffixes path endings to strip, such as {@code /chat/completions}
     * @throws ConfigurationException naming the variable when the value is not an absolute http(s) URL with a host,
     *     or has a query or fragment
     */
    public static String normalise(String variable, String raw, String... endpointSuffixes) {
        String value = raw == null ? "" : raw.strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(variable + " is not a valid URL: '" + value + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigurationException(variable + " must be an absolute http:// or https:// URL with a host, got '"
                    + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(variable + " must not have a query or fragment (keys go in headers), got "
                    + "a URL with one");
        }
        String out = stripSlashes(value);
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String suffix : endpointSuffixes) {
                if (!suffix.isEmpty() && out.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))) {
                    out = stripSlashes(out.substring(0, out.length() - suffix.length()));
                    stripped = true;
                }
            }
        }
        return out;
    }

    /**
     * The base with the API version appended unless its last path segment already is a version ({@code v1},
     * {@code v1beta}, ...). For services whose paths always carry a version: {@code https://api.anthropic.com} and
     * {@code https://api.anthropic.com/v1} both give {@code https://api.anthropic.com/v1}.
     */
    public static String withVersion(String normalisedBase, String version) {
        return endsWithVersion(normalisedBase) ? normalisedBase : normalisedBase + "/" + version;
    }

    /**
     * The base with the API version appended only when it has no path at all. For OpenAI-compatible servers, whose
     * API roots vary ({@code /v1}, {@code /api/v1}, {@code /openai/v1}, {@code /v1beta/openai}): a bare host gets
     * {@code /v1}; any path the user gave is kept as is.
     */
    public static String withDefaultVersion(String normalisedBase, String version) {
        String path = URI.create(normalisedBase).getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? stripSlashes(normalisedBase) + "/" + version
                : normalisedBase;
    }

    /**
     * Whether the URL's host is this machine: {@code localhost} (or a name under it), an address in 127.0.0.0/8,
     * {@code ::1} or {@code 0.0.0.0}. A local model server (Ollama, llama.cpp, vLLM) usually is.
     */
    public static boolean isLoopback(String url) {
        String host;
        try {
            host = URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("0.0.0.0") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || LOOPBACK_V4.matcher(h).matches();
    }

    private static boolean endsWithVersion(String base) {
        String path = URI.create(base).getRawPath();
        if (path == null || path.isEmpty()) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return VERSION_SEGMENT.matcher(last).matches();
    }

    private static String stripSlashes(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
