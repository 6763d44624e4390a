package io.cellbet.ops.bench.feed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steps of one fan-out run (the cell's or the bare server's) at rising change rates, and the rule that ends
 * them: a step is <b>held</b> when its p99 is within the target and at least {@value #MIN_DELIVERED_SHARE} of the
 * offered messages arrived; the run stops after the first step that is not held (or after {@code stopAfter} such
 * steps in a row, to see past one noisy step).
 */
final class FanOutSteps {

    /** Share of the offered messages a held step must deliver. */
    static final double MIN_DELIVERED_SHARE = 0.9;

    private final String target;
    private final double p99TargetMs;
    private final int stopAfter;
    private final List<Step> steps = new ArrayList<>();
    private int missedInARow;

    FanOutSteps(String target, double p99TargetMs) {
        this(target, p99TargetMs, 1);
    }

    FanOutSteps(String target, double p99TargetMs, int stopAfter) {
        if (stopAfter < 1) {
            throw new IllegalArgumentException("stopAfter must be >= 1, was " + stopAfter);
        }
        this.target = target;
        this.p99TargetMs = p99TargetMs;
        this.stopAfter = stopAfter;
    }

    /**
     * One measured step.
     *
     * @param changesPerSecond odds changes (or broadcasts) per second sent to every client
     * @param clients subscribed clients
     * @param seconds length of the measured window
     * @param delivered deltas received by all clients in the window
     */
    record Step(double changesPerSecond, int clients, double seconds, long delivered, double p50Ms, double p99Ms,
            double p999Ms, double maxMs, double p99TargetMs) {

        double offeredPerSecond() {
            return changesPerSecond * clients;
        }

        double deliveredPerSecond() {
            return seconds <= 0 ? 0 : delivered / seconds;
        }

        boolean held() {
            return delivered > 0 && p99Ms <= p99TargetMs
                    && deliveredPerSecond() >= MIN_DELIVERED_SHARE * offeredPerSecond();
        }

        String line() {
            return String.format(Locale.ROOT, "%.0f changes/s x %d clients: %,.0f msgs/s delivered of %,.0f "
                    + "offered, p50 %.1f ms, p99 %.1f ms, max %.1f ms: %s", changesPerSecond, clients,
                    deliveredPerSecond(), offeredPerSecond(), p50Ms, p99Ms, maxMs, held() ? "held" : "NOT held");
        }
    }

    /** Adds a step; returns whether the run goes on to the next rate. */
    boolean add(Step step) {
        steps.add(step);
        missedInARow = step.held() ? 0 : missedInARow + 1;
        return missedInARow < stopAfter;
    }

    List<Step> list() {
        return List.copyOf(steps);
    }

    /** The held step with the most messages delivered per second, or null when none was held. */
    Step highestHeld() {
        Step best = null;
        for (Step step : steps) {
            if (step.held() && (best == null || step.deliveredPerSecond() > best.deliveredPerSecond())) {
                best = step;
            }
        }
        return best;
    }

    /** The step the headline latencies come from: the highest held one, else the first. */
    Step reported() {
        Step held = highestHeld();
        return held != null ? held : steps.isEmpty() ? null : steps.get(0);
    }

    /** The steps as a Markdown table. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| target | changes/s | clients | offered msgs/s | delivered msgs/s | p50 ms | p99 ms | p99.9 ms "
                + "| max ms | held (p99 <= ").append(format(p99TargetMs)).append(" ms, >= 90 % delivered) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Step step : steps) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %s |%n",
                    target, format(step.changesPerSecond()), step.clients(), step.offeredPerSecond(),
                    step.deliveredPerSecond(), step.p50Ms(), step.p99Ms(), step.p999Ms(), step.maxMs(),
                    step.held() ? "yes" : "no"));
        }
        return out.toString();
    }

    /** The steps for the JSON report. */
    List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", target);
            row.put("changesPerSecond", step.changesPerSecond());
            row.put("clients", step.clients());
            row.put("seconds", step.seconds());
            row.put("offeredPerSecond", round(step.offeredPerSecond()));
            row.put("deliveredPerSecond", round(step.deliveredPerSecond()));
            row.put("delivered", step.delivered());
            row.put("p50Ms", step.p50Ms());
            row.put("p99Ms", step.p99Ms());
            row.put("p999Ms", step.p999Ms());
            row.put("maxMs", step.maxMs());
            row.put("held", step.held());
            rows.add(row);
        }
        return rows;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
