package dev.worklog.error;

/** The model answered, but not with a usable roll-up: invalid JSON after one repair, truncated output, a refusal or a safety block. */
public final class LlmOutputException extends NonRetryableException {
    public LlmOutputException(String message, UpstreamError upstream, Throwable cause) {
        super(message, upstream, cause);
    }

    public LlmOutputException(String message) {
        super(message, null, null);
    }
}
