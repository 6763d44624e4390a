package io.cellbet.feed.api.uof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.feed.api.uof.FeedMessage.Alive;
import io.cellbet.feed.api.uof.FeedMessage.BetCancel;
import io.cellbet.feed.api.uof.FeedMessage.BetSettlement;
import io.cellbet.feed.api.uof.FeedMessage.BetStop;
import io.cellbet.feed.api.uof.FeedMessage.FixtureChange;
import io.cellbet.feed.api.uof.FeedMessage.MarketRef;
import io.cellbet.feed.api.uof.FeedMessage.OddsChange;
import io.cellbet.feed.api.uof.FeedMessage.OddsMarket;
import io.cellbet.feed.api.uof.FeedMessage.RollbackBetCancel;
import io.cellbet.feed.api.uof.FeedMessage.RollbackBetSettlement;
import io.cellbet.feed.api.uof.FeedMessage.SettledOutcome;
import io.cellbet.feed.api.uof.FeedMessage.SnapshotComplete;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every message type of the odds-feed contract, its documented quirks, and what is refused. */
class FeedParserTest {

    private final FeedParser parser = new FeedParser();
    private final FeedWriter writer = new FeedWriter();

    @Test
    void readsAnOddsChangeWithStatusScoresMarketsAndOutcomes() throws Exception {
        OddsChange odds = assertInstanceOf(OddsChange.class, parse("odds_change"));

        assertEquals(1, odds.product());
        assertEquals("sr:match:42", odds.eventId());
        assertEquals(1767225600000L, odds.timestamp());
        assertEquals(77L, odds.requestId());
        assertEquals(1, odds.status().status());
        assertEquals(6, odds.status().matchStatus());
        assertEquals(new BigDecimal("1"), odds.status().homeScore());
        assertEquals("23:10", odds.status().matchTime());
        assertEquals(1, odds.status().periodScores().size());
        assertEquals(1, odds.bettingStatus());
        assertEquals(3, odds.markets().size());

        OddsMarket winner = odds.markets().get(0);
        assertEquals(new MarketRef(1, ""), winner.ref());
        assertEquals(1, winner.cashoutStatus());
        assertEquals(1767229200000L, winner.nextBetstop());
        assertEquals(new BigDecimal("4.20"), winner.outcomes().get(1).odds());
        assertEquals(new BigDecimal("0.22"), winner.outcomes().get(1).probability());

        OddsMarket total = odds.markets().get(1);
        assertEquals(new MarketRef(18, "total=2.5"), total.ref());
        assertEquals(-1, total.status());
        assertTrue(total.outcomes().isEmpty(), "a market without outcomes carries its status only");

        OddsMarket exactGoals = odds.markets().get(2);
        assertEquals("sr:exact_goals:4+:94", exactGoals.outcomes().get(0).id());
        assertNull(exactGoals.outcomes().get(1).odds(), "an inactive outcome may come without odds");
        assertEquals(false, exactGoals.outcomes().get(1).active());
    }

    @Test
    void readsABetStopAndDefaultsItsMarketStatusToSuspended() throws Exception {
        BetStop stop = assertInstanceOf(BetStop.class, parse("bet_stop"));

        assertEquals("all", stop.groups());
        assertEquals(BetStop.DEFAULT_MARKET_STATUS, stop.marketStatus());
        assertNull(stop.requestId());
    }

    @Test
    void readsASettlementWithoutCertaintyWithVoidAndDeadHeatFactors() throws Exception {
        BetSettlement settlement = assertInstanceOf(BetSettlement.class, parse("bet_settlement"));

        assertNull(settlement.certainty());
        assertEquals(3, settlement.markets().size());
        assertEquals(List.of(1, 0, 0), settlement.markets().get(0).outcomes().stream().map(SettledOutcome::result)
                .toList());
        SettledOutcome halfVoid = settlement.markets().get(1).outcomes().get(1);
        assertEquals(new BigDecimal("0.5"), halfVoid.voidFactor());
        assertEquals(3, settlement.markets().get(1).voidReason());
        assertEquals(new BigDecimal("0.5"), settlement.markets().get(2).outcomes().get(0).deadHeatFactor());
        assertEquals(new MarketRef(40, "hcp=0:1"), settlement.markets().get(2).ref());
    }

