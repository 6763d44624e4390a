package io.cellbet.cell;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of the test cell: the system's UTC clock plus an offset that a test moves forward,
 * so a 30-minute lockout or a 24-hour cooling-off passes without sleeping. It replaces the
 * platform's default clock bean; time only moves forward, so tests that ignore it see a clock
 * that merely runs ahead.
 */
@Singleton
public class TestClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves this clock forward. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward");
        }
        offsetMillis.addAndGet(duration.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the cell's rules run in UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }
}
