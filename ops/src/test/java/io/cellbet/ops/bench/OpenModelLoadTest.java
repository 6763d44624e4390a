package io.cellbet.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Checks what the load runner records. Timing assertions are lower bounds only: a loaded machine makes requests
 * slower, never faster, so they cannot fail for lack of CPU.
 */
class OpenModelLoadTest {

    @Test
    void recordsEveryMeasuredRequestAndLeavesOutTheWarmUp() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        LoadResult result = OpenModelLoad.builder().ratePerSecond(200).warmUpCount(20).count(100).workers(4).build()
                .run(index -> {
                    calls.incrementAndGet();
                    Thread.sleep(2);
                });

        assertEquals(120, calls.get());
        assertEquals(100, result.requested());
        assertEquals(100, result.completed());
        assertEquals(0, result.errors());
        assertEquals(100, result.latency().getTotalCount());
        assertEquals(TimeUnit.MICROSECONDS, result.unit());
        assertTrue(result.latency().getMinValue() >= 2_000, "min " + result.latency().getMinValue() + " us");
        assertTrue(result.p50Ms() >= 2.0);
        assertTrue(result.achievedRatePerSecond() > 0);
    }

    @Test
    void countsFailedActionsAsErrorsAndNotAsLatencies() throws InterruptedException {
        LoadResult result = OpenModelLoad.builder().ratePerSecond(500).count(100).build()
                .run(index -> {
                    if (index % 10 == 0) {
                        throw new IllegalStateException("refused " + index);
                    }
                });

        assertEquals(90, result.completed());
        assertEquals(10, result.errors());
        assertEquals(90, result.latency().getTotalCount());
        assertEquals(OpenModelLoad.MAX_ERROR_SAMPLES, result.errorSamples().size());
        assertTrue(result.errorSamples().get(0).contains("refused"));
    }

    @Test
    void measuresFromTheIntendedStartSoAStallDelaysEveryRequestQueuedBehindIt() throws InterruptedException {
        // Request k is due at 10k ms. Request 0 blocks the only worker for 500 ms, so requests 1..25 (due by 250 ms)
        // cannot start before 500 ms and each waited at least 250 ms. Timing from the actual send would show one
        // slow request and 49 fast ones.
        LoadResult result = OpenModelLoad.builder().ratePerSecond(100).count(50).workers(1).build()
                .run(index -> {
                    if (index == 0) {
                        Thread.sleep(500);
                    }
                });

        assertEquals(50, result.completed());
        long quarterSecondMicros = 250_000;
        long waitedAtLeastQuarterSecond = result.latency().getCountBetweenValues(quarterSecondMicros,
                result.latency().getMaxValue());
        assertTrue(waitedAtLeastQuarterSecond >= 25, waitedAtLeastQuarterSecond + " requests waited >= 250 ms");
        assertTrue(result.maxMs() >= 500, "max " + result.maxMs());
        assertTrue(result.p50Ms() >= 200, "p50 " + result.p50Ms());
        assertTrue(result.maxStartDelayMs() >= 480, "start delay " + result.maxStartDelayMs());
    }

    @Test
    void countsRequestsStillRunningAfterTheDrainTimeoutAsErrors() throws InterruptedException {
        LoadResult result = OpenModelLoad.builder().ratePerSecond(100).count(10)
                .drainTimeout(Duration.ofMillis(300)).build()
                .run(index -> {
                    if (index == 9) {
                        Thread.sleep(30_000);
                    }
                });

        assertEquals(9, result.completed());
        assertEquals(1, result.errors());
        assertFalse(result.errorSamples().isEmpty());
    }

    @Test
    void derivesCountsFromDurationsAndRate() {
        OpenModelLoad load = OpenModelLoad.builder().ratePerSecond(50).duration(Duration.ofSeconds(2))
                .warmUp(Duration.ofSeconds(1)).build();

        assertEquals(100, load.measuredCount());
        assertEquals(50, load.warmUpCount());
    }

    @Test
    void recordsNanosecondsWhenAsked() throws InterruptedException {
        LoadResult result = OpenModelLoad.builder().ratePerSecond(1000).count(10)
                .resolution(TimeUnit.NANOSECONDS).build()
                .run(index -> Thread.sleep(1));

        assertEquals(TimeUnit.NANOSECONDS, result.unit());
        assertTrue(result.latency().getMinValue() >= 1_000_000, "min " + result.latency().getMinValue() + " ns");
        assertTrue(result.p50Ms() >= 1.0);
    }

    @Test
    void runsNonBlockingRequestsAndRecordsWhenTheirStagesEnd() throws InterruptedException {
        ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger calls = new AtomicInteger();
            LoadResult result = OpenModelLoad.builder().ratePerSecond(500).warmUpCount(10).count(100).workers(50)
                    .build().runAsync(index -> {
                        calls.incrementAndGet();
                        CompletableFuture<Void> answer = new CompletableFuture<>();
                        if (index % 10 == 5) {
                            answer.completeExceptionally(new IllegalStateException("refused " + index));
                        } else {
                            answers.schedule(() -> answer.complete(null), 3, TimeUnit.MILLISECONDS);
                        }
                        return answer;
                    });

            assertEquals(110, calls.get());
            assertEquals(90, result.completed());
            assertEquals(10, result.errors());
            assertTrue(result.errorSamples().get(0).contains("refused"));
            assertTrue(result.latency().getMinValue() >= 3_000, "min " + result.latency().getMinValue() + " us");
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    void asyncRequestsBeyondTheOutstandingBoundWaitAndTheWaitIsMeasured() throws InterruptedException {
        // One request may be outstanding and request 0 ends only after 500 ms: requests 1..25 (due by 250 ms) cannot
        // start before then, so each waited at least 250 ms from when it was due.
        ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        try {
            LoadResult result = OpenModelLoad.builder().ratePerSecond(100).count(50).workers(1).build()
                    .runAsync(index -> {
                        CompletableFuture<Void> answer = new CompletableFuture<>();
                        answers.schedule(() -> answer.complete(null), index == 0 ? 500 : 0, TimeUnit.MILLISECONDS);
                        return answer;
                    });

            assertEquals(50, result.completed());
            long waited = result.latency().getCountBetweenValues(250_000, result.latency().getMaxValue());
            assertTrue(waited >= 25, waited + " requests waited >= 250 ms");
            assertTrue(result.maxStartDelayMs() >= 480, "start delay " + result.maxStartDelayMs());
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    void countsAsyncRequestsThatNeverEndAsErrors() throws InterruptedException {
        LoadResult result = OpenModelLoad.builder().ratePerSecond(100).count(10).drainTimeout(Duration.ofMillis(300))
                .build().runAsync(index -> index == 9 ? new CompletableFuture<Void>()
                        : CompletableFuture.completedFuture(null));

        assertEquals(9, result.completed());
        assertEquals(1, result.errors());
        assertFalse(result.errorSamples().isEmpty());
    }

    @Test
    void tellsInWhichSecondTheSlowestAnswersWereAsked() throws InterruptedException {
        // 100/s for 3 s after a warm-up of 50: requests 150..249 are the run's second second, and one of them is slow.
        LoadResult result = OpenModelLoad.builder().ratePerSecond(100).warmUpCount(50).count(300).build()
                .runAsync(index -> CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(index == 200 ? 300 : 1, TimeUnit.MILLISECONDS)));

        assertEquals(4, result.slowestBySecond().size(), "three seconds, and room for the last one's late requests");
        assertTrue(result.slowestMsBySecond().get(1) >= 300, "the slow one: " + result.slowestMsBySecond());
        assertTrue(result.slowestMsBySecond().get(0) >= 1);
        assertTrue(result.slowestMsBySecond().get(2) >= 1);
    }
}
