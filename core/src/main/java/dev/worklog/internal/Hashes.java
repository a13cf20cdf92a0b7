package dev.worklog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of the SDK: for ids derived from text (entry ids, idempotency-key file names, a token's rate
 * limiter), fingerprints of roll-up inputs, and comparing secrets in constant time.
 */
public final class Hashes {
    private Hashes() {
    }

    /** A fresh SHA-256 digest, for hashing in parts. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The SHA-256 of the text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the text's UTF-8 bytes, 64 hex digits. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
