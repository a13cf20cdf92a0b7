package dev.worklog.error;

import java.util.List;
import java.util.stream.Collectors;

/** The input has one or more field errors; all of them are listed, not only the first. */
public final class ValidationException extends NonRetryableException {
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(describe(errors), null, null);
        this.errors = List.copyOf(errors);
    }

    /** Every field error found, in field order. */
    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field error");
        }
        return "invalid input (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "): "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
