package io.cellbet.sportsbook.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.sportsbook.api.EventChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow client on a real Vert.x event loop: its frames stay unwritten (a socket that does not drain), so past the
 * in-flight bound its changes are conflated per market, sent as one frame with the latest sequence when it drains,
 * and past the conflation bound it is closed, while a fast client hears every change.
 */
class LiveSessionTest {

    private static final int IN_FLIGHT_MAX = 4;
    private static final int CONFLATED_MAX = 6;
    private static final String EVENT = "sr:match:42";

    private final ObjectMapper json = new ObjectMapper();
    private Vertx vertx;
    private Context loop;
    private LoopFanOut fanOut;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private LiveHub hub;
    private EventChannel channel;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        fanOut = new LoopFanOut(loop, metrics.counter("sent"), metrics.counter("batched"));
        hub = new LiveHub(null, null, new Config(), vertx, json, new SimpleMeterRegistry());
        channel = new EventChannel(EVENT);
        channel.publish(change(1, 1, "1.50"), 32, 60_000, System.currentTimeMillis());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSlowClientIsConflatedPerMarketAndCatchesUpWithTheLatest() throws Exception {
        Socket slow = new Socket();
        Socket fast = new Socket();
        fast.drains = true;
        LiveSession slowSession = session(slow);
        LiveSession fastSession = session(fast);
        on(() -> {
            slowSession.subscribe(channel, null, 1L);
            fastSession.subscribe(channel, null, 1L);
            return null;
        });
        // Ten changes over two markets: four go out, the rest is owed as the latest of each market.
        for (int seq = 2; seq <= 11; seq++) {
            publish(change(seq, seq % 2 == 0 ? 1 : 18, "1." + (50 + seq)));
        }
        assertEquals(10, fast.frames.size(), "the fast client hears every change");
        assertEquals(IN_FLIGHT_MAX, slow.frames.size(), "no more than the bound is in flight");

        on(() -> {
            slow.drain();
            return null;
        });
        JsonNode caughtUp = json.readTree(slow.frames.get(slow.frames.size() - 1));
        assertEquals(IN_FLIGHT_MAX + 1, slow.frames.size(), "what it owed goes in one frame");
        assertTrue(caughtUp.path("conflated").asBoolean());
        assertEquals(11, caughtUp.path("seq").asLong(), "with the latest sequence");
        assertEquals(2, caughtUp.path("markets").size(), "one state per market");
        assertEquals(0, new BigDecimal("1.60").compareTo(caughtUp.path("markets").get(0).path("outcomes").get(0)
                .path("odds").decimalValue()), "market 1 at its latest odds (seq 10)");
        assertEquals(0, new BigDecimal("1.61").compareTo(caughtUp.path("markets").get(1).path("outcomes").get(0)
                .path("odds").decimalValue()), "market 18 at its latest odds (seq 11)");
    }

    @Test
    void changesThatWaitForTheLoopAreWrittenByOneTaskInSequenceOrder() throws Exception {
        Socket socket = new Socket();
        socket.drains = true;
        LiveSession session = session(socket);
        on(() -> {
            session.subscribe(channel, null, 1L);
            return null;
        });
        CountDownLatch busy = new CountDownLatch(1);
        loop.runOnContext(v -> {
            try {
                busy.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int seq = 2; seq <= 6; seq++) {
            hand(change(seq, 1, "1." + (50 + seq)));
        }
        busy.countDown();
        on(() -> null);
        List<Long> seqs = new ArrayList<>();
        for (String frame : socket.frames) {
            seqs.add(json.readTree(frame).path("seq").asLong());
        }
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), seqs);
        assertEquals(4.0, metrics.counter("batched").count(), "one task took the five changes");
        assertEquals(5.0, metrics.counter("sent").count());
    }

