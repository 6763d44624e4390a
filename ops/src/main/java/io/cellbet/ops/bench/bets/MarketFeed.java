package io.cellbet.ops.bench.bets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The bench's markets, put on sale and settled the way the control plane does it: normalised feed events in
 * envelopes on {@code platform.feed}. Each event offers one football 1x2 market (type {@value #MARKET_TYPE}), the
 * ladder's with the same three {@link #OUTCOMES}. Publishing straight onto the exchange keeps the run deterministic:
 * no provider simulator decides when markets open, move or settle. Every publish waits for the broker's confirm.
 * {@code ops/bench web} uses it too, for one named live event with several markets.
 */
public final class MarketFeed implements AutoCloseable {

    static final int SPORT_ID = BetLimits.FOOTBALL;
    static final int MARKET_TYPE = 1;
    /** Producers as the provider numbers them: 1 live odds, 3 prematch. */
    static final int LIVE_PRODUCER = 1;
    static final int PREMATCH_PRODUCER = 3;
    /** Kick-off of every prematch event: far enough ahead that none starts during a run. */
    static final long PREMATCH_START_MS = Instant.parse("2031-05-17T18:30:00Z").toEpochMilli();
    static final String SOURCE = "bets-bench";
    /**
     * Low odds keep the liability of the many accumulators far below the built-in caps, so LIABILITY_CAP never
     * limits a run.
     */
    static final List<Price> OUTCOMES = List.of(new Price("1", "1.80"), new Price("2", "2.10"),
            new Price("3", "2.40"));
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);
    private static final long ON_SALE_POLL_MS = 100;

    /** An outcome's odds, as decimal text. */
    record Price(String outcomeId, String odds) {
    }

    /** The platform's message envelope, as the control plane's outbox writes it. */
    record Envelope(String id, String correlationId, String type, int schemaVersion, String source,
            String occurredAt, Object payload) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Connection connection;
    private final Channel channel;
    private long lastGeneratedAt;

    public MarketFeed(String amqpUrl) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(amqpUrl));
        connection = factory.newConnection("bets-bench-feed");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** Event ids {@code sr:match:<first>} onwards. */
    public static List<String> eventIds(long first, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add("sr:match:" + (first + i));
        }
        return List.copyOf(ids);
    }

    /** The bench market at these prices, active and open to cash-out. */
    static FeedEvent.MarketOdds market(List<Price> prices) {
        List<FeedEvent.OutcomeOdds> outcomes = new ArrayList<>();
        for (Price price : prices) {
            outcomes.add(new FeedEvent.OutcomeOdds(price.outcomeId(), new BigDecimal(price.odds()), true));
        }
        return new FeedEvent.MarketOdds(MARKET_TYPE, "", "active", "available", null, outcomes);
    }

    /** A football event starting in 2031, with the bench market on sale before it at these prices. */
    void offerPrematch(String eventId, List<Price> prices) throws IOException, InterruptedException,
            TimeoutException {
        publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(eventId, SPORT_ID, PREMATCH_PRODUCER,
                nextGeneratedAt(), "fetched", PREMATCH_START_MS, null, null));
        publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(eventId, SPORT_ID, PREMATCH_PRODUCER,
                nextGeneratedAt(), null, new FeedEvent.EventStatus("not_started", 0, null, null, null),
                List.of(market(prices))));
    }

    /** A football event under way, with the bench market on sale in play. */
    void offerLive(String eventId) throws IOException, InterruptedException, TimeoutException {
        publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(eventId, SPORT_ID, LIVE_PRODUCER,
                nextGeneratedAt(), null, new FeedEvent.EventStatus("live", 6, BigDecimal.ONE, BigDecimal.ZERO,
                        "12:00"), List.of(market(OUTCOMES))));
    }

    /**
     * A football event under way, with its fixture (names of the teams, category, tournament) and these markets on
     * sale in play. {@link #awaitOnSale} waits for its market of type {@value #MARKET_TYPE}, so include one.
     */
    public void offerLive(String eventId, FeedEvent.Fixture fixture, List<FeedEvent.MarketOdds> markets)
            throws IOException, InterruptedException, TimeoutException {
        long now = System.currentTimeMillis();
        publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(eventId, SPORT_ID, LIVE_PRODUCER,
                nextGeneratedAt(), "fetched", now - Duration.ofMinutes(12).toMillis(), null, fixture));
        publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(eventId, SPORT_ID, LIVE_PRODUCER,
                nextGeneratedAt(), null, new FeedEvent.EventStatus("live", 6, BigDecimal.ONE, BigDecimal.ZERO,
                        "12:00"), markets));
    }

    /** The bench market of the event settled for certain: {@code winner} won, the other outcomes lost. */
    void settle(String eventId, List<Price> prices, String winner) throws IOException, InterruptedException,
            TimeoutException {
        List<FeedEvent.SettledOutcome> outcomes = new ArrayList<>();
        for (Price price : prices) {
            outcomes.add(new FeedEvent.SettledOutcome(price.outcomeId(),
                    price.outcomeId().equals(winner) ? "won" : "lost", null, null));
        }
        publish(FeedEvent.MARKETS_SETTLED, new FeedEvent.MarketsSettled(eventId, PREMATCH_PRODUCER,
                nextGeneratedAt(), "confirmed", List.of(new FeedEvent.SettledMarket(MARKET_TYPE, "", null,
                        outcomes))));
    }

    /**
     * Waits until the cell offers the bench market of every event as active ({@code GET /api/sportsbook/events/{id}});
     * fails after {@code timeout}.
     */
    public static void awaitOnSale(JsonHttp http, String cellBaseUrl, List<String> eventIds, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String eventId : eventIds) {
            while (!onSale(http.send("GET", cellBaseUrl + "/api/sportsbook/events/" + eventId, null))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("The cell did not offer " + eventId + "'s market as active "
                            + "within " + timeout.toSeconds() + " s of its odds");
                }
                Thread.sleep(ON_SALE_POLL_MS);
            }
        }
    }

    private static boolean onSale(JsonHttp.Response event) {
        if (event.status() != 200) {
            return false;
        }
        for (JsonNode market : event.body().path("markets")) {
            if (market.path("typeId").asInt() == MARKET_TYPE && "active".equals(market.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Now in epoch ms, strictly later than any earlier message's: a cell ignores a change older than the last. */
    private long nextGeneratedAt() {
        lastGeneratedAt = Math.max(System.currentTimeMillis(), lastGeneratedAt + 1);
        return lastGeneratedAt;
    }

    private void publish(String type, Object payload) throws IOException, InterruptedException, TimeoutException {
        String id = UUID.randomUUID().toString();
        Envelope envelope = new Envelope(id, id, type, FeedEvent.SCHEMA_VERSION, SOURCE, Instant.now().toString(),
                payload);
        channel.basicPublish(Exchanges.PLATFORM_FEED, FeedEvent.routingKey(type, SPORT_ID), null,
                json.writeValueAsBytes(envelope));
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
