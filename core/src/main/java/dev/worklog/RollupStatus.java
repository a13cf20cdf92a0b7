package dev.worklog;

/** What a roll-up run did. */
public enum RollupStatus {
    /** A roll-up was generated and stored. */
    WRITTEN,
    /** A roll-up was generated and not stored, as asked. */
    DRY_RUN,
    /** The stored roll-up was kept: its inputs have not changed, so the model was not called. */
    UNCHANGED,
    /** There was nothing to summarise; nothing was generated or stored. */
    NO_SOURCES
}
