package dev.worklog.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Entry ids: the stable identity of one daily log, made once when the entry is captured and written with it to the
 * store (Notion's {@code Entry ID} property, the local store's front matter), so that "did this create land?" is an
 * exact lookup and never a guess by title and time.
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters of letters, digits, {@code .}, {@code _}, {@code :} and
 * {@code -}, starting with a letter or digit. A fresh one is a random UUID; one derived from a client's
 * {@code Idempotency-Key} is {@code idem-} and the first 40 hex digits of the key's SHA-256, so the same key always
 * names the same entry and the key itself is never stored.
 *
 * <pre>{@code
 * DailyLog log = checked.log().withEntryId(key == null ? EntryIds.generate() : EntryIds.fromIdempotencyKey(key));
 * }</pre>
 */
public final class EntryIds {
    /** The longest entry id accepted. */
    public static final int MAX_LENGTH = 64;
    /** The prefix of ids derived from an idempotency key. */
    public static final String KEY_PREFIX = "idem-";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

    private EntryIds() {
    }

    /** A new, random entry id. */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /** The entry id of the entry a client sends with this {@code Idempotency-Key}: the same key, the same id. */
    public static String fromIdempotencyKey(String key) {
        Objects.requireNonNull(key, "key");
        return KEY_PREFIX + dev.worklog.internal.Hashes.sha256Hex(key).substring(0, 40);
    }

    /** Whether {@code id} is a well-formed entry id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Checks an entry id.
     *
     * @return the id
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("an entry id must be 1 to " + MAX_LENGTH + " letters, digits, '.', '_', "
                    + "':' or '-', starting with a letter or digit");
        }
        return id;
    }
}
