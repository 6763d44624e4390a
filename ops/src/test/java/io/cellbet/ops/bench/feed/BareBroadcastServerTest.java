package io.cellbet.ops.bench.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The bare server and the load client over real loopback sockets, small: 50 clients at 20 messages/s. */
class BareBroadcastServerTest {

    private static final int CLIENTS = 50;

    @Test
    void everyClientReceivesEveryBroadcastMessage() throws Exception {
        try (BareBroadcastServer server = BareBroadcastServer.start(0, 2, 240);
                FanOutClient client = new FanOutClient(2, CLIENTS)) {
            FanOutClient.Connected connected = client.connect("127.0.0.1", server.port(), BareBroadcastServer.PATH,
                    CLIENTS, 10, FeedScenario.subscribeFrame(OddsChanges.eventIds(1, 10)), Duration.ofSeconds(20));
            assertEquals(CLIENTS, connected.connected(), () -> "failures: " + connected.failures());
            assertEquals(CLIENTS, connected.subscribed());
            await().atMost(Duration.ofSeconds(5)).until(() -> server.subscribed() == CLIENTS);
            client.resetWindow();

            server.rate(20);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.broadcasts() >= 20);
            server.rate(0);
            // Nothing more is sent once the pacer saw the zero rate; then every client must have every message.
            long sent = awaitStable(server);
            await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(client.deltasPerClient())
                    .allMatch(count -> count == sent));

            FanOutClient.Window window = client.takeWindow();
            assertEquals(sent * CLIENTS, window.delivered());
            assertEquals(sent * CLIENTS, window.latencyMicros().getTotalCount());
            assertTrue(window.latencyMicros().getMaxValue() < Duration.ofSeconds(5).toNanos() / 1000,
                    "max latency " + window.latencyMicros().getMaxValue() + " us");
            assertEquals(240, client.firstDeltaBytes());
            assertEquals(0, client.errorFrames());
        }
    }

    @Test
    void rejectsOtherPaths() throws Exception {
        try (BareBroadcastServer server = BareBroadcastServer.start(0, 1, 240);
                FanOutClient client = new FanOutClient(1, 1)) {
            FanOutClient.Connected connected = client.connect("127.0.0.1", server.port(), "/other", 1, 1,
                    "{\"op\":\"subscribe\",\"events\":[]}", Duration.ofSeconds(10));
            assertEquals(0, connected.connected());
            assertEquals(1, connected.failures().size());
        }
    }

    private static long awaitStable(BareBroadcastServer server) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = server.broadcasts();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }
}