    @Test
    void readsCancelsRollbacksFixturesAndSystemMessages() throws Exception {
        BetCancel cancel = assertInstanceOf(BetCancel.class, parse("bet_cancel"));
        assertEquals(1767225000000L, cancel.startTime());
        assertEquals(1767225900000L, cancel.endTime());
        assertEquals("sr:match:43", cancel.supercededBy());
        assertEquals(12, cancel.markets().get(0).voidReason());
        assertEquals(new MarketRef(18, "total=2.5"), cancel.markets().get(1).ref());

        RollbackBetSettlement rollback = assertInstanceOf(RollbackBetSettlement.class, parse("rollback_bet_settlement"));
        assertEquals(List.of(new MarketRef(1, "")), rollback.markets());

        RollbackBetCancel rollbackCancel = assertInstanceOf(RollbackBetCancel.class, parse("rollback_bet_cancel"));
        assertNull(rollbackCancel.startTime(), "an absent start means since the market was created");
        assertEquals(1767225900000L, rollbackCancel.endTime());

        FixtureChange fixture = assertInstanceOf(FixtureChange.class, parse("fixture_change"));
        assertEquals(2, fixture.changeType());
        assertEquals(1767225600000L, fixture.startTime());

        Alive alive = assertInstanceOf(Alive.class, parse("alive"));
        assertEquals(false, alive.subscribed());
        assertEquals(1, alive.product());

        SnapshotComplete complete = assertInstanceOf(SnapshotComplete.class, parse("snapshot_complete"));
        assertEquals(77L, complete.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"odds_change", "bet_stop", "bet_settlement", "bet_cancel", "rollback_bet_settlement",
            "rollback_bet_cancel", "fixture_change", "alive", "snapshot_complete"})
    void readsBackExactlyWhatTheWriterWrote(String sample) throws Exception {
        FeedMessage message = parse(sample);

        FeedMessage again = parser.parse(writer.write(message));

        assertEquals(message, again);
        assertEquals(sample, again.type());
    }

    @Test
    void namesWhatIsWrongWithABadMessage() {
        assertRefused("", "empty message body");
        assertRefused("<odds_change product=\"1\"", "not well-formed XML");
        assertRefused("<odds_chnage product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"/>",
                "unknown message type <odds_chnage>");
        assertRefused("<bet_stop event_id=\"sr:match:1\" timestamp=\"1\"/>", "attribute product is missing");
        assertRefused("<alive product=\"1\" timestamp=\"soon\"/>", "attribute timestamp must be a whole number");
        assertRefused("<odds_change product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"><odds><market id=\"1\" "
                + "status=\"1\"><outcome id=\"1\" odds=\"abc\"/></market></odds></odds_change>",
                "attribute odds must be a decimal number");
        assertRefused("<odds_change product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"><odds><market id=\"1\" "
                + "status=\"1\"><outcome id=\"1\" odds=\"0.5\"/></market></odds></odds_change>",
                "decimal odds of at least 1");
        assertRefused("<bet_settlement product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"><outcomes><market id=\"1\">"
                + "<outcome id=\"1\" result=\"1\" void_factor=\"1.5\"/></market></outcomes></bet_settlement>",
                "a factor above 0 and at most 1");
        assertRefused("<bet_settlement product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"><outcomes><market id=\"1\">"
                + "<outcome id=\"1\" result=\"2\"/></market></outcomes></bet_settlement>", "result must be 0 or 1");
        assertRefused("<bet_cancel product=\"1\" event_id=\"sr:match:1\" timestamp=\"1\"><market/></bet_cancel>",
                "<market>: attribute id is missing");
    }

    @Test
    void refusesDoctypesSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE alive [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<alive product=\"1\" timestamp=\"1\" subscribed=\"&x;\"/>";
        FeedParseException refused = assertThrows(FeedParseException.class,
                () -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains("DTD") || refused.getMessage().contains("not well-formed"),
                refused.getMessage());
    }

    private void assertRefused(String body, String expected) {
        FeedParseException refused = assertThrows(FeedParseException.class,
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage() + " should say " + expected);
    }

    private FeedMessage parse(String sample) throws IOException, FeedParseException {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/uof/" + sample + ".xml")) {
            return parser.parse(in.readAllBytes());
        }
    }
}
