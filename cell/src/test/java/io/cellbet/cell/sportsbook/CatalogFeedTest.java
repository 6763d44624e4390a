package io.cellbet.cell.sportsbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.sportsbook.catalog.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cell's catalog from {@code platform.feed}, over the real broker and database: odds and statuses in provider
 * time order whatever the arrival order, duplicates applied once, bet stops, results, rollbacks, and producers the
 * control plane declared down.
 */
@QuarkusTest
class CatalogFeedTest {

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

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
    void appliesOddsInProviderTimeOrderWhateverTheArrivalOrderAndDuplicates() throws Exception {
        List<ObjectNode> inOrder = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            inOrder.add(envelope(FeedEvent.ODDS_CHANGED, odds(1000L + i, "active", "1." + (10 + i))));
        }
        List<ObjectNode> shuffled = new ArrayList<>(inOrder);
        shuffled.addAll(inOrder.subList(0, 10));
        Collections.shuffle(shuffled, new Random(7));
        // The newest first: without the time order, an older message arriving later would win.
        ObjectNode newest = inOrder.get(inOrder.size() - 1);
        shuffled.remove(newest);
        shuffled.add(0, newest);
        for (ObjectNode message : shuffled) {
            publish(FeedEvent.ODDS_CHANGED, message);
        }
        // The newest message wins, however the twenty (and ten duplicates) arrived.
        await().atMost(Duration.ofSeconds(20)).until(() -> odds("1").map(o -> o.compareTo(new BigDecimal("1.30")) == 0)
                .orElse(false) && marketOddsAt() == 1020L);
        assertEquals(Optional.of("active"), status());
        assertEquals(Optional.of("live"), sql.one("SELECT status FROM sportsbook.events WHERE event_id = ?",
                row -> row.getString(1), event));
    }

    @Test
    void stopsSettlesRollsBackAndFollowsItsProducers() throws Exception {
        publish(FeedEvent.ODDS_CHANGED, envelope(FeedEvent.ODDS_CHANGED, odds(2000L, "active", "1.80")));
        await().atMost(Duration.ofSeconds(20)).until(() -> status().equals(Optional.of("active")));

        publish(FeedEvent.BETS_STOPPED, envelope(FeedEvent.BETS_STOPPED, new FeedEvent.BetsStopped(event, 1, 2001L,
                List.of("all"), "suspended")));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("suspended")));
        // Odds older than the bet stop change nothing.
        publish(FeedEvent.ODDS_CHANGED, envelope(FeedEvent.ODDS_CHANGED, odds(2000L, "active", "1.90")));
        publish(FeedEvent.ODDS_CHANGED, envelope(FeedEvent.ODDS_CHANGED, odds(2002L, "active", "2.00")));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("active")));
        assertEquals(0, new BigDecimal("2.00").compareTo(odds("1").orElseThrow()));

        // The producer goes down: its markets read as suspended until it is up again.
        publish(FeedEvent.PRODUCER_DOWN, envelope(FeedEvent.PRODUCER_DOWN, new FeedEvent.ProducerDown(1,
                "alive_missing", System.currentTimeMillis())));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("suspended")));
        publish(FeedEvent.PRODUCER_UP, envelope(FeedEvent.PRODUCER_UP, new FeedEvent.ProducerUp(1, 9,
                System.currentTimeMillis() + 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("active")));

        FeedEvent.MarketsSettled settled = new FeedEvent.MarketsSettled(event, 1, 3000L, "confirmed", List.of(
                new FeedEvent.SettledMarket(1, "", null, List.of(
                        new FeedEvent.SettledOutcome("1", "won", null, new BigDecimal("0.5")),
                        new FeedEvent.SettledOutcome("2", "lost", null, null)))));
        ObjectNode settlement = envelope(FeedEvent.MARKETS_SETTLED, settled);
        publish(FeedEvent.MARKETS_SETTLED, settlement);
        publish(FeedEvent.MARKETS_SETTLED, settlement);
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("settled")));
        assertEquals(Optional.of("won"), result("1"));
        // Odds after the result do not reopen a settled market.
        publish(FeedEvent.ODDS_CHANGED, envelope(FeedEvent.ODDS_CHANGED, odds(3001L, "active", "1.50")));
        publish(FeedEvent.SETTLEMENT_ROLLED_BACK, envelope(FeedEvent.SETTLEMENT_ROLLED_BACK,
                new FeedEvent.SettlementRolledBack(event, 1, 3002L, List.of(new FeedEvent.MarketKey(1, "")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().equals(Optional.of("suspended")));
        assertEquals(Optional.empty(), result("1"));
    }

    private FeedEvent.OddsChanged odds(long at, String status, String home) {
        return PlatformFeed.odds(event, at, 1, "", status, home);
    }

    private ObjectNode envelope(String type, Object payload) {
        return feed.envelope(type, payload);
    }

    private void publish(String type, ObjectNode envelope) throws Exception {
        feed.publish(type, envelope);
    }

    private Optional<String> status() {
        return catalog.marketStatus(event, 1, "");
    }

    private long marketOddsAt() {
        return sql.one("SELECT odds_at FROM sportsbook.markets WHERE event_id = ? AND type_id = 1", row -> row.getLong(1),
                event).orElse(0L);
    }

    private Optional<BigDecimal> odds(String outcome) {
        return sql.one("SELECT odds FROM sportsbook.outcomes WHERE event_id = ? AND type_id = 1 AND outcome_id = ?",
                row -> row.getBigDecimal(1), event, outcome);
    }

    private Optional<String> result(String outcome) {
        return sql.one("SELECT coalesce(result, '') FROM sportsbook.outcomes WHERE event_id = ? AND type_id = 1 "
                + "AND outcome_id = ?", row -> row.getString(1), event, outcome).filter(value -> !value.isEmpty());
    }
}
