package io.cellbet.ops.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The steps of a writer's batches from a cell's metrics (the timers of {@code io.cellbet.platform.work.BatchSteps}):
 * for each step, {@code <figure>_<step>_ms_avg} and {@code <figure>_<step>_ms_max} (the slowest batch's step in the
 * timer's recent window). They tell a tail's source: a batch whose commit waited for the disk is slow in its commit.
 */
public final class BatchStepMetrics {

    /**
     * What a writer's batches did between two readings: how many ran, the pieces of work each took on average (the
     * summary {@code <timerPrefix>_items}), the time each took on average (its steps summed), and {@code busy}, the
     * share of the time between the readings spent in a batch. A writer that takes whatever arrived during its last
     * batch is busy nearly all the time under steady load, at any rate: what tells its limit is how its batch time
     * grows with the batch size from step to step (a fixed cost per batch and a cost per piece). {@code stepMs}: each
     * step's share of {@code meanMs}, in the steps' order, which tells where a change of the batch time came from.
     */
    public record Busy(long batches, double meanSize, double meanMs, double busy, Map<String, Double> stepMs) {

        public Busy {
            stepMs = Collections.unmodifiableMap(new LinkedHashMap<>(stepMs));
        }

        /** As the bench's JSON gives it. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("batches", batches);
            map.put("meanSize", meanSize);
            map.put("meanMs", meanMs);
            map.put("busy", busy);
            map.put("stepMs", stepMs);
            return map;
        }

        /** As a step's log line gives it. */
        public String line() {
            StringJoiner steps = new StringJoiner(", ", " (", ")").setEmptyValue("");
            stepMs.forEach((step, ms) -> steps.add(String.format(Locale.ROOT, "%s %.2f", step, ms)));
            return String.format(Locale.ROOT, "%d batches of %.1f on average, %.2f ms each%s, busy %.2f of the time",
                    batches, meanSize, meanMs, steps, busy);
        }
    }

    /**
     * The batches of the timers {@code <timerPrefix>_<step>} between {@code before} and {@code after}, read {@code
     * wall} apart; empty when none ran.
     */
    static Optional<Busy> between(CellMetrics before, CellMetrics after, Duration wall, String timerPrefix,
            String... steps) {
        long batches = after.timerCount(timerPrefix + "_" + steps[0]) - before.timerCount(timerPrefix + "_" + steps[0]);
        if (batches <= 0 || wall.isZero() || wall.isNegative()) {
            return Optional.empty();
        }
        double seconds = 0;
        Map<String, Double> stepMs = new LinkedHashMap<>();
        for (String step : steps) {
            String sum = timerPrefix + "_" + step + "_seconds_sum";
            double stepSeconds = after.value(sum) - before.value(sum);
            seconds += stepSeconds;
            stepMs.put(step, round(1000 * stepSeconds / batches, 100));
        }
        String size = timerPrefix + "_items";
        double sizes = after.value(size + "_count") - before.value(size + "_count");
        double meanSize = sizes <= 0 ? 0 : (after.value(size + "_sum") - before.value(size + "_sum")) / sizes;
        return Optional.of(new Busy(batches, round(meanSize, 10), round(1000 * seconds / batches, 100),
                round(seconds / (wall.toNanos() / 1e9), 100), stepMs));
    }

    /**
     * Starts watching a writer's batches at the cell at {@code cellUrl}: {@link Watch#busy} then tells what they did
     * since ({@link #between}).
     */
    public static Watch watch(String cellUrl, String timerPrefix, String... steps)
            throws IOException, InterruptedException {
        return new Watch(cellUrl, timerPrefix, List.of(steps), CellMetrics.read(cellUrl), System.nanoTime());
    }

    /** A reading of a cell's batch figures and when it was taken. */
    public record Watch(String cellUrl, String timerPrefix, List<String> steps, CellMetrics start, long startNanos) {

        /** What the writer's batches did since the watch started; empty when none ran. */
        public Optional<Busy> busy() throws IOException, InterruptedException {
            return between(start, CellMetrics.read(cellUrl), Duration.ofNanos(System.nanoTime() - startNanos),
                    timerPrefix, steps.toArray(String[]::new));
        }
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }

    private BatchStepMetrics() {
    }

    /** Adds the figures of {@code steps} of the timers {@code <timerPrefix>_<step>}, if the cell timed any batch. */
    public static void addTo(CellMetrics metrics, BenchResult.Builder result, String timerPrefix, String figure,
            String... steps) {
        for (String step : steps) {
            String timer = timerPrefix + "_" + step;
            if (metrics.timerCount(timer) > 0) {
                result.metric(figure + "_" + step + "_ms_avg", metrics.timerMeanMs(timer))
                        .metric(figure + "_" + step + "_ms_max", 1000 * metrics.value(timer + "_seconds_max"));
            }
        }
    }
}
