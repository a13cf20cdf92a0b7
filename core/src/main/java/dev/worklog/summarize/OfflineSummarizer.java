package dev.worklog.summarize;

/** Placeholder, completed in the next commit. */
public final class OfflineSummarizer {
    /** The provider name. */
    public static final String NAME = "offline";
    /** Said on every roll-up it makes. */
    public static final String NOTICE = "Made without an LLM: the offline summarizer extracted this from the logs' own text.";

    private OfflineSummarizer() {
    }
}
