package io.cellbet.platform.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchStepsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    /** The clock the steps read, moved by the test. */
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<String> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(BatchSteps.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(String.valueOf(record.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private BatchSteps steps;

    @BeforeEach
    void steps() {
        log.addHandler(capture);
        steps = new BatchSteps(metrics, "test.batch", "test batch", Duration.ofMillis(50), List.of(
                new BatchSteps.Step("read", "reading"), new BatchSteps.Step("apply", "applying"),
                new BatchSteps.Step("commit", "committing")), now::get);
    }

    @AfterEach
    void stopCapture() {
        log.removeHandler(capture);
    }

    private double totalMs(String step) {
        return metrics.get("test.batch." + step).timer().totalTime(TimeUnit.MILLISECONDS);
    }

    private long count(String step) {
        return metrics.get("test.batch." + step).timer().count();
    }

    @Test
    void eachStepIsTimedFromTheEndOfTheOneBefore() {
        BatchSteps.Timing timing = steps.start();
        now.addAndGet(3 * MS);
        timing.ended(0);
        now.addAndGet(1 * MS);
        timing.ended(1);
        now.addAndGet(7 * MS);
        timing.finished(4);

        assertEquals(3.0, totalMs("read"));
        assertEquals(1.0, totalMs("apply"));
        assertEquals(7.0, totalMs("commit"));
        assertEquals(1, count("commit"));
        assertEquals(List.of(), logged, "an 11 ms batch is not slow");
    }

    @Test
    void eachBatchsSizeIsCounted() {
        steps.start().finished(4);
        steps.start().finished(0);
        steps.start().finished(11);

        DistributionSummary sizes = metrics.get("test.batch.items").summary();
        assertEquals(3, sizes.count());
        assertEquals(15.0, sizes.totalAmount());
        assertEquals(11.0, sizes.max());
    }

    @Test
    void aStepRunAgainKeepsItsLastEndAndAStepNotRunTakesNothing() {
        BatchSteps.Timing timing = steps.start();
        now.addAndGet(2 * MS);
        timing.ended(1);
        now.addAndGet(5 * MS);
        // The transaction retried: the apply step ends again, later.
        timing.ended(1);
        now.addAndGet(1 * MS);
        timing.finished(1);

        assertEquals(0.0, totalMs("read"));
        assertEquals(7.0, totalMs("apply"));
        assertEquals(1.0, totalMs("commit"));
    }

    @Test
    void aSlowBatchIsLoggedWithItsStepsAtMostOnceASecond() {
        for (int batch = 0; batch < 3; batch++) {
            BatchSteps.Timing timing = steps.start();
            now.addAndGet(MS);
            timing.ended(0);
            timing.ended(1);
            now.addAndGet(79 * MS);
            timing.finished(12);
        }
        assertEquals(List.of("test batch of 12 took 80.0 ms: read 1.0 ms, apply 0.0 ms, commit 79.0 ms"), logged,
                "three slow batches within 240 ms log one line");

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        BatchSteps.Timing later = steps.start();
        now.addAndGet(60 * MS);
        later.finished(2);
        assertEquals(2, logged.size(), "a second later, a slow batch is logged again");
        assertEquals("test batch of 2 took 60.0 ms: read 0.0 ms, apply 0.0 ms, commit 60.0 ms", logged.get(1));
        Timer commit = metrics.get("test.batch.commit").timer();
        assertEquals(4, commit.count(), "every batch is timed, logged or not");
    }

    @Test
    void noThresholdLogsNothing() {
        BatchSteps quiet = new BatchSteps(metrics, "quiet.batch", "quiet batch", Duration.ZERO,
                List.of(new BatchSteps.Step("all", "everything")), now::get);
        BatchSteps.Timing timing = quiet.start();
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        timing.finished(1);
        assertEquals(List.of(), logged);
        assertEquals(5_000.0, metrics.get("quiet.batch.all").timer().totalTime(TimeUnit.MILLISECONDS));
    }

    @Test
    void aBatchHasSteps() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSteps(metrics, "none", "none", Duration.ZERO,
                List.of()));
    }
}
