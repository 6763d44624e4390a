package io.cellbet.platform.work;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
}
