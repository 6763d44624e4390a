package io.cellbet.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-model load at a fixed arrival rate: request {@code i} is due at {@code start + i / rate} whatever happened to
 * earlier requests, and its latency is measured from that intended time, not from when a worker got to send it. A
 * stalled system therefore shows up in every request that had to wait, and there is no coordinated omission.
 *
 * <p>{@link #run} runs blocking requests on a fixed pool of workers behind a bounded queue. When the queue is full
 * the scheduler waits, which bounds memory without hiding the wait: the intended times do not move. {@link #runAsync}
 * starts non-blocking requests from the scheduling thread itself, so the load generator costs no thread switch per
 * request and takes less of a shared machine from the system it measures.
 */
public final class OpenModelLoad {

    public static final int DEFAULT_WORKERS = 16;
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_ERROR_SAMPLES = 5;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The work of one request; {@code index} counts from 0 across warm-up and measured requests. */
    @FunctionalInterface
    public interface Action {
        void run(long index) throws Exception;
    }

    /** The start of one non-blocking request; the stage completes when it ended and fails when it failed. */
    @FunctionalInterface
    public interface AsyncAction {
        CompletionStage<?> start(long index) throws Exception;
    }

    private final double ratePerSecond;
    private final long warmUpCount;
    private final long measuredCount;
    private final int workers;
    private final int maxQueued;
    private final TimeUnit resolution;
    private final Duration drainTimeout;

    private OpenModelLoad(Builder builder) {
        this.ratePerSecond = builder.ratePerSecond;
        this.warmUpCount = builder.warmUpCount();
        this.measuredCount = builder.measuredCount();
        this.workers = builder.workers;
        this.maxQueued = builder.maxQueued;
        this.resolution = builder.resolution;
        this.drainTimeout = builder.drainTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long warmUpCount() {
        return warmUpCount;
    }

    public long measuredCount() {
        return measuredCount;
    }

    /**
     * Issues the warm-up requests, then the measured ones, and waits for them to finish (at most the drain timeout
     * after the last one is due; unfinished requests count as errors).
     */
    public LoadResult run(Action action) throws InterruptedException {
        Objects.requireNonNull(action);
        Recording recording = new Recording();
        BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(maxQueued);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, queue,
                workerThreads());
        // With every core thread started, putting straight into the queue is the same as submitting, but it blocks
        // instead of rejecting when the queue is full.
        pool.prestartAllCoreThreads();
        try {
            for (long i = 0; i < warmUpCount + measuredCount; i++) {
                long index = i;
                long intended = recording.sleepUntilDue(i);
                queue.put(() -> {
                    long begin = System.nanoTime();
                    Exception failure = null;
                    try {
                        action.run(index);
                    } catch (Exception e) {
                        failure = e;
                    }
                    recording.record(index, intended, begin, failure);
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        }
        return recording.result();
    }

    /**
     * Like {@link #run(Action)} for a non-blocking client: the scheduling thread starts each request itself when it
     * is due and the request's stage reports its end, so no thread waits for an answer. At most {@code workers}
     * requests are outstanding; when that many are, the scheduler waits for one to end (the intended times do not
     * move, so the wait shows in the latencies).
     */
    public LoadResult runAsync(AsyncAction action) throws InterruptedException {
        Objects.requireNonNull(action);
        Recording recording = new Recording();
        Semaphore outstanding = new Semaphore(workers);
        for (long i = 0; i < warmUpCount + measuredCount; i++) {
            long index = i;
            long intended = recording.sleepUntilDue(i);
            outstanding.acquire();
            long begin = System.nanoTime();
            CompletionStage<?> stage;
            try {
                stage = Objects.requireNonNull(action.start(index), "the action returned no stage");
            } catch (Exception e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((ignored, failure) -> {
                recording.record(index, intended, begin, failure);
                outstanding.release();
            });
        }
        // Whatever has not ended by the drain timeout is counted as unfinished by the result.
        if (outstanding.tryAcquire(workers, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            outstanding.release(workers);
        }
        return recording.result();
    }

    /** The latencies, counts and error samples of one run, recorded from any thread. */
    private final class Recording {

        private final double periodNanos = 1e9 / ratePerSecond;
        private final Recorder latencies = new Recorder(SIGNIFICANT_DIGITS);
        private final Recorder startDelays = new Recorder(SIGNIFICANT_DIGITS);
        private final LongAdder succeeded = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
        private final List<String> errorSamples = new ArrayList<>();
        private final long start = System.nanoTime();
        private final long measureStart = start + (long) (warmUpCount * periodNanos);
        /** The slowest success intended in each second of the measured run, in {@code resolution}. */
        private final AtomicLongArray slowestBySecond = new AtomicLongArray(
                (int) Math.ceil(measuredCount / ratePerSecond) + 1);

        /** Waits until request {@code index} is due; returns when it was due. */
        long sleepUntilDue(long index) throws InterruptedException {
            long intended = start + (long) (index * periodNanos);
            sleepUntil(intended);
            return intended;
        }

        /** Records a request that ended now; warm-up requests are not recorded. */
        void record(long index, long intended, long begin, Throwable failure) {
            long end = System.nanoTime();
            if (index < warmUpCount) {
                return;
            }
            startDelays.recordValue(toResolution(begin - intended));
            lastEndNanos.accumulateAndGet(end, Math::max);
            if (failure == null) {
                long latency = toResolution(end - intended);
                latencies.recordValue(latency);
                long second = (intended - measureStart) / NANOS_PER_SECOND;
                if (second >= 0 && second < slowestBySecond.length()) {
                    slowestBySecond.accumulateAndGet((int) second, latency, Math::max);
                }
                succeeded.increment();
            } else {
                failed.increment();
                synchronized (errorSamples) {
                    if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                        errorSamples.add("request " + index + ": " + failure);
                    }
                }
            }
        }

        private List<Long> slowest() {
            List<Long> slowest = new ArrayList<>(slowestBySecond.length());
            for (int i = 0; i < slowestBySecond.length(); i++) {
                slowest.add(slowestBySecond.get(i));
            }
            return List.copyOf(slowest);
        }

        LoadResult result() {
            long completed = succeeded.sum();
            long errors = failed.sum();
            long unfinished = measuredCount - completed - errors;
            List<String> samples;
            synchronized (errorSamples) {
                if (unfinished > 0) {
                    errors += unfinished;
                    errorSamples.add(unfinished + " requests did not finish within " + drainTimeout.toSeconds()
                            + " s of the end");
                }
                samples = List.copyOf(errorSamples);
            }
            long lastEnd = lastEndNanos.get();
            Duration elapsed = Duration.ofNanos(lastEnd == Long.MIN_VALUE ? 0 : Math.max(0, lastEnd - measureStart));
            double achieved = elapsed.isZero() ? 0 : (completed + errors - unfinished) / (elapsed.toNanos() / 1e9);
            return new LoadResult(latencies.getIntervalHistogram(), startDelays.getIntervalHistogram(), resolution,
                    measuredCount, completed, errors, ratePerSecond, achieved, elapsed, samples, slowest());
        }
    }

    private long toResolution(long nanos) {
        return Math.max(0, resolution.convert(nanos, TimeUnit.NANOSECONDS));
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException("Load generation interrupted");
            }
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "load-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of an {@link OpenModelLoad}; rate and either duration or count are required. */
    public static final class Builder {

        private double ratePerSecond;
        private Long count;
        private Duration duration;
        private Long warmUpCount;
        private Duration warmUp = Duration.ZERO;
        private int workers = DEFAULT_WORKERS;
        private int maxQueued = DEFAULT_MAX_QUEUED;
        private TimeUnit resolution = TimeUnit.MICROSECONDS;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

        private Builder() {
        }

        /** Arrivals per second. */
        public Builder ratePerSecond(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("Rate must be positive, was " + rate);
            }
            this.ratePerSecond = rate;
            return this;
        }

        /** Number of measured requests (after the warm-up). */
        public Builder count(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("Count must not be negative, was " + count);
            }
            this.count = count;
            this.duration = null;
            return this;
        }

        /** Length of the measured period (after the warm-up): {@code rate * duration} requests. */
        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration);
            this.count = null;
            return this;
        }

        /** Length of the warm-up before the measured requests; its requests run but are not recorded. */
        public Builder warmUp(Duration warmUp) {
            this.warmUp = Objects.requireNonNull(warmUp);
            this.warmUpCount = null;
            return this;
        }

        /** Number of warm-up requests before the measured ones. */
        public Builder warmUpCount(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("Warm-up count must not be negative, was " + count);
            }
            this.warmUpCount = count;
            return this;
        }

        /**
         * Worker threads that run the actions, or for {@link #runAsync} the most requests outstanding at once;
         * default {@value #DEFAULT_WORKERS}.
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("Need at least one worker, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Requests that may wait for a worker before the scheduler waits; default {@value #DEFAULT_MAX_QUEUED}. */
        public Builder maxQueued(int maxQueued) {
            if (maxQueued < 1) {
                throw new IllegalArgumentException("Queue must hold at least one request, was " + maxQueued);
            }
            this.maxQueued = maxQueued;
            return this;
        }

        /** Unit of the recorded latencies: {@link TimeUnit#MICROSECONDS} (default) or {@link TimeUnit#NANOSECONDS}. */
        public Builder resolution(TimeUnit unit) {
            if (unit != TimeUnit.MICROSECONDS && unit != TimeUnit.NANOSECONDS) {
                throw new IllegalArgumentException("Resolution must be microseconds or nanoseconds, was " + unit);
            }
            this.resolution = unit;
            return this;
        }

        /** How long to wait for outstanding requests once the last one is due; default 60 s. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public OpenModelLoad build() {
            if (ratePerSecond <= 0) {
                throw new IllegalStateException("Set the rate");
            }
            if (count == null && duration == null) {
                throw new IllegalStateException("Set a count or a duration");
            }
            return new OpenModelLoad(this);
        }

        private long measuredCount() {
            return count != null ? count : Math.round(ratePerSecond * duration.toNanos() / 1e9);
        }

        private long warmUpCount() {
            return warmUpCount != null ? warmUpCount : Math.round(ratePerSecond * warmUp.toNanos() / 1e9);
        }
    }
}
