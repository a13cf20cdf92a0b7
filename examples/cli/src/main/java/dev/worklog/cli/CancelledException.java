package dev.worklog.cli;

/** The user cancelled: end of input at a prompt, or "no" at the confirmation. Exit code 130. */
final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CancelledException(String message) {
        super(message);
    }
}
