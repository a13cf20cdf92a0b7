package dev.worklog.model;

import java.util.List;

/**
 * A daily log as a client typed it: every field a raw, possibly missing string, exactly as the REST body, the CLI
 * flags or a JSON file carry it. {@link dev.worklog.WorkLogger#check} turns it into a
 * {@link DailyLog} or lists everything wrong with it.
 *
 * <pre>{@code
 * DailyLogDraft draft = DailyLogDraft.builder()
 *         .title("Cut p99 latency of the search API")
 *         .context("### Situation\n...\n### Result\np99 from 800 ms to 120 ms")
 *         .category("성능개선").impactLevel("High").techStack(List.of("Java", "Redis"))
 *         .build();
 * }</pre>
 *
 * @param title the {@code title} field
 * @param context the {@code context} field (markdown)
 * @param category the {@code category} field
 * @param impactLevel the {@code impact_level} field
 * @param techStack the {@code tech_stack} field; {@code null} when absent
 * @param loggedDate the {@code logged_date} field (YYYY-MM-DD); absent means today
 * @param status the {@code status} field; absent means the default status
 * @param metrics the {@code metrics} field
 * @param ticketUrl the {@code ticket_url} field
 * @param entryId the entry's identity when the caller already has one (for example derived from its own request
 *     id with {@link EntryIds}); absent means a fresh one is made when the draft is validated
 */
public record DailyLogDraft(
        String title,
        String context,
        String category,
        String impactLevel,
        List<String> techStack,
        String loggedDate,
        String status,
        String metrics,
        String ticketUrl,
        String entryId) {

    public DailyLogDraft {
        // null items are kept so that validation can name them; List.copyOf would reject them
        techStack = techStack == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(techStack));
    }

    /** A draft without an entry id: validation makes a fresh one. */
    public DailyLogDraft(String title, String context, String category, String impactLevel, List<String> techStack,
            String loggedDate, String status, String metrics, String ticketUrl) {
        this(title, context, category, impactLevel, techStack, loggedDate, status, metrics, ticketUrl, null);
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A draft of an existing entry, e.g. to store it again elsewhere. */
    public static DailyLogDraft of(DailyLog log) {
        return new DailyLogDraft(log.title(), log.context(), log.category(), log.impactLevel().label(),
                log.techStack(), log.loggedDate().toString(), log.status(), log.metrics(), log.ticketUrl(),
                log.entryId());
    }

    /** Builds {@link DailyLogDraft}s; setting a field twice keeps the last value. */
    public static final class Builder {
        private String title;
        private String context;
        private String category;
        private String impactLevel;
        private List<String> techStack;
        private String loggedDate;
        private String status;
        private String metrics;
        private String ticketUrl;
        private String entryId;

        private Builder() {
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder context(String value) {
            this.context = value;
            return this;
        }

        public Builder category(String value) {
            this.category = value;
            return this;
        }

        public Builder impactLevel(String value) {
            this.impactLevel = value;
            return this;
        }

        public Builder techStack(List<String> value) {
            this.techStack = value;
            return this;
        }

        public Builder loggedDate(String value) {
            this.loggedDate = value;
            return this;
        }

        public Builder status(String value) {
            this.status = value;
            return this;
        }

        public Builder metrics(String value) {
            this.metrics = value;
            return this;
        }

        public Builder ticketUrl(String value) {
            this.ticketUrl = value;
            return this;
        }

        /** The entry's identity; see {@link EntryIds}. */
        public Builder entryId(String value) {
            this.entryId = value;
            return this;
        }

        public DailyLogDraft build() {
            return new DailyLogDraft(title, context, category, impactLevel, techStack, loggedDate, status, metrics,
                    ticketUrl, entryId);
        }
    }
}
