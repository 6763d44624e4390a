package io.cellbet.platform.work;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Times the steps of a writer's batches, one timer per step ({@code <prefix>.<step>}), and logs a batch slower than a
 * threshold with the time of each step, at most once a second (a stall of many batches logs one line a second, not
 * one per batch). A batch's time says it was slow; its steps say whether it waited for the database's locks, for this
 * process, or for the commit (the flush of the write-ahead log). A summary ({@code <prefix>.items}) counts the pieces
 * of work each batch took: with the timers' sums, how much of a stretch of time the writer was busy and in batches of
 * what size.
 */
public final class BatchSteps {

    /** A step of a batch: its timer is {@code <prefix>.<name>}. */
    public record Step(String name, String description) {
    }

    private static final Logger LOG = Logger.getLogger(BatchSteps.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String batchName;
    private final List<Step> steps;
    private final Timer[] timers;
    private final DistributionSummary sizes;
    private final long slowNanos;
    private final LongSupplier clock;
    private final AtomicLong loggedNanos;

    /**
     * @param batchName what a batch is called in the log ("ledger batch")
     * @param slow a batch longer than this is logged; zero logs none
     */
    public BatchSteps(MeterRegistry metrics, String prefix, String batchName, Duration slow, List<Step> steps) {
        this(metrics, prefix, batchName, slow, steps, System::nanoTime);
    }

    /** With {@code clock} for {@link System#nanoTime()}. */
    BatchSteps(MeterRegistry metrics, String prefix, String batchName, Duration slow, List<Step> steps,
            LongSupplier clock) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one step");
        }
        this.batchName = batchName;
        this.steps = List.copyOf(steps);
        this.slowNanos = slow.toNanos();
        this.clock = clock;
        this.loggedNanos = new AtomicLong(clock.getAsLong() - LOG_INTERVAL_NANOS);
        this.timers = new Timer[steps.size()];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = Timer.builder(prefix + "." + steps.get(i).name()).description(steps.get(i).description())
                    .publishPercentileHistogram().register(metrics);
        }
        this.sizes = DistributionSummary.builder(prefix + ".items").description("Pieces of work a " + batchName
                + " took").register(metrics);
    }

    /** Starts timing a batch now. */
    public Timing start() {
        return new Timing();
    }

    /** One batch's steps. Used by the one thread that runs the batch. */
    public final class Timing {

        private final long started = clock.getAsLong();
        /** When each step but the last ended; a step run again (a retried transaction) keeps its last end. */
        private final long[] ends = new long[steps.size() - 1];

        private Timing() {
        }

        /** Step {@code index} (from 0, not the last) ends now. */
        public void ended(int index) {
            ends[index] = clock.getAsLong();
        }

        /** The last step ends now: records every step, and logs the batch if it was slow. */
        public void finished(int size) {
            long finished = clock.getAsLong();
            long[] durations = new long[timers.length];
            long from = started;
            for (int i = 0; i < timers.length; i++) {
                long to = i < ends.length ? Math.max(ends[i], from) : finished;
                durations[i] = to - from;
                timers[i].record(durations[i], TimeUnit.NANOSECONDS);
                from = to;
            }
            sizes.record(size);
            long logged = loggedNanos.get();
            if (slowNanos > 0 && finished - started > slowNanos && finished - logged >= LOG_INTERVAL_NANOS
                    && loggedNanos.compareAndSet(logged, finished)) {
                StringBuilder line = new StringBuilder().append(batchName).append(" of ").append(size)
                        .append(" took ").append(millis(finished - started)).append(" ms:");
                for (int i = 0; i < durations.length; i++) {
                    line.append(i == 0 ? " " : ", ").append(steps.get(i).name()).append(' ')
                            .append(millis(durations[i])).append(" ms");
                }
                LOG.warn(line);
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
