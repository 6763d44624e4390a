package io.cellbet.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a {@link BenchResult} as a Markdown table for people and as {@code <scenario>.json} for tools:
 * {@code {"scenario": ..., "metrics": {name: number}, "environment": {java, os, cpus, gitCommit, startedAt,
 * options..., context...}}}.
 */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    /** A Markdown section with a metric | value | target table. */
    public static String markdown(BenchResult result) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(result.scenario()).append("\n\n");
        out.append("| metric | value | target |\n");
        out.append("|---|---:|---|\n");
        result.metrics().forEach((name, value) -> out.append("| ").append(name).append(" | ")
                .append(format(value)).append(" | ").append(targetCell(result, name, value)).append(" |\n"));
        return out.toString();
    }

    /** The JSON document for a result; {@code environment} gets the options and the result's context appended. */
    public static ObjectNode json(BenchResult result, Map<String, Object> environment, BenchOptions options) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", result.scenario());
        ObjectNode metrics = root.putObject("metrics");
        result.metrics().forEach((name, value) -> metrics.set(name, JSON.valueToTree(value)));
        Map<String, Object> merged = new LinkedHashMap<>(environment);
        options.values().forEach((name, value) -> merged.put(name, typed(value)));
        merged.putAll(result.context());
        root.set("environment", JSON.valueToTree(merged));
        return root;
    }

    /** Writes {@code <dir>/<scenario>.json} and returns its path. */
    public static Path write(BenchResult result, Map<String, Object> environment, BenchOptions options, Path dir) {
        Path file = dir.resolve(result.scenario() + ".json");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, JSON.writeValueAsString(json(result, environment, options)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Option values that look like numbers or booleans become JSON numbers or booleans. */
    static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(value);
        }
        return value;
    }

    private static String format(Number value) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(value.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String targetCell(BenchResult result, String name, Number value) {
        String target = result.targets().get(name);
        if (target == null) {
            return "";
        }
        Boolean met = meets(value.doubleValue(), target);
        return met == null ? target : target + (met ? " (met)" : " (**missed**)");
    }

    /** Whether {@code value} meets a target like {@code <= 500} or {@code >= 50}; null if the target is free text. */
    public static Boolean meets(double value, String target) {
        String trimmed = target.trim();
        try {
            if (trimmed.startsWith("<=")) {
                return value <= Double.parseDouble(trimmed.substring(2).trim());
            }
            if (trimmed.startsWith(">=")) {
                return value >= Double.parseDouble(trimmed.substring(2).trim());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
