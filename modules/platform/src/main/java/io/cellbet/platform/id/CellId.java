package io.cellbet.platform.id;

import java.util.regex.Pattern;

/** Identifier of a cell (one user shard), such as {@code cell-1} or {@code eu-west-2}. */
public record CellId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public CellId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("cell id must match " + FORMAT.pattern() + ": " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
