package io.cellbet.ops.bench;

/**
 * The steps of a writer's batches from a cell's metrics (the timers of {@code io.cellbet.platform.work.BatchSteps}):
 * for each step, {@code <figure>_<step>_ms_avg} and {@code <figure>_<step>_ms_max} (the slowest batch's step in the
 * timer's recent window). They tell a tail's source: a batch whose commit waited for the disk is slow in its commit.
 */
public final class BatchStepMetrics {

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
