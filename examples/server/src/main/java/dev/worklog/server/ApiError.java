package dev.worklog.server;

import dev.worklog.error.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request the handler answers with an error status: carries the status, the {@code detail}, the field errors
 * and extra headers ({@code Allow}, {@code Retry-After}, {@code WWW-Authenticate}). Only thrown for the client's
 * own mistakes or deliberate refusals, never for bugs.
 */
final class ApiError extends RuntimeException {
    final int status;
    final List<FieldError> errors;
    final Map<String, String> headers;

    ApiError(int status, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    ApiError(int status, String detail) {
        this(status, detail, List.of(), Map.of());
    }

    static ApiError badRequest(String detail, List<FieldError> errors) {
        return new ApiError(400, detail, errors, Map.of());
    }
}
