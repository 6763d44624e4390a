package io.cellbet.platform.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    /** A batch function that holds its first batch until released, so that what is submitted meanwhile queues up. */
    private static final class HeldBatches {

        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch twoStarted = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);

        List<Integer> apply(List<Integer> items) {
            batches.add(List.copyOf(items));
            firstStarted.countDown();
            twoStarted.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS), "the test released the first batch");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (items.contains(-1)) {
                throw new IllegalArgumentException("-1 is refused");
            }
            return items.stream().map(item -> item * 10).toList();
        }
    }

    @Test
    void whatWaitsWhileABatchIsAppliedGoesTogetherInTheNextAndEachSubmitterGetsItsOwnResult() throws Exception {
        HeldBatches held = new HeldBatches();
        BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 4, 100, held::apply);
        writer.start();
        try {
            CompletableFuture<Integer> first = writer.submit(1);
            assertTrue(held.firstStarted.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> waiting = new ArrayList<>();
            for (int item = 2; item <= 7; item++) {
                waiting.add(writer.submit(item));
            }
            held.release.countDown();
            assertEquals(10, first.get(10, TimeUnit.SECONDS));
            for (int i = 0; i < waiting.size(); i++) {
                assertEquals((i + 2) * 10, waiting.get(i).get(10, TimeUnit.SECONDS));
            }
            // The six that waited went in two batches of at most four, in the order they came.
            assertEquals(List.of(List.of(1), List.of(2, 3, 4, 5), List.of(6, 7)), held.batches);
        } finally {
            writer.stop();
        }
    }

    @Test
    void aWriterOfTwoThreadsAppliesASecondBatchWhileTheFirstIsHeld() throws Exception {
        HeldBatches held = new HeldBatches();
        BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 2, 4, 100, held::apply);
        writer.start();
        try {
            CompletableFuture<Integer> first = writer.submit(1);
            assertTrue(held.firstStarted.await(10, TimeUnit.SECONDS));
            // The first batch is held; the second thread takes the next item and is held beside it.
            CompletableFuture<Integer> second = writer.submit(2);
            assertTrue(held.twoStarted.await(10, TimeUnit.SECONDS), "a second batch started while the first was held");
            assertEquals(List.of(List.of(1), List.of(2)), held.batches);
            held.release.countDown();
            assertEquals(10, first.get(10, TimeUnit.SECONDS));
            assertEquals(20, second.get(10, TimeUnit.SECONDS));
        } finally {
            writer.stop();
        }
    }

    @Test
    void aBatchThatFailsIsAppliedItemByItemSoOnlyTheItemAtFaultFails() throws Exception {
        HeldBatches held = new HeldBatches();
        BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 10, 100, held::apply);
        writer.start();
        try {
            CompletableFuture<Integer> first = writer.submit(1);
            assertTrue(held.firstStarted.await(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> before = writer.submit(2);
            CompletableFuture<Integer> refused = writer.submit(-1);
            CompletableFuture<Integer> after = writer.submit(3);
            held.release.countDown();
            assertEquals(10, first.get(10, TimeUnit.SECONDS));
            assertEquals(20, before.get(10, TimeUnit.SECONDS));
            assertEquals(30, after.get(10, TimeUnit.SECONDS));
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> refused.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertEquals(List.of(List.of(1), List.of(2, -1, 3), List.of(2), List.of(-1), List.of(3)), held.batches);
        } finally {
            writer.stop();
        }
    }

    @Test
    void aWriterNotRunningOrWithItsQueueFullRefusesAtOnce() throws Exception {
        HeldBatches held = new HeldBatches();
        BatchWriter<Integer, Integer> writer = new BatchWriter<>("test-writer", 10, 1, held::apply);
        ExecutionException notStarted = assertThrows(ExecutionException.class, () -> writer.submit(1).get());
        assertInstanceOf(RejectedExecutionException.class, notStarted.getCause());

        writer.start();
        CompletableFuture<Integer> applying = writer.submit(1);
        assertTrue(held.firstStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> queued = writer.submit(2);
        ExecutionException full = assertThrows(ExecutionException.class, () -> writer.submit(3).get());
        assertInstanceOf(RejectedExecutionException.class, full.getCause());
        held.release.countDown();
        assertEquals(10, applying.get(10, TimeUnit.SECONDS));
        assertEquals(20, queued.get(10, TimeUnit.SECONDS));

        writer.stop();
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> writer.submit(4).get());
        assertInstanceOf(RejectedExecutionException.class, stopped.getCause());
        assertEquals(List.of(List.of(1), List.of(2)), held.batches);
    }
}
