package io.cellbet.ops.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Made-up {@link LoadResult}s for tests of what scenarios conclude from their steps. */
public final class LoadResults {

    private LoadResults() {
    }

    /** 100 requests over 20 s: 98 took 1 ms, the slowest two {@code p99Micros}; {@code errors} of them failed. */
    public static LoadResult of(double rate, double achieved, long p99Micros, long errors) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < 100; i++) {
            latency.recordValue(i < 98 ? 1_000 : p99Micros);
        }
        return new LoadResult(latency, new Histogram(3), TimeUnit.MICROSECONDS, 100, 100 - errors, errors, rate,
                achieved, Duration.ofSeconds(20), List.of(), List.of());
    }
}
