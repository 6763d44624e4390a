package io.cellbet.platform.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A daemon thread that runs rounds of work: as soon as it is woken, else every poll interval,
 * and after a failed round only once a capped exponential backoff has passed. The work it
 * does lives in tables (the outbox, pending brand-wallet calls), so a round cut short by a
 * failure or a stop is simply done again by a later round.
 */
public final class BackgroundLoop {

    /** One round of work; an exception makes the loop back off before the next. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    /** Told of a failed round: how many failed in a row, and how long the loop waits now. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(Exception failure, int failuresInARow, Duration retryIn);
    }

    /** A listener that logs each failed round as a warning: what failed, how often in a row, when it is tried again. */
    public static FailureListener warning(Logger log, String what) {
        return (failure, inARow, retryIn) -> log.warnf(failure, "%s failed (%d in a row); retrying in %s", what, inARow,
                retryIn);
    }

    /** Longest a stop waits for the round under way. */
    private static final long STOP_GRACE_MS = 5_000;
    /** Doublings beyond this would overflow; the cap is reached long before. */
    private static final int DOUBLINGS_MAX = 30;

    private final String name;
    private final Duration pollInterval;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final Round round;
    private final FailureListener onFailure;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Duration roundIntervalMin = Duration.ZERO;
    private volatile boolean running;
    private Thread thread;

    public BackgroundLoop(String name, Duration pollInterval, Duration backoffMin, Duration backoffMax, Round round,
            FailureListener onFailure) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.round = round;
        this.onFailure = onFailure;
    }

    /**
     * Rounds start at least {@code interval} apart: a wake-up in between is not lost, its round starts once the
     * interval has passed. Zero (the default) starts a round at every wake-up.
     */
    public BackgroundLoop withRoundIntervalMin(Duration interval) {
        this.roundIntervalMin = interval;
        return this;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a round now (after a commit that left work behind, say). */
    public void wake() {
        wakeUps.release();
    }

    /** Whether the loop should go on; rounds that drain work in steps check it between steps. */
    public boolean running() {
        return running;
    }

    /** Stops after the round under way, waiting for it a few seconds at most. */
    public synchronized void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code min} doubled for each failure after the first, never below {@code min} nor above {@code max}. */
    public static Duration backoff(Duration min, Duration max, int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, DOUBLINGS_MAX));
        long millis = min.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                Duration wait = failures == 0 ? pollInterval : backoff(backoffMin, backoffMax, failures);
                wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (!running) {
                    return;
                }
                long started = System.nanoTime();
                round.run();
                failures = 0;
                long restNanos = roundIntervalMin.toNanos() - (System.nanoTime() - started);
                if (restNanos > 0 && running) {
                    TimeUnit.NANOSECONDS.sleep(restNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                onFailure.failed(e, failures, backoff(backoffMin, backoffMax, failures));
            }
        }
    }
}
