package io.cellbet.platform.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit for work that many threads submit one item at a time: one daemon thread takes whatever is waiting (up
 * to {@code batchSizeMax} items) and applies it together, typically in one database transaction with one statement
 * per table and one commit. Each submitter's future completes with its own item's result once the batch is done. A
 * batch that fails as a whole is applied again item by item, so that only the item at fault fails.
 *
 * <p>Under light load a batch holds one item and adds no delay; under load, batches grow and the commits (and the
 * round trips) per item fall.
 *
 * @param <T> an item of work
 * @param <R> its result
 */
public final class BatchWriter<T, R> {

    /** Applies a batch; returns one result per item, in the items' order. An exception fails the batch. */
    @FunctionalInterface
    public interface Batch<T, R> {
        List<R> apply(List<T> items);
    }

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);
    /** How long an idle writer waits before it checks whether it was stopped. */
    private static final long IDLE_POLL_MS = 100;
    /** Longest a stop waits for the batch under way. */
    private static final long STOP_GRACE_MS = 10_000;

    private record Item<T, R>(T value, CompletableFuture<R> result) {
    }

    private final String name;
    private final int threadCount;
    private final int batchSizeMax;
    private final Batch<T, R> batch;
    private final BlockingQueue<Item<T, R>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public BatchWriter(String name, int batchSizeMax, int queueSizeMax, Batch<T, R> batch) {
        this(name, 1, batchSizeMax, queueSizeMax, batch);
    }

    /**
     * A writer of {@code threadCount} threads taking batches from one queue: while one waits for the database (its
     * round trips, its commit), another applies the next batch. Batches then run concurrently: they must lock what
     * they share in one order.
     */
    public BatchWriter(String name, int threadCount, int batchSizeMax, int queueSizeMax, Batch<T, R> batch) {
        if (threadCount < 1 || batchSizeMax < 1 || queueSizeMax < 1) {
            throw new IllegalArgumentException("threadCount, batchSizeMax and queueSizeMax must be positive");
        }
        this.name = name;
        this.threadCount = threadCount;
        this.batchSizeMax = batchSizeMax;
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(queueSizeMax);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::loop, threadCount == 1 ? name : name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops after the batches under way; what still waits fails with {@link RejectedExecutionException}. */
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        List<Item<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(item -> item.result().completeExceptionally(new RejectedExecutionException(name
                + " is stopping")));
    }

    /** Queues an item; a writer that is stopped or has its queue full refuses it at once. */
    public CompletableFuture<R> submit(T value) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Item<>(value, result))) {
            result.completeExceptionally(new RejectedExecutionException(name + (running ? " has "
                    + queue.size() + " items waiting" : " is not running")));
        }
        return result;
    }

    private void loop() {
        List<Item<T, R>> items = new ArrayList<>(batchSizeMax);
        while (running) {
            try {
                Item<T, R> first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                queue.drainTo(items, batchSizeMax - 1);
                apply(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // apply() completes every item itself; this only keeps the writer alive.
                LOG.errorf(e, "%s failed outside a batch", name);
            } finally {
                items.clear();
            }
        }
    }

    private void apply(List<Item<T, R>> items) {
        try {
            List<R> results = batch.apply(items.stream().map(Item::value).toList());
            if (results.size() != items.size()) {
                throw new IllegalStateException(name + " answered " + results.size() + " results for "
                        + items.size() + " items");
            }
            for (int i = 0; i < items.size(); i++) {
                items.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                items.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.debugf(e, "%s: a batch of %d failed; applying it item by item", name, items.size());
            for (Item<T, R> item : items) {
                apply(List.of(item));
            }
        }
    }
}
