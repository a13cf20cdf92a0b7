package dev.worklog.model;

import java.time.Instant;
import java.util.Objects;

/**
 * When a stored entry was last changed, as a store can tell without reading the entry's body: the entry has not
 * been edited at or after {@code editedBefore}. A roll-up whose sources were all read after their stamps need not
 * read them again.
 *
 * @param id the entry's id in the store
 * @param editedBefore an instant the entry's last edit lies before (a store that stamps edits to the minute gives
 *     the stamp plus that minute, and a margin for clocks that differ)
 */
public record EditStamp(String id, Instant editedBefore) {
    public EditStamp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(editedBefore, "editedBefore");
    }
}
