package io.cellbet.ops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Load steps at rising fixed arrival rates ({@link OpenModelLoad}), each held or not against a p99 target: the
 * highest rate held is what a scenario reports as the rate a system takes.
 */
public final class RateSteps {

    /** Share of the target rate a step must achieve to count as held. */
    public static final double ACHIEVED_RATE_MIN = 0.95;

    private final double p99TargetMs;
    private final List<Step> list = new ArrayList<>();

    public RateSteps(double p99TargetMs) {
        this.p99TargetMs = p99TargetMs;
    }

    /**
     * Parses a list of rates such as {@code 5,10,20}: positive numbers in increasing order.
     *
     * @param option the option's name, for the error message
     */
    public static List<Double> rates(String list, String option) {
        List<Double> rates = new ArrayList<>();
        for (String part : list.split(",")) {
            double rate;
            try {
                rate = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--" + option + " must be positive numbers separated by commas, "
                        + "was " + list);
            }
            if (!rates.isEmpty() && rate <= rates.get(rates.size() - 1)) {
                throw new IllegalArgumentException("--" + option + " must increase, was " + list);
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    public Step add(LoadResult load) {
        Step step = new Step(load, p99TargetMs);
        list.add(step);
        return step;
    }

    /** The steps run so far, in order. */
    public List<Step> list() {
        return List.copyOf(list);
    }

    public double p99TargetMs() {
        return p99TargetMs;
    }

    /** The highest rate held before the first step that was not; null when the first was not held. */
    public Step highestHeld() {
        Step held = null;
        for (Step step : list) {
            if (!step.held()) {
                break;
            }
            held = step;
        }
        return held;
    }

    /** The highest rate sustained (see {@link Step#sustained()}) before the first step that was not. */
    public Step highestSustained() {
        Step sustained = null;
        for (Step step : list) {
            if (!step.sustained()) {
                break;
            }
            sustained = step;
        }
        return sustained;
    }

    /** The steps as a Markdown table: rate, achieved, latencies, start delay, errors, held. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| rate/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms "
                + "| start delay p99 ms | errors | held |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Step step : list) {
            LoadResult load = step.load();
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                    rate(step.rate()), step.achieved(), step.p50Ms(), step.p99Ms(), load.p999Ms(), load.maxMs(),
                    step.startDelayP99Ms(), load.errors(), step.held() ? "yes" : "no"));
        }
        return out.toString();
    }

    /** The steps for the JSON report's environment. */
    public List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Step step : list) {
            LoadResult load = step.load();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rate", step.rate());
            row.put("achieved", Math.round(step.achieved() * 10) / 10.0);
            row.put("p50Ms", step.p50Ms());
            row.put("p99Ms", step.p99Ms());
            row.put("p999Ms", load.p999Ms());
            row.put("maxMs", load.maxMs());
            row.put("startDelayP99Ms", step.startDelayP99Ms());
            row.put("completed", load.completed());
            row.put("errors", load.errors());
            row.put("held", step.held());
            rows.add(row);
        }
        return rows;
    }

    /** A rate as people write it: {@code 40}, or {@code 2.5} when it has a fraction. */
    public static String rate(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%.0f", rate)
                : String.format(Locale.ROOT, "%.1f", rate);
    }

    /** One measured step. */
    public record Step(LoadResult load, double p99TargetMs) {

        public double rate() {
            return load.targetRatePerSecond();
        }

        public double achieved() {
            return load.achievedRatePerSecond();
        }

        public double p50Ms() {
            return load.p50Ms();
        }

        public double p99Ms() {
            return load.p99Ms();
        }

        /**
         * How late the 99th percentile request left the load generator (waiting for a free worker): when this is
         * near the p99 latency, the generator, not the system measured, was the limit.
         */
        public double startDelayP99Ms() {
            return load.toMs(load.startDelay().getValueAtPercentile(99));
        }

        /** No errors and at least {@value RateSteps#ACHIEVED_RATE_MIN} of the rate achieved, whatever the latency. */
        public boolean sustained() {
            return load.errors() == 0 && load.completed() > 0 && achieved() >= ACHIEVED_RATE_MIN * rate();
        }

        /** No errors, p99 within the target and at least {@value RateSteps#ACHIEVED_RATE_MIN} of the rate achieved. */
        public boolean held() {
            return sustained() && p99Ms() <= p99TargetMs;
        }

        /** One line for the progress log. */
        public String line() {
            return String.format(Locale.ROOT, "achieved %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors: %s",
                    achieved(), p50Ms(), p99Ms(), load.maxMs(), load.errors(), held() ? "held" : "NOT held");
        }
    }
}
