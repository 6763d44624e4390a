package io.cellbet.platform.id;

import java.util.regex.Pattern;

/** Code of a brand, upper case, such as {@code ACME}; it appears in URLs, routing keys and reports. */
public record BrandCode(String value) {

    public static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9_]{1,15}");

    public BrandCode {
        if (!isValid(value)) {
            throw new IllegalArgumentException("brand code must match " + FORMAT.pattern() + ": " + value);
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
