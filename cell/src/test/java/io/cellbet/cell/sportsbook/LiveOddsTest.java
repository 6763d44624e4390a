package io.cellbet.cell.sportsbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.sportsbook.live.LiveHub;
import io.cellbet.testsupport.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live odds over a real websocket: a snapshot, then deltas in sequence as the feed changes the catalog, each once;
 * resuming from a sequence; market subscriptions; producers; and clear errors for bad commands.
 */
@QuarkusTest
class LiveOddsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL cell;

    @Inject
    LiveHub hub;

    private PlatformFeed feed;
    private String event;

    @BeforeEach
    void connect() throws Exception {
        feed = PlatformFeed.open();
        event = PlatformFeed.newEvent();
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
    }

    @Test
    void sendsASnapshotThenEachChangeInSequence() throws Exception {
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 1000L, 1, "", "active", "1.80"));
        long first = awaitSeq(1);
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            client.subscribe(event);
            JsonNode snapshot = frame(client, "snapshot");
            assertEquals(first, snapshot.path("seq").asLong());
            assertTrue(hub.writesDirectly(), "shared frames go straight to the sockets, encoded once");
            JsonNode market = snapshot.path("view").path("markets").get(0);
            assertEquals("1x2", market.path("name").asText());
            assertEquals("active", market.path("status").asText());
            assertEquals(0, new BigDecimal("1.80").compareTo(market.path("outcomes").get(0).path("odds").decimalValue()));

            feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 1001L, 1, "", "active", "1.95"));
            feed.publish(FeedEvent.BETS_STOPPED, new FeedEvent.BetsStopped(event, 1, 1002L, List.of("all"),
                    "suspended"));
            feed.publish(FeedEvent.MARKETS_SETTLED, new FeedEvent.MarketsSettled(event, 1, 1003L, "confirmed",
                    List.of(new FeedEvent.SettledMarket(1, "", null, List.of(
                            new FeedEvent.SettledOutcome("1", "won", null, null),
                            new FeedEvent.SettledOutcome("2", "lost", null, null))))));
            await().atMost(WAIT).until(() -> client.frames("delta").size() >= 3);
            List<JsonNode> deltas = client.frames("delta");
            for (int i = 0; i < deltas.size(); i++) {
                assertEquals(first + 1 + i, deltas.get(i).path("seq").asLong(), "deltas follow the snapshot in order");
            }
            assertEquals(1001L, deltas.get(0).path("ts").asLong());
            JsonNode odds = deltas.get(0).path("markets").get(0);
            assertEquals(0, new BigDecimal("1.95").compareTo(odds.path("outcomes").get(0).path("odds").decimalValue()));
            assertEquals("suspended", deltas.get(1).path("markets").get(0).path("status").asText());
            JsonNode settled = deltas.get(2).path("markets").get(0);
            assertEquals("settled", settled.path("status").asText());
            assertEquals("won", settled.path("outcomes").get(0).path("result").asText());
            // Each change reaches the client once, and nothing made it resynchronise.
            assertEquals(1, client.frames("snapshot").size());
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> client.frames("delta").size() == 3);
        }
    }

    @Test
    void aReconnectingClientResumesFromItsLastSequence() throws Exception {
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 2000L, 1, "", "active", "2.10"));
        long seen = awaitSeq(1);
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 2001L, 1, "", "active", "2.20"));
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 2002L, 1, "", "active", "2.30"));
        awaitSeq(seen + 2);
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            client.send("{\"op\":\"subscribe\",\"events\":[\"" + event + "\"],\"resume\":{\"" + event + "\":" + seen
                    + "}}");
            await().atMost(WAIT).until(() -> client.frames("delta").size() >= 2);
            assertEquals(seen + 1, client.frames("delta").get(0).path("seq").asLong());
            assertEquals(seen + 2, client.frames("delta").get(1).path("seq").asLong());
            // What it missed, and no snapshot: it holds everything before.
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> client.frames("snapshot").isEmpty());
        }
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            // A sequence this cell never issued: the client cannot be trusted to hold anything, so it gets a snapshot.
            client.send("{\"op\":\"subscribe\",\"events\":[\"" + event + "\"],\"resume\":{\"" + event + "\":"
                    + (seen + 1000) + "}}");
            assertEquals(seen + 2, frame(client, "snapshot").path("seq").asLong());
        }
    }

    @Test
    void aMarketSubscriptionHearsOnlyItsMarket() throws Exception {
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 3000L, 18, "total=2.5", "active", "1.90"));
        awaitSeq(1);
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            client.send("{\"op\":\"subscribe\",\"markets\":[\"" + event + "/18/total=2.5\"]}");
            JsonNode snapshot = frame(client, "snapshot");
            assertEquals("Total 2.5", snapshot.path("view").path("markets").path(0).path("name").asText(),
                    snapshot::toString);
            feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 3001L, 1, "", "active", "1.50"));
            feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 3002L, 18, "total=2.5", "active", "1.85"));
            JsonNode delta = frame(client, "delta");
            assertEquals(18, delta.path("markets").get(0).path("typeId").asInt());
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> client.frames("delta").size() == 1);
        }
    }

    @Test
    void aProducerDownSuspendsItsMarketsLive() throws Exception {
        feed.publish(FeedEvent.ODDS_CHANGED, PlatformFeed.odds(event, 4000L, 1, "", "active", "1.70"));
        awaitSeq(1);
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            client.subscribe(event);
            frame(client, "snapshot");
            long now = System.currentTimeMillis();
            feed.publish(FeedEvent.PRODUCER_DOWN, new FeedEvent.ProducerDown(1, "alive_missing", now));
            await().atMost(WAIT).until(() -> client.find(frame -> "delta".equals(frame.path("type").asText())
                    && "suspended".equals(frame.path("markets").get(0).path("status").asText())) != null);
            feed.publish(FeedEvent.PRODUCER_UP, new FeedEvent.ProducerUp(1, 7, now + 1));
            await().atMost(WAIT).until(() -> client.find(frame -> "delta".equals(frame.path("type").asText())
                    && "active".equals(frame.path("markets").get(0).path("status").asText())) != null);
        }
    }

    @Test
    void badCommandsGetAnErrorAndChangeNothing() throws Exception {
        try (LiveClient client = LiveClient.connect(cell.toString())) {
            client.send("not json");
            client.send("{\"op\":\"watch\",\"events\":[\"sr:match:1\"]}");
            client.send("{\"op\":\"subscribe\",\"events\":[\"match 1\"]}");
            client.send("{\"op\":\"subscribe\",\"markets\":[\"sr:match:1/x/\"]}");
            client.send("{\"op\":\"subscribe\",\"events\":[\"sr:match:1\"],\"resume\":{\"sr:match:1\":-4}}");
            StringJoiner many = new StringJoiner("\",\"", "[\"", "\"]");
            for (int i = 0; i < 300; i++) {
                many.add("sr:match:" + (900_000 + i));
            }
            StringJoiner markets = new StringJoiner("\",\"", "[\"", "\"]");
            for (int i = 0; i < 300; i++) {
                markets.add("sr:match:1/18/total=" + i + ".5");
            }
            client.send("{\"op\":\"subscribe\",\"events\":" + many + ",\"markets\":" + markets + "}");
            await().atMost(WAIT).until(() -> client.frames("error").size() >= 6);
            List<String> codes = client.frames("error").stream().map(frame -> frame.path("code").asText()).toList();
            assertEquals(List.of("BAD_COMMAND", "BAD_COMMAND", "INVALID_EVENT_ID", "INVALID_MARKET", "BAD_COMMAND",
                    "TOO_MANY_SUBSCRIPTIONS"), codes);
            assertTrue(client.frames("subscribed").isEmpty(), "nothing was subscribed");
            // The connection still serves.
            client.subscribe(event);
            assertNotNull(frame(client, "subscribed"));
        }
    }

    private static JsonNode frame(LiveClient client, String type) {
        await().atMost(WAIT).until(() -> !client.frames(type).isEmpty());
        return client.frames(type).get(0);
    }

    /** Waits until the cell's catalog holds the event at least at that sequence; returns its sequence. */
    private long awaitSeq(long atLeast) {
        long[] seq = new long[1];
        await().atMost(WAIT).until(() -> {
            var response = given().get("/api/sportsbook/events/" + event);
            seq[0] = response.statusCode() == 200 ? response.jsonPath().getLong("seq") : 0;
            return seq[0] >= atLeast;
        });
        return seq[0];
    }
}
