package io.cellbet.feed.api.markets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A market's specifiers, {@code |}-separated {@code key=value} pairs such as {@code setnr=3|gamenr=2}. */
public final class Specifiers {

    private Specifiers() {
    }

    /**
     * The pairs in their order; empty for {@code null} or "".
     *
     * @throws IllegalArgumentException for a pair without {@code =}, an empty key or value, or a key given twice
     */
    public static Map<String, String> parse(String specifiers) {
        if (specifiers == null || specifiers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : specifiers.split("\\|", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("specifiers '" + specifiers + "': '" + pair + "' is not key=value");
            }
            if (values.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("specifiers '" + specifiers + "' give "
                        + pair.substring(0, equals) + " twice");
            }
        }
        return Collections.unmodifiableMap(values);
    }
}
