package io.cellbet.platform.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one backoff rule of Cellbet's background work and retries. */
class BackgroundLoopTest {

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);
        assertEquals(Duration.ofSeconds(1), BackgroundLoop.backoff(initial, max, 1));
        assertEquals(Duration.ofSeconds(2), BackgroundLoop.backoff(initial, max, 2));
        assertEquals(Duration.ofSeconds(256), BackgroundLoop.backoff(initial, max, 9));
        assertEquals(max, BackgroundLoop.backoff(initial, max, 10));
        assertEquals(max, BackgroundLoop.backoff(initial, max, 10_000));
    }

    @Test
    void neverWaitsLessThanTheMinimum() {
        assertEquals(Duration.ofMillis(250), BackgroundLoop.backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0));
    }

    @Test
    void roundsStartAtLeastTheMinimumIntervalApartAndAWakeUpInBetweenIsKept() throws InterruptedException {
        BlockingQueue<Long> roundStarts = new LinkedBlockingQueue<>();
        // Polling once a minute: within this test only wake-ups start rounds.
        BackgroundLoop loop = new BackgroundLoop("test-loop", Duration.ofMinutes(1), Duration.ofMillis(100),
                Duration.ofSeconds(1), () -> roundStarts.add(System.nanoTime()),
                (failure, inARow, retryIn) -> { }).withRoundIntervalMin(Duration.ofMillis(300));
        loop.start();
        try {
            loop.wake();
            Long first = roundStarts.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "a wake-up starts a round");
            // Woken again at once, within the interval: the round waits for the interval, and is not dropped.
            loop.wake();
            Long second = roundStarts.poll(5, TimeUnit.SECONDS);
            assertNotNull(second, "the wake-up within the interval started a round after it");
            assertTrue(second - first >= TimeUnit.MILLISECONDS.toNanos(300),
                    "rounds " + TimeUnit.NANOSECONDS.toMillis(second - first) + " ms apart");
        } finally {
            loop.stop();
        }
    }
}
