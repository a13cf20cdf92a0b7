package dev.worklog.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated daily work-log entry. Build one from client input with
 * {@link dev.worklog.WorkLogger#check}, which reports every field error at once; this record only
 * guards its structural invariants.
 *
 * @param id the store's id once stored, otherwise {@code null}
 * @param url a link to the stored entry (a Notion page or a local file), otherwise {@code null}
 * @param title what was done, in one line
 * @param context the STAR-structured markdown body
 * @param category one of the configured categories
 * @param impactLevel how much it mattered
 * @param techStack the technologies involved, at least one
 * @param loggedDate the day the work was done
 * @param status one of the configured statuses
 * @param metrics measurable results in free text, or {@code null}
 * @param ticketUrl an http(s) link to the ticket, or {@code null}
 * @param entryId the entry's stable identity (see {@link EntryIds}), made once when the entry is captured and
 *     written with it, so that a store can tell whether an attempt to write it already landed; {@code null} for an
 *     entry read from a store that does not record it
 */
public record DailyLog(
        String id,
        String url,
        String title,
        String context,
        String category,
        ImpactLevel impactLevel,
        List<String> techStack,
        LocalDate loggedDate,
        String status,
        String metrics,
        String ticketUrl,
        String entryId) {

    public DailyLog {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(impactLevel, "impactLevel");
        techStack = List.copyOf(Objects.requireNonNull(techStack, "techStack"));
        Objects.requireNonNull(loggedDate, "loggedDate");
        Objects.requireNonNull(status, "status");
        id = blankToNull(id);
        url = blankToNull(url);
        metrics = blankToNull(metrics);
        ticketUrl = blankToNull(ticketUrl);
        entryId = blankToNull(entryId);
        if (entryId != null) {
            EntryIds.check(entryId);
        }
    }

    /** An entry without an entry id (as read from a store that does not record one). */
    public DailyLog(String id, String url, String title, String context, String category, ImpactLevel impactLevel,
            List<String> techStack, LocalDate loggedDate, String status, String metrics, String ticketUrl) {
        this(id, url, title, context, category, impactLevel, techStack, loggedDate, status, metrics, ticketUrl, null);
    }

    /** The same entry as stored under {@code id}, reachable at {@code url}. */
    public DailyLog withStored(String id, String url) {
        return new DailyLog(id, url, title, context, category, impactLevel, techStack, loggedDate, status, metrics,
                ticketUrl, entryId);
    }

    /**
     * The same entry under another entry id.
     *
     * @throws IllegalArgumentException when the id is not well-formed ({@link EntryIds#check})
     */
    public DailyLog withEntryId(String value) {
        return new DailyLog(id, url, title, context, category, impactLevel, techStack, loggedDate, status, metrics,
                ticketUrl, value);
    }

    /** The metrics, when given. */
    public Optional<String> metricsText() {
        return Optional.ofNullable(metrics);
    }

    /** The ticket link, when given. */
    public Optional<String> ticket() {
        return Optional.ofNullable(ticketUrl);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