    @Test
    void aClientThatNeverDrainsIsClosedPastTheConflationBound() throws Exception {
        Socket stuck = new Socket();
        LiveSession session = session(stuck);
        on(() -> {
            session.subscribe(channel, null, 1L);
            return null;
        });
        for (int seq = 2; seq <= IN_FLIGHT_MAX + 1 + CONFLATED_MAX + 1; seq++) {
            // A market of its own per change: the debt grows by one market each time.
            publish(change(seq, 100 + seq, "2.00"));
        }
        assertEquals(LiveSession.CLOSE_TOO_SLOW, stuck.closedWith.get(5, TimeUnit.SECONDS));
    }

    /** Hands the change to the loop's fan-out, as the hub does, and waits until the loop has written it. */
    private void publish(EventChanged change) throws Exception {
        hand(change);
        on(() -> null);
    }

    private void hand(EventChanged change) {
        EventChannel.Dispatch dispatch = channel.publish(change, 32, 60_000, System.currentTimeMillis());
        for (EventChannel.Group group : dispatch.groups()) {
            assertEquals(loop, group.context());
            fanOut.deliver(group.subscriptions(), dispatch.published());
        }
    }

    private LiveSession session(Socket socket) throws Exception {
        return on(() -> new LiveSession(socket, Vertx.currentContext(), LiveView.RAW, hub, new Config()));
    }

    /** Runs on the event loop of the sessions, as the hub does, and waits for it. */
    private <T> T on(Supplier<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(5, TimeUnit.SECONDS);
    }

    private static EventChanged change(long seq, int typeId, String odds) {
        return new EventChanged(EVENT, 1, seq, 1_000 + seq, null, List.of(new EventChanged.MarketState(typeId, "",
                "active", List.of(new EventChanged.OutcomeState("1", new BigDecimal(odds), true, null, null, null)))));
    }

    private static final class Config implements LiveConfig {

        @Override
        public Duration heartbeatInterval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int inFlightFramesMax() {
            return IN_FLIGHT_MAX;
        }

        @Override
        public int conflatedMarketsMax() {
            return CONFLATED_MAX;
        }

        @Override
        public int subscriptionsMax() {
            return 500;
        }

        @Override
        public int replayMax() {
            return 32;
        }

        @Override
        public Duration replayWindow() {
            return Duration.ofSeconds(30);
        }
    }

    /**
     * The client's end as the session sees it: frames written, each completing only once the socket drains (at once
     * for a fast client), and how it was closed.
     */
    private static final class Socket implements WebSocketConnection {

        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> unwritten = new ArrayList<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        boolean drains;

        void drain() {
            drains = true;
            List<CompletableFuture<Void>> pending = new ArrayList<>(unwritten);
            unwritten.clear();
            pending.forEach(frame -> frame.complete(null));
        }

        @Override
        public Uni<Void> sendText(String message) {
            frames.add(message);
            if (drains) {
                return Uni.createFrom().voidItem();
            }
            CompletableFuture<Void> written = new CompletableFuture<>();
            unwritten.add(written);
            return Uni.createFrom().completionStage(written);
        }

        @Override
        public Uni<Void> close(CloseReason reason) {
            closedWith.complete(reason.getCode());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <M> Uni<Void> sendText(M message) {
            return sendText(String.valueOf(message));
        }

        @Override
        public Uni<Void> sendBinary(Buffer message) {
            throw new UnsupportedOperationException("live frames are text");
        }

        @Override
        public Uni<Void> sendPing(Buffer data) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> sendPong(Buffer data) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public String id() {
            return "test";
        }

        @Override
        public String endpointId() {
            return "live";
        }

        @Override
        public BroadcastSender broadcast() {
            throw new UnsupportedOperationException("the hub never broadcasts");
        }

        @Override
        public Set<WebSocketConnection> getOpenConnections() {
            return Set.of(this);
        }

        @Override
        public String pathParam(String name) {
            return null;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public SSLSession sslSession() {
            return null;
        }

        @Override
        public boolean isClosed() {
            return closedWith.isDone();
        }

        @Override
        public CloseReason closeReason() {
            return null;
        }

        @Override
        public HandshakeRequest handshakeRequest() {
            return null;
        }

        @Override
        public String subprotocol() {
            return null;
        }

        @Override
        public Instant creationTime() {
            return Instant.EPOCH;
        }

        @Override
        public UserData userData() {
            return null;
        }
    }
}
