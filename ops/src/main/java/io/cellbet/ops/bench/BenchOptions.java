package io.cellbet.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name=value} options of one scenario run, with the scenario's defaults filled in. */
public final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses {@code --name=value} arguments ({@code --flag} alone means {@code true}) against the options the
     * scenario declares.
     *
     * @throws IllegalArgumentException for a malformed argument or an option the scenario does not know
     */
    public static BenchOptions parse(List<String> args, List<ScenarioOption> declared) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ScenarioOption option : declared) {
            values.put(option.name(), option.defaultValue());
        }
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value = equals < 0 ? "true" : arg.substring(equals + 1);
            if (!values.containsKey(name)) {
                unknown.add("--" + name);
            }
            values.put(name, value);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option " + String.join(", ", unknown));
        }
        return new BenchOptions(values);
    }

    /** Options from a map, without checking names; for tests and for scenarios run from code. */
    public static BenchOptions of(Map<String, String> values) {
        return new BenchOptions(new LinkedHashMap<>(values));
    }

    public String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Option --" + name + " has no value and no default");
        }
        return value;
    }

    public int intValue(String name) {
        return (int) longValue(name);
    }

    public long longValue(String name) {
        String value = string(name);
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option --" + name + " must be a whole number, was " + value);
        }
    }

    public double doubleValue(String name) {
        String value = string(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option --" + name + " must be a number, was " + value);
        }
    }

    public boolean booleanValue(String name) {
        String value = string(name);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("Option --" + name + " must be true or false, was " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** A duration in seconds, fractions allowed: {@code --idle-s=2.5}. */
    public Duration seconds(String name) {
        return Duration.ofNanos(Math.round(doubleValue(name) * 1e9));
    }

    /** Every option with its effective value, defaults included, in declaration order. */
    public Map<String, String> values() {
        return values;
    }
}
