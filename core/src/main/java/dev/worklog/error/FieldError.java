package dev.worklog.error;

import java.util.Objects;

/**
 * One problem with one input field.
 *
 * @param field the field's name as clients send it (snake_case, e.g. {@code logged_date})
 * @param message what is wrong and what is accepted
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
