package io.cellbet.ops.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Outcome of an {@link OpenModelLoad} run, for the measured requests only.
 *
 * @param latency latencies of successful requests from their intended start, in {@code unit}
 * @param startDelay how late each request started after its intended time (queueing for a worker), in {@code unit}
 * @param unit unit of the histogram values
 * @param requested measured requests that were scheduled
 * @param completed measured requests whose action returned normally
 * @param errors measured requests whose action threw or that did not finish in time
 * @param targetRatePerSecond the configured arrival rate
 * @param achievedRatePerSecond finished requests per second, from the first intended start to the last end
 * @param elapsed from the first measured request's intended start to the last measured request's end
 * @param errorSamples the first few failures, for diagnosis
 * @param slowestBySecond the slowest success among the requests intended in each second of the run, in {@code unit}:
 *     where in the run its tail came from (0 for a second with none)
 */
public record LoadResult(Histogram latency, Histogram startDelay, TimeUnit unit, long requested, long completed,
        long errors, double targetRatePerSecond, double achievedRatePerSecond, Duration elapsed,
        List<String> errorSamples, List<Long> slowestBySecond) {

    /** {@link #slowestBySecond} in whole milliseconds. */
    public List<Long> slowestMsBySecond() {
        return slowestBySecond.stream().map(value -> Math.round(toMs(value))).toList();
    }

    /** Latency at {@code percentile} (0-100) in milliseconds; 0 when nothing succeeded. */
    public double percentileMs(double percentile) {
        return toMs(latency.getValueAtPercentile(percentile));
    }

    public double p50Ms() {
        return percentileMs(50);
    }

    public double p99Ms() {
        return percentileMs(99);
    }

    public double p999Ms() {
        return percentileMs(99.9);
    }

    public double maxMs() {
        return toMs(latency.getMaxValue());
    }

    public double meanMs() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMean() / unit.convert(1, TimeUnit.MILLISECONDS);
    }

    /** Largest delay between a request's intended and actual start, in milliseconds. */
    public double maxStartDelayMs() {
        return toMs(startDelay.getMaxValue());
    }

    /** Converts a histogram value in {@link #unit()} to milliseconds. */
    public double toMs(long value) {
        return value / (double) unit.convert(1, TimeUnit.MILLISECONDS);
    }

    /** Adds the usual request metrics under {@code prefix} ({@code <prefix>_p50_ms}, ...) to a result. */
    public BenchResult.Builder addTo(BenchResult.Builder result, String prefix) {
        return result
                .metric(prefix + "_p50_ms", p50Ms())
                .metric(prefix + "_p99_ms", p99Ms())
                .metric(prefix + "_p999_ms", p999Ms())
                .metric(prefix + "_max_ms", maxMs())
                .metric(prefix + "_count", completed)
                .metric(prefix + "_errors", errors)
                .metric(prefix + "_rate_target", targetRatePerSecond)
                .metric(prefix + "_rate_achieved", achievedRatePerSecond)
                .metric(prefix + "_start_delay_max_ms", maxStartDelayMs());
    }
}
