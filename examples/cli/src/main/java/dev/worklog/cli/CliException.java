package dev.worklog.cli;

/**
 * A bad option value or an impossible combination of options, found by the CLI itself. Reported as one line with
 * exit code 1 (picocli's usage errors, such as an unknown option, keep its exit code 2).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
