package dev.worklog.review;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How to make a review packet.
 *
 * <pre>{@code
 * ReviewOptions options = ReviewOptions.defaults().withSave(true).withLanguage("en");
 * }</pre>
 *
 * @param dryRun build the prompt and stop: no model call, nothing rolled up or stored
 * @param force call the model even when a stored packet was made from the same inputs
 * @param save store the packet (the local store's {@code reviews/}; a store that cannot keep packets refuses, see
 *     {@link dev.worklog.spi.WorkLogRepository#upsertReview}); otherwise it is only returned
 * @param rollUpMissing roll up first the months (and their weeks) that have daily logs but no roll-up, or whose
 *     roll-up misses a week; otherwise they are only named in the warnings
 * @param statuses only daily logs with these statuses; empty means all
 * @param language {@code ko} or {@code en}; {@code null} for the logger's language ({@code WORKLOG_LANGUAGE})
 */
public record ReviewOptions(boolean dryRun, boolean force, boolean save, boolean rollUpMissing, Set<String> statuses,
        String language) {
    public ReviewOptions {
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        if (language != null) {
            language = language.strip().toLowerCase(Locale.ROOT);
            if (!language.equals("ko") && !language.equals("en")) {
                throw new IllegalArgumentException("the language of a review is ko or en, got '" + language + "'");
            }
        }
    }

    /** Generate (reusing an unchanged stored packet), roll up what is missing, store nothing, every status. */
    public static ReviewOptions defaults() {
        return new ReviewOptions(false, false, false, true, Set.of(), null);
    }

    /** A copy with dry run set. */
    public ReviewOptions withDryRun(boolean value) {
        return new ReviewOptions(value, force, save, rollUpMissing, statuses, language);
    }

    /** A copy with force set. */
    public ReviewOptions withForce(boolean value) {
        return new ReviewOptions(dryRun, value, save, rollUpMissing, statuses, language);
    }

    /** A copy with save set. */
    public ReviewOptions withSave(boolean value) {
        return new ReviewOptions(dryRun, force, value, rollUpMissing, statuses, language);
    }

    /** A copy that rolls up missing months first, or only names them. */
    public ReviewOptions withRollUpMissing(boolean value) {
        return new ReviewOptions(dryRun, force, save, value, statuses, language);
    }

    /** A copy with the status filter set. */
    public ReviewOptions withStatuses(Set<String> value) {
        return new ReviewOptions(dryRun, force, save, rollUpMissing, value, language);
    }

    /** A copy in {@code ko} or {@code en}; {@code null} for the logger's language. */
    public ReviewOptions withLanguage(String value) {
        return new ReviewOptions(dryRun, force, save, rollUpMissing, statuses, value);
    }
}
