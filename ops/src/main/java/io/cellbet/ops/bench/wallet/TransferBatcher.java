package io.cellbet.ops.bench.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A wallet client that batches the way TigerBeetle's clients do: transfer requests made while earlier ones are on
 * the wire wait in a queue, and each sender takes everything waiting (up to {@code batchMax}) into one
 * {@code POST /api/wallet/transfer-batches}. Under light load a batch holds one request and nothing waits for a
 * timer; under heavy load the batches grow and the HTTP cost per transfer falls. Safe to share between threads.
 */
final class TransferBatcher implements AutoCloseable {

    private static final long IDLE_POLL_MS = 50;

    private record Pending(WalletRest.TransferBody body, CompletableFuture<Integer> status) {
    }

    private final WalletRest wallet;
    private final int batchMax;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    /** Starts {@code senders} threads, so at most that many batches are on the wire at once. */
    TransferBatcher(WalletRest wallet, int senders, int batchMax) {
        if (senders < 1 || batchMax < 1) {
            throw new IllegalArgumentException("Need at least one sender and a batch of at least one");
        }
        this.wallet = wallet;
        this.batchMax = batchMax;
        for (int i = 0; i < senders; i++) {
            Thread sender = new Thread(this::send, "transfer-batcher-" + (i + 1));
            sender.setDaemon(true);
            sender.start();
            this.senders.add(sender);
        }
    }

    /** Queues one request; completes with the HTTP status the cell gave it, or fails with why there was none. */
    CompletableFuture<Integer> submit(WalletRest.TransferBody body) {
        Pending pending = new Pending(body, new CompletableFuture<>());
        if (!running) {
            pending.status().completeExceptionally(new IllegalStateException("The batcher is closed"));
            return pending.status();
        }
        queue.add(pending);
        return pending.status();
    }

    private void send() {
        List<Pending> batch = new ArrayList<>(batchMax);
        while (running || !queue.isEmpty()) {
            batch.clear();
            try {
                Pending first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                post(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(pending -> pending.status().completeExceptionally(e));
                return;
            } catch (IOException | RuntimeException e) {
                batch.forEach(pending -> pending.status().completeExceptionally(e));
            }
        }
    }

    private void post(List<Pending> batch) throws IOException, InterruptedException {
        List<WalletRest.TransferBody> requests = new ArrayList<>(batch.size());
        batch.forEach(pending -> requests.add(pending.body()));
        JsonHttp.Response response = wallet.transferBatch(requests);
        JsonNode results = response.expect(200, "POST /api/wallet/transfer-batches").path("results");
        if (results.size() != batch.size()) {
            throw new IOException("POST /api/wallet/transfer-batches answered " + results.size() + " results for "
                    + batch.size() + " requests");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).status().complete(results.get(i).path("status").asInt());
        }
    }

    /** Sends what is queued, then stops the senders. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
