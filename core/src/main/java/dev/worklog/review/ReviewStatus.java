package dev.worklog.review;

/** What a review run did. */
public enum ReviewStatus {
    /** A packet was generated and returned; nothing was stored. */
    GENERATED,
    /** A packet was generated and stored. */
    SAVED,
    /** The stored packet's inputs are unchanged: it was reused and the model was not called. */
    UNCHANGED,
    /** The prompt was built and returned; the model was not called and nothing was rolled up or stored. */
    DRY_RUN,
    /** The period has no daily logs and no roll-ups: nothing to review. */
    NO_SOURCES
}
