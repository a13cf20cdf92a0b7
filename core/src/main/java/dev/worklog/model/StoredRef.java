package dev.worklog.model;

import java.util.Objects;

/**
 * Where a store put something.
 *
 * @param id the store's id (a Notion page id, or a local file's id)
 * @param url a link a person can open (a Notion URL, or a {@code file:} URL)
 */
public record StoredRef(String id, String url) {
    public StoredRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
