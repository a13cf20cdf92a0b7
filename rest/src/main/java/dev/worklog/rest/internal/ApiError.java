package dev.worklog.rest.internal;

import dev.worklog.error.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request the API answers with an error status: carries the status, the {@code detail}, the field errors and
 * extra headers ({@code Allow}, {@code Retry-After}, {@code WWW-Authenticate}). Only thrown for the client's own
 * mistakes or deliberate refusals, never for bugs; {@link ErrorResponses#of} turns it into the answer.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    /**
     * @param status the 4xx (or 503) to answer
     * @param detail the {@code detail} of the answer
     * @param errors the field errors, in the order they are reported
     * @param headers extra response headers
     */
    public ApiError(int status, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** An error without field errors or extra headers. */
    public ApiError(int status, String detail) {
        this(status, detail, List.of(), Map.of());
    }

    /** 400 with these field errors. */
    public static ApiError badRequest(String detail, List<FieldError> errors) {
        return new ApiError(400, detail, errors, Map.of());
    }

    /** The status to answer. */
    public int status() {
        return status;
    }

    /** The field errors. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
