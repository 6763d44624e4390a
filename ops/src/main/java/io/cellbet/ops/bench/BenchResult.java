package io.cellbet.ops.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a scenario measured: named metrics in the order they were added (units in the name: {@code _ms}, {@code _s},
 * {@code _mb}), targets some of them must meet, and facts about the run for the report's environment.
 */
public final class BenchResult {

    /** Decimal places kept for fractional metrics: microseconds when the unit is milliseconds. */
    static final int METRIC_SCALE = 3;

    private final String scenario;
    private final Map<String, Number> metrics;
    private final Map<String, String> targets;
    private final Map<String, Object> context;

    private BenchResult(Builder builder) {
        this.scenario = builder.scenario;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metrics));
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.targets));
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(builder.context));
    }

    public static Builder builder(String scenario) {
        return new Builder(scenario);
    }

    public String scenario() {
        return scenario;
    }

    /** Metric name to value ({@link Long} or {@link Double}), in insertion order. */
    public Map<String, Number> metrics() {
        return metrics;
    }

    /** Metric name to its target, e.g. {@code "<= 500"}. */
    public Map<String, String> targets() {
        return targets;
    }

    /** Facts about the run (e.g. which infrastructure), merged into the report's environment. */
    public Map<String, Object> context() {
        return context;
    }

    /** Collects a {@link BenchResult}. */
    public static final class Builder {

        private final String scenario;
        private final Map<String, Number> metrics = new LinkedHashMap<>();
        private final Map<String, String> targets = new LinkedHashMap<>();
        private final Map<String, Object> context = new LinkedHashMap<>();

        private Builder(String scenario) {
            this.scenario = Objects.requireNonNull(scenario);
        }

        public Builder metric(String name, long value) {
            metrics.put(name, value);
            return this;
        }

        /** A fractional metric, rounded to {@value #METRIC_SCALE} decimal places; NaN and infinity are rejected. */
        public Builder metric(String name, double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Metric " + name + " is not a number: " + value);
            }
            metrics.put(name, BigDecimal.valueOf(value).setScale(METRIC_SCALE, RoundingMode.HALF_UP).doubleValue());
            return this;
        }

        /** States the target of a metric for readers of the report, e.g. {@code target("p99_ms", "<= 500")}. */
        public Builder target(String metric, String target) {
            targets.put(metric, target);
            return this;
        }

        public Builder context(String key, Object value) {
            context.put(key, value);
            return this;
        }

        public BenchResult build() {
            return new BenchResult(this);
        }
    }
}
