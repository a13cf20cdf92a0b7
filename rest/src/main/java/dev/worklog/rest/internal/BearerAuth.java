package dev.worklog.rest.internal;

import dev.worklog.internal.Hashes;
import dev.worklog.rest.ApiRequest;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>}. The scheme is matched case-insensitively (RFC 7235: auth schemes are
 * case-insensitive, so {@code bearer} works); the token is compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time for every wrong token and does not leak its length. A
 * refusal is 401 with {@code WWW-Authenticate: Bearer realm="worklog"}, plus {@code error="invalid_token"} when a
 * token was sent (RFC 6750).
 */
public final class BearerAuth {
    private final byte[] digest;
    private final Set<String> secrets;

    /** @param token the token every protected route requires, or {@code null} (or empty) for no auth */
    public BearerAuth(String token) {
        boolean none = token == null || token.isEmpty();
        this.digest = none ? null : digest(token);
        this.secrets = none ? Set.of() : Set.of(token);
    }

    /** Whether a token is required. */
    public boolean enabled() {
        return digest != null;
    }

    /** The token, for masking in logs and answers; empty without auth. */
    public Set<String> secrets() {
        return secrets;
    }

    /**
     * Checks the request's credentials.
     *
     * @throws ApiError 401 when auth is on and the request does not carry the token
     */
    public void check(ApiRequest request) {
        if (digest == null) {
            return;
        }
        List<String> values = request.headerValues("Authorization");
        if (values.isEmpty()) {
            throw unauthorized("missing Authorization header; send Authorization: Bearer <token>", false);
        }
        if (values.size() > 1) {
            throw unauthorized("more than one Authorization header", true);
        }
        String value = values.get(0).strip();
        int space = indexOfWhitespace(value);
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw unauthorized("the Authorization scheme must be Bearer", true);
        }
        String token = space < 0 ? "" : value.substring(space).strip();
        if (!MessageDigest.isEqual(digest(token), digest)) {
            throw unauthorized("invalid bearer token", true);
        }
    }

    private static byte[] digest(String token) {
        return Hashes.sha256(token);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static ApiError unauthorized(String detail, boolean invalid) {
        String challenge = invalid ? "Bearer realm=\"worklog\", error=\"invalid_token\"" : "Bearer realm=\"worklog\"";
        return new ApiError(401, detail, List.of(), Map.of("WWW-Authenticate", challenge));
    }
}
