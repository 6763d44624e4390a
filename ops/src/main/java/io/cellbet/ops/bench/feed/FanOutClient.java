package io.cellbet.ops.bench.feed;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Many websocket clients in one JVM on a few Vert.x event loops: connects them in bounded parallel batches, sends
 * each a subscribe frame, then for every delta frame records receive time minus its {@code ts} (microseconds, in an
 * HdrHistogram {@link Recorder}) and counts it. Nothing else of a frame is read.
 */
final class FanOutClient implements AutoCloseable {

    /** Longest latency a histogram is sized for; larger values are clamped to it. */
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MAX_ERROR_SAMPLES = 5;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, SIGNIFICANT_DIGITS);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder otherFrames = new LongAdder();
    private final AtomicInteger subscribedAnswers = new AtomicInteger();
    private final AtomicInteger errorFrames = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger firstDeltaBytes = new AtomicInteger(-1);
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    private final List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
    private volatile AtomicIntegerArray deltasPerClient = new AtomicIntegerArray(0);
    private volatile boolean closing;
    /** Wall-clock microseconds from a monotonic clock: {@code System.currentTimeMillis()} alone is too coarse. */
    private volatile long epochMicrosAtBase;
    private volatile long nanosAtBase;

    FanOutClient(int eventLoops, int maxConnections) {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(maxConnections)
                .setConnectTimeout((int) Duration.ofSeconds(30).toMillis()).setTcpNoDelay(true)
                .setIdleTimeout(0));
        calibrateClock();
    }

    /** What became of the connects. */
    record Connected(int requested, int connected, int subscribed, long elapsedMs, List<String> failures) {
    }

    /**
     * Opens {@code count} websockets to {@code ws://host:port<path>}, at most {@code parallelism} connects in flight,
     * sends each {@code subscribeFrame}, and waits until each connect ended and every connected socket got a
     * {@code subscribed} answer (or the timeout passed).
     */
    Connected connect(String host, int port, String path, int count, int parallelism, String subscribeFrame,
            Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        deltasPerClient = new AtomicIntegerArray(count);
        Semaphore inFlight = new Semaphore(parallelism);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger connected = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray perClient = deltasPerClient;
        int subscribedBefore = subscribedAnswers.get();
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int index = i;
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path)
                    .setTimeout(timeout.toMillis());
            // Called from this (non-Vert.x) thread, each connect gets the next event loop: the sockets spread evenly.
            client.connect(options).onComplete(result -> {
                inFlight.release();
                if (result.succeeded()) {
                    connected.incrementAndGet();
                    attach(result.result(), index, perClient, subscribeFrame);
                } else if (failures.size() < MAX_ERROR_SAMPLES) {
                    failures.add(String.valueOf(result.cause()));
                }
                done.countDown();
            });
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        while (subscribedAnswers.get() - subscribedBefore < connected.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Connected(count, connected.get(), subscribedAnswers.get() - subscribedBefore,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), List.copyOf(failures));
    }

    private void attach(WebSocket socket, int index, AtomicIntegerArray perClient, String subscribeFrame) {
        sockets.add(socket);
        socket.frameHandler(frame -> onFrame(frame, index, perClient));
        socket.exceptionHandler(error -> sample("socket " + index + ": " + error));
        socket.closeHandler(ignored -> {
            if (!closing) {
                closedByServer.incrementAndGet();
            }
        });
        socket.writeTextMessage(subscribeFrame);
    }

    private void onFrame(WebSocketFrame frame, int index, AtomicIntegerArray perClient) {
        if (!frame.isText() && !frame.isBinary()) {
            return;
        }
        Buffer data = frame.binaryData();
        long ts = DeltaFrames.deltaTs(data);
        if (ts != DeltaFrames.NOT_A_DELTA) {
            long micros = nowEpochMicros() - ts * 1000;
            latencyMicros.recordValue(Math.min(Math.max(micros, 0), MAX_LATENCY_MICROS));
            delivered.increment();
            perClient.incrementAndGet(index);
            if (firstDeltaBytes.get() < 0) {
                firstDeltaBytes.compareAndSet(-1, data.length());
            }
        } else if (DeltaFrames.isSubscribed(data)) {
            subscribedAnswers.incrementAndGet();
        } else {
            otherFrames.increment();
            if (DeltaFrames.isError(data)) {
                errorFrames.incrementAndGet();
                sample(data.toString());
            }
        }
    }

    private void sample(String error) {
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(error);
        }
    }

    long nowEpochMicros() {
        return epochMicrosAtBase + (System.nanoTime() - nanosAtBase) / 1000;
    }

    /** Re-aligns the microsecond clock with the wall clock (the server's {@code ts} comes from the wall clock). */
    void calibrateClock() {
        long millis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        nanosAtBase = nanos;
        epochMicrosAtBase = millis * 1000;
    }

    /** Starts a measurement window: what was recorded before is dropped. */
    void resetWindow() {
        calibrateClock();
        latencyMicros.reset();
        delivered.reset();
    }

    /** What the window since {@link #resetWindow()} saw; the histogram is in microseconds. */
    Window takeWindow() {
        long count = delivered.sumThenReset();
        Histogram histogram = latencyMicros.getIntervalHistogram();
        return new Window(count, histogram);
    }

    /** Delivered deltas and their latencies over one window. */
    record Window(long delivered, Histogram latencyMicros) {
    }

    /** How many deltas each client of the last {@link #connect} received so far. */
    int[] deltasPerClient() {
        AtomicIntegerArray counts = deltasPerClient;
        int[] copy = new int[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /** Whether the sockets use Linux epoll (else Java NIO). */
    boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    /** Size in bytes of the first delta received, or -1. */
    int firstDeltaBytes() {
        return firstDeltaBytes.get();
    }

    int errorFrames() {
        return errorFrames.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    long otherFrames() {
        return otherFrames.sum();
    }

    List<String> errorSamples() {
        synchronized (errorSamples) {
            return List.copyOf(errorSamples);
        }
    }

    /** Closes every socket and the event loops. */
    @Override
    public void close() {
        closing = true;
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("fan-out client: close: " + e);
        }
        sockets.clear();
    }

    /** Latency in milliseconds at a percentile of a microsecond histogram; 0 for an empty one. */
    static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
