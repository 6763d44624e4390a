package io.cellbet.platform.problem;

import java.util.List;

/**
 * Reads numeric query parameters with bounds. Resources take them as text and parse here, so
 * {@code ?limit=abc} is a 400 problem naming the parameter (JAX-RS would answer a bare 404).
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The parameter's value, {@code defaultValue} when absent; a 400 problem when not a number in [min, max]. */
    public static long wholeNumber(String name, String text, long defaultValue, long min, long max) {
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, like a value out of range.
        }
        throw ProblemException.badRequest("invalid-parameter", "Query parameter " + name + " is invalid.",
                List.of(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max)));
    }

    /** As {@link #wholeNumber} for an {@code int}. */
    public static int count(String name, String text, int defaultValue, int min, int max) {
        return (int) wholeNumber(name, text, defaultValue, min, max);
    }
}
