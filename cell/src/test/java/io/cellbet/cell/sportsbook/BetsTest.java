package io.cellbet.cell.sportsbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.TestClock;
import io.cellbet.cell.accounts.PlayerFixtures;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.cell.ops.MetricsSamples;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.accounts.api.AccountsApi;
import io.cellbet.accounts.api.PlayerDecision;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.sportsbook.bets.application.ExposurePublisher;
import io.cellbet.sportsbook.bets.application.HouseAccounts;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.testsupport.live.LiveClient;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bets placed over the player API on markets fed over the real broker, settled, cancelled and rolled back by feed
 * messages, with every balance checked against amounts worked out by hand in the comments.
 */
@QuarkusTest
class BetsTest {

    static final String BRAND = "BETS";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long START = Instant.parse("2031-05-17T18:30:00Z").toEpochMilli();

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @Inject
    TestClock clock;

    @TestHTTPResource("/")
    URL cell;

    private PlatformFeed feed;
    private long feedTime = 10_000;

    @BeforeEach
    void setUp() throws Exception {
        new TestBrands(json, cellId).applyOnce(TestBrands.internal(BRAND));
        feed = PlatformFeed.open();
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
    }

    @Test
    void aWonSingleAHalfVoidAndADeadHeatPayWhatTheyOwe() throws Exception {
        PlayerFixtures.LoggedIn player = funded(100_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00", "3", "4.00"));
        String won = placed(player, single(event, 1, "", "1", "2.50", 10_00));
        String halfVoid = placed(player, single(event, 1, "", "2", "3.00", 10_00));
        String deadHeat = placed(player, single(event, 1, "", "3", "4.00", 10_00));
        // 100.00 - 3 x 10.00 staked
        assertEquals(70_00, cash(player));
        // The cell's liability on the market: 15.00 + 20.00 + 30.00 (each payout less its stake)
        assertEquals(65_00, marketLiability(event));

        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", "0.5", null),
                outcome("3", "won", null, "0.5"));
        // won: 10.00 x 2.50 = 25.00; half void, lost: 5.00 back; dead heat 0.5 at 4.00: 10.00 x 4.00 x 0.5 = 20.00
        awaitStatus(player, won, "settled");
        awaitStatus(player, halfVoid, "settled");
        awaitStatus(player, deadHeat, "settled");
        assertEquals(25_00, bet(player, won).getLong("paidMinor"));
        assertEquals(5_00, bet(player, halfVoid).getLong("paidMinor"));
        assertEquals(20_00, bet(player, deadHeat).getLong("paidMinor"));
        assertEquals("0.5", bet(player, halfVoid).getString("legs[0].voidFactor"));
        assertEquals(70_00 + 25_00 + 5_00 + 20_00, cash(player));
        assertEquals(0, marketLiability(event));

        // The feed repeats the settlement: nothing is paid twice.
        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", "0.5", null),
                outcome("3", "won", null, "0.5"));
        awaitNoSettlementWork();
        assertEquals(120_00, cash(player));
        awaitStakesHeldAreOpenStakes();
    }

    @Test
    void aPayoutTheWalletAnswersOtherwiseIsRecordedFromItsAnswerAndPaidOnce() throws Exception {
        PlayerFixtures.LoggedIn player = funded(100_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00"));
        String won = placed(player, single(event, 1, "", "1", "2.50", 10_00));
        String lost = placed(player, single(event, 1, "", "2", "3.00", 10_00));
        // The winning bet's payout was applied before (a crash came before its bet was recorded), under its key but
        // as another request: the wallet answers the settlement's request IDEMPOTENCY_KEY_REUSED, not accepted, and
        // the bet is recorded from what that earlier request moved.
        long ggr = houseAccounts.id(BRAND, AccountKind.SPORTSBOOK_GGR, "EUR");
        long cashAccount = sql.one("SELECT cash_account_id FROM sportsbook.bets WHERE id = ?::uuid",
                row -> row.getLong(1), won).orElseThrow();
        TransferResult applied = wallet.transfer(TransferRequest.of("bet:" + won + ":s1", new TransferLeg(ggr,
                cashAccount, 25_00, "EUR", "win", won, Map.of("applied", "before a crash")))).toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(true, applied instanceof TransferResult.Accepted, applied.toString());
        assertEquals(80_00 + 25_00, cash(player));

        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        awaitStatus(player, won, "settled");
        awaitStatus(player, lost, "settled");
        assertEquals(25_00, bet(player, won).getLong("paidMinor"));
        assertEquals(0, bet(player, lost).getLong("paidMinor"));
        // Paid once: by the transfer already applied, not again.
        assertEquals(80_00 + 25_00, cash(player));
        assertEquals(1, sql.one("SELECT count(*) FROM wallet.transfers WHERE reference = ? AND type = 'win'",
                row -> row.getLong(1), won).orElseThrow());
        awaitStakesHeldAreOpenStakes();
    }

    @Test
    void anAccumulatorWithAVoidLegPaysAsTheSmallerOneAndATrixiePaysItsWinningLines() throws Exception {
        PlayerFixtures.LoggedIn player = funded(100_00);
        String a = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        String b = prematch(market(1, "", "1", "1.50", "2", "2.50"));
        String c = prematch(market(1, "", "1", "3.00", "2", "1.40"));
        String acca = placed(player, slip("accumulator", null, 10_00, selection(a, 1, "", "1", "2.00"),
                selection(b, 1, "", "1", "1.50"), selection(c, 1, "", "1", "3.00")));
        // Trixie: 4 lines (3 doubles, 1 treble) of 1.00 each = 4.00
        String trixie = placed(player, slip("system", "trixie", 1_00, selection(a, 1, "", "1", "2.00"),
                selection(b, 1, "", "1", "1.50"), selection(c, 1, "", "2", "1.40")));
        assertEquals("4", bet(player, trixie).getString("lines"));
        assertEquals(100_00 - 10_00 - 4_00, cash(player));

        settle(a, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        settle(b, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        // c's market is cancelled: its legs count at odds 1.00.
        feed.publish(FeedEvent.BETS_CANCELLED, new FeedEvent.BetsCancelled(c, 1, ++feedTime, null, null, null,
                List.of(new FeedEvent.CancelledMarket(1, "", 1))));
        // acca: 10.00 x 2.00 x 1.50 x 1.00 = 30.00
        // trixie: AB 1.00 x 2.00 x 1.50 = 3.00; AC 1.00 x 2.00 = 2.00; BC 1.00 x 1.50 = 1.50; ABC 3.00 => 9.50
        awaitStatus(player, acca, "settled");
        awaitStatus(player, trixie, "settled");
        assertEquals(30_00, bet(player, acca).getLong("paidMinor"));
        assertEquals(9_50, bet(player, trixie).getLong("paidMinor"));
        assertEquals("void", bet(player, acca).getString("legs[2].result"));
        assertEquals(86_00 + 30_00 + 9_50, cash(player));
        awaitStakesHeldAreOpenStakes();
    }

    @Test
    void theBetWriterTimesEachStepOfItsBatchesForOps() throws Exception {
        double[] before = {timedBatches("checks"), timedBatches("write"), timedBatches("commit")};
        PlayerFixtures.LoggedIn player = funded(10_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "1.80"));
        placed(player, single(event, 1, "", "1", "2.00", 1_00));
        // Other tests' batches may be timed too: at least this one was, in every step.
        assertTrue(timedBatches("checks") >= before[0] + 1);
        assertTrue(timedBatches("write") >= before[1] + 1);
        assertTrue(timedBatches("commit") >= before[2] + 1);
    }

    /** Bet writer batches whose step the cell's metrics have timed. */
    private static double timedBatches(String step) {
        return MetricsSamples.sample("cellbet_sportsbook_bets_batch_" + step + "_seconds_count");
    }

    @Test
    void aLostLegSettlesAnAccumulatorAtOnce() throws Exception {
        PlayerFixtures.LoggedIn player = funded(20_00);
        String a = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        String b = prematch(market(1, "", "1", "1.50", "2", "2.50"));
        String acca = placed(player, slip("accumulator", null, 5_00, selection(a, 1, "", "1", "2.00"),
                selection(b, 1, "", "1", "1.50")));
        settle(a, 1, "", outcome("1", "lost", null, null), outcome("2", "won", null, null));
        awaitStatus(player, acca, "settled");
        assertEquals(0, bet(player, acca).getLong("paidMinor"));
        assertEquals(15_00, cash(player));
    }

    @Test
    void aCancelWindowVoidsOnlyTheBetsPlacedInsideIt() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        String inside = placed(player, single(event, 1, "", "1", "2.00", 10_00));
        Instant insideAt = Instant.parse(bet(player, inside).getString("placedAt"));
        clock.advance(Duration.ofSeconds(5));
        String outside = placed(player, single(event, 1, "", "1", "2.00", 10_00));
        assertEquals(30_00, cash(player));

        feed.publish(FeedEvent.BETS_CANCELLED, new FeedEvent.BetsCancelled(event, 1, ++feedTime,
                insideAt.toEpochMilli() - 1_000, insideAt.toEpochMilli() + 1_000, null,
                List.of(new FeedEvent.CancelledMarket(1, "", 1))));
        // inside: voided, its 10.00 back; outside: still open
        awaitStatus(player, inside, "voided");
        assertEquals("open", bet(player, outside).getString("status"));
        assertEquals(40_00, cash(player));

        settle(event, 1, "", outcome("1", "lost", null, null), outcome("2", "won", null, null));
        awaitStatus(player, outside, "settled");
        assertEquals("voided", bet(player, inside).getString("status"));
        assertEquals(40_00, cash(player));
    }

    @Test
    void aCancelWrittenByAReplicaBeforeRangesIsWorkedInItsHashPartsAndVoidsEveryBet() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        List<String> bets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bets.add(placed(player, i % 2 == 0 ? single(event, 1, "", "1", "2.00", 2_00)
                    : single(event, 1, "", "2", "3.00", 2_00)));
        }
        assertEquals(26_00, cash(player));

        // What a replica of the cell before ranges wrote for a cancel of the whole market, in the feed message's
        // transaction: the market flagged cancelled, and the job in two parts without a split (its default, hash).
        sql.update("UPDATE sportsbook.markets SET cancelled = true, cancelled_at = ? WHERE event_id = ? "
                + "AND type_id = 1 AND specifiers = ''", ++feedTime, event);
        sql.update("INSERT INTO sportsbook.settlement_jobs (kind, event_id, type_id, specifiers, part, parts) SELECT "
                + "'cancel', ?, 1, '', p, 2 FROM generate_series(0, 1) p", event);
        // every bet voided, whichever part its id hashes to: the 24.00 staked back
        for (String bet : bets) {
            awaitStatus(player, bet, "voided");
        }
        assertEquals(50_00, cash(player));
        assertEquals(List.of(12L), sql.list("SELECT sum(bets_done) FROM sportsbook.settlement_jobs WHERE event_id = ? "
                + "AND split = 'hash'", row -> row.getLong(1), event));
    }

    @Test
    void aRollbackAfterPayoutTakesTheWinningsBackAndRecordsWhatThePlayerCannotCoverAsAReceivable()
            throws Exception {
        PlayerFixtures.LoggedIn player = funded(10_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00"));
        String other = prematch(market(1, "", "1", "1.10", "2", "8.00"));
        String bet = placed(player, single(event, 1, "", "1", "2.50", 10_00));
        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        awaitStatus(player, bet, "settled");
        // 10.00 x 2.50 = 25.00
        assertEquals(25_00, cash(player));
        // The player stakes 20.00 of the winnings elsewhere: 5.00 left.
        placed(player, single(other, 1, "", "1", "1.10", 20_00));
        assertEquals(5_00, cash(player));

        feed.publish(FeedEvent.SETTLEMENT_ROLLED_BACK, new FeedEvent.SettlementRolledBack(event, 1, ++feedTime,
                List.of(new FeedEvent.MarketKey(1, ""))));
        // 25.00 taken back: 5.00 from cash, 20.00 owed as a receivable; the bet is open again.
        awaitStatus(player, bet, "open");
        JsonPath reopened = bet(player, bet);
        assertEquals(0, reopened.getLong("paidMinor"));
        assertEquals(20_00, reopened.getLong("receivableMinor"));
        assertEquals(0, cash(player));

        // Resettled as won: the 25.00 repays the 20.00 owed first, 5.00 reaches the cash.
        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        awaitStatus(player, bet, "settled");
        assertEquals(0, bet(player, bet).getLong("receivableMinor"));
        assertEquals(25_00, bet(player, bet).getLong("paidMinor"));
        assertEquals(5_00, cash(player));
        awaitStakesHeldAreOpenStakes();
    }

    @Test
    void aPlacedBetAndItsStakeAreAnnouncedByTheEventsOfTheTransactionThatWroteThem() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00"));
        // The request's correlation id comes back on the answer, which the bet writer's thread completed and the
        // request's event loop wrote.
        Response placement = given().contentType(ContentType.JSON).header("Authorization", "Bearer "
                + player.accessToken()).header("X-Correlation-Id", "corr-bet-1").body(single(event, 1, "", "2", "3.00",
                        10_00)).post(path());
        assertEquals(201, placement.statusCode(), placement.asString());
        assertEquals("corr-bet-1", placement.header("X-Correlation-Id"));
        String bet = placement.jsonPath().getString("id");
        // Bets, like transfers and outbox messages, get time-ordered ids (version 7), which keep their indexes'
        // inserts on the last pages.
        assertEquals(7, UUID.fromString(bet).version());

        // The bet writer's transaction wrote one BetsChanged listing the bet as placed...
        List<List<String>> changes = sql.list("SELECT e->>'status', e->>'stakeMinor', e->'legs'->0->>'outcomeId', "
                + "e->>'correlationId', o.routing_key FROM messaging.outbox o, "
                + "jsonb_array_elements(o.payload->'bets') e WHERE o.type = 'BetsChanged' AND e->>'betId' = ?", row -> List.of(row.getString(1),
                        row.getString(2), row.getString(3), row.getString(4), row.getString(5)), bet);
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(List.of("open", "1000", "2", "corr-bet-1"), changes.get(0).subList(0, 4));
        assertEquals("cell." + cellId + ".sportsbook.BetsChanged", changes.get(0).get(4));
        // ...and, in the same transaction, one TransfersApplied with its stake moved from the player's cash to
        // stakes_held, under the same request's correlation id.
        List<List<String>> stakes = sql.list("SELECT a->>'event', a->'transfer'->>'amountMinor', a->>'correlationId', "
                + "a->'transfer'->>'transferId', o.message_id::text FROM messaging.outbox o, "
                + "jsonb_array_elements(o.payload->'transfers') a WHERE o.type = 'TransfersApplied' AND "
                + "a->'transfer'->>'requestKey' = ?", row -> List.of(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5)), "bet:" + bet + ":stake");
        assertEquals(1, stakes.size(), stakes.toString());
        assertEquals(List.of("TransferPosted", "1000", changes.get(0).get(3)), stakes.get(0).subList(0, 3));
        assertEquals(7, UUID.fromString(stakes.get(0).get(3)).version());
        assertEquals(7, UUID.fromString(stakes.get(0).get(4)).version());
    }

    @Test
    void eachVersionOfAnExposureRowIsPublishedOnceThoughItIsReadAgainForSeconds() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00"));
        placed(player, single(event, 1, "", "2", "3.00", 10_00));
        exposures.publish();
        // The market's row as published: 10.00 x (3.00 - 1) of liability, one bet.
        assertEquals(List.of(List.of("2000", "1")), marketExposurePublished(event));

        // Read again at the next rounds (it changed seconds ago), but not sent again: it did not change.
        exposures.publish();
        exposures.publish();
        assertEquals(List.of(List.of("2000", "1")), marketExposurePublished(event));

        // A second bet changes it: its new version is sent, once. 2 x 10.00 x (3.00 - 1).
        placed(player, single(event, 1, "", "2", "3.00", 10_00));
        exposures.publish();
        exposures.publish();
        assertEquals(List.of(List.of("2000", "1"), List.of("4000", "2")), marketExposurePublished(event));
    }

    /** Liability and bets of the event's market in every ExposureChanged written, oldest first. */
    private List<List<String>> marketExposurePublished(String event) {
        return sql.list("SELECT r->>'liabilityMinor', r->>'bets' FROM messaging.outbox o, "
                + "jsonb_array_elements(o.payload->'rows') r WHERE o.type = 'ExposureChanged' AND r->>'scope' = "
                + "'market' AND r->>'key' = ? ORDER BY o.id", row -> List.of(row.getString(1), row.getString(2)),
                event + "/1/");
    }

    @Test
    void aLiveBetWaitsForItsDelayAndIsRejectedWhenTheOddsDropMeanwhileAndThePlayerSeesItOnTheWebsocket()
            throws Exception {
        PlayerFixtures.LoggedIn player = funded(30_00);
        String event = live(market(1, "", "1", "2.00", "2", "3.00"));
        try (LiveClient bets = LiveClient.connectTo(cell.toString(), "/bets?brand=" + BRAND)) {
            bets.send("{\"type\":\"auth\",\"token\":\"" + player.accessToken() + "\"}");
            await().atMost(WAIT).until(() -> !bets.frames("authenticated").isEmpty());
            Response accepted = place(player, single(event, 1, "", "1", "2.00", 10_00));
            assertEquals(202, accepted.statusCode(), accepted.asString());
            String kept = accepted.jsonPath().getString("id");
            Response dropped = place(player, single(event, 1, "", "2", "3.00", 10_00));
            assertEquals(202, dropped.statusCode(), dropped.asString());
            String rejected = dropped.jsonPath().getString("id");
            // Both stakes are held while pending.
            assertEquals(10_00, cash(player));

            // The odds of outcome 2 drop during the delay; outcome 1 lengthens (the bet keeps its 2.00).
            feed.publish(FeedEvent.ODDS_CHANGED, liveOdds(event, market(1, "", "1", "2.20", "2", "2.40")));
            await().atMost(WAIT).until(() -> new BigDecimal(given().get("/api/sportsbook/events/" + event).jsonPath()
                    .getString("markets[0].outcomes.find { it.id == '2' }.odds")).compareTo(new BigDecimal("2.40"))
                    == 0);
            // Football's delay is 5 s.
            clock.advance(Duration.ofSeconds(6));
            awaitStatus(player, kept, "open");
            awaitStatus(player, rejected, "rejected");
            assertEquals("ODDS_CHANGED", bet(player, rejected).getString("reason"));
            assertEquals(0, new BigDecimal(bet(player, kept).getString("legs[0].odds"))
                    .compareTo(new BigDecimal("2.00")));
            assertEquals(20_00, cash(player));

            // The player's websocket saw each bet go pending, then open or rejected.
            await().atMost(WAIT).until(() -> statuses(bets, kept).equals(List.of("pending", "open"))
                    && statuses(bets, rejected).equals(List.of("pending", "rejected")));
        }
    }

    @Test
    void liveBetsDueTogetherOpenInOneTransactionAndOneWhoseStakeWasReleasedMeanwhileIsRejected() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = live(market(1, "", "1", "2.00", "2", "3.00"));
        String first = pending(player, single(event, 1, "", "1", "2.00", 5_00));
        String second = pending(player, single(event, 1, "", "2", "3.00", 5_00));
        String released = pending(player, single(event, 1, "", "1", "2.00", 5_00));
        // The third bet's reservation ends behind its back, as an expiry would end it.
        UUID reservation = sql.one("SELECT reservation_id FROM sportsbook.bets WHERE id = ?::uuid",
                row -> row.getObject(1, UUID.class), released).orElseThrow();
        wallet.voidReservation(reservation).toCompletableFuture().get();
        assertEquals(50_00 - 2 * 5_00, cash(player));

        clock.advance(Duration.ofSeconds(6));
        awaitStatus(player, first, "open");
        awaitStatus(player, second, "open");
        awaitStatus(player, released, "rejected");
        assertEquals("INTERRUPTED", bet(player, released).getString("reason"));
        // The two stakes taken, the third back with the player: 50.00 - 2 x 5.00.
        assertEquals(40_00, cash(player));
        // Both opened by one transaction, so in one event.
        assertEquals(1L, sql.one("SELECT count(*) FROM messaging.outbox WHERE type = 'BetsChanged' AND "
                + "payload->'bets' @> ?::jsonb", row -> row.getLong(1), "[{\"betId\": \"" + first + "\", \"status\": "
                + "\"open\"}, {\"betId\": \"" + second + "\", \"status\": \"open\"}]").orElseThrow());
        awaitStakesHeldAreOpenStakes();
    }

    private static String pending(PlayerFixtures.LoggedIn player, Map<String, Object> slip) {
        return placedAs(202, player, slip);
    }

    private static List<String> statuses(LiveClient client, String betId) {
        return client.frames("bet").stream().filter(frame -> frame.path("betId").asText().equals(betId))
                .map(frame -> frame.path("status").asText()).toList();
    }

    @Test
    void theBetsWebsocketClosesWithoutAValidToken() throws Exception {
        try (LiveClient bets = LiveClient.connectTo(cell.toString(), "/bets?brand=" + BRAND)) {
            bets.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
            assertEquals(4401, bets.closedWith().get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aBetIsCashedOutInPartThenWholeAtTheOfferedValueOnly() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "3.00", "2", "1.50"));
        String bet = placed(player, single(event, 1, "", "1", "3.00", 10_00));
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, 1, 3, ++feedTime, null,
                new FeedEvent.EventStatus("not_started", 0, null, null, null), List.of(market(1, "", "1", "2.00",
                        "2", "2.00"))));
        await().atMost(WAIT).until(() -> new BigDecimal(given().get("/api/sportsbook/events/" + event).jsonPath()
                .getString("markets[0].outcomes.find { it.id == '1' }.odds")).compareTo(new BigDecimal("2")) == 0);
        // 10.00 x 3.00 / 2.00 = 15.00, less the 5% margin: 14.25
        JsonPath offer = cashOutOffer(player, bet);
        assertEquals(true, offer.getBoolean("available"));
        assertEquals(14_25, offer.getLong("valueMinor"));

        Response stale = cashOut(player, bet, 14_00, null);
        assertEquals(409, stale.statusCode(), stale.asString());
        assertEquals("CASHOUT_VALUE_CHANGED", stale.jsonPath().getString("code"));
        Response tooMuch = cashOut(player, bet, 14_25, 15_00L);
        assertEquals(400, tooMuch.statusCode(), tooMuch.asString());

        // 5.70 of 14.25 is 40%: 4.00 of the 10.00 stake goes, 6.00 runs on.
        Response partial = cashOut(player, bet, 14_25, 5_70L);
        assertEquals(200, partial.statusCode(), partial.asString());
        assertEquals(5_70, partial.jsonPath().getLong("paidMinor"));
        assertEquals("open", partial.jsonPath().getString("bet.status"));
        assertEquals(6_00, partial.jsonPath().getLong("bet.stakeMinor"));
        assertEquals(40_00 + 5_70, cash(player));

        // 6.00 x 3.00 / 2.00 x 0.95 = 8.55
        assertEquals(8_55, cashOutOffer(player, bet).getLong("valueMinor"));
        Response whole = cashOut(player, bet, 8_55, null);
        assertEquals(200, whole.statusCode(), whole.asString());
        assertEquals("cashed_out", whole.jsonPath().getString("bet.status"));
        assertEquals(14_25, whole.jsonPath().getLong("bet.cashedOutMinor"));
        assertEquals(45_70 + 8_55, cash(player));

        // The result comes later: a cashed-out bet is closed and pays nothing more.
        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        awaitNoSettlementWork();
        assertEquals(54_25, cash(player));
        Response closed = cashOut(player, bet, 8_55, null);
        assertEquals(422, closed.statusCode(), closed.asString());
        assertEquals("BET_NOT_OPEN", closed.jsonPath().getString("code"));
        awaitStakesHeldAreOpenStakes();
    }

    @Test
    void aBrandsPlayersBetAtTheBrandsPricesAndNotOnWhatItHides() throws Exception {
        String brand = "BETS_PRICED";
        TestBrands brands = new TestBrands(json, cellId);
        brands.applyOnce(TestBrands.internal(brand));
        // 25 points of margin on football: 2.50 is offered as 2.50 / 1.25 = 2.00; totals (type 18) hidden.
        brands.applyValue(System.getProperty("cellbet.infra.broker.url"), ConfigKinds.SPORTSBOOK_CONTENT, brand,
                new SportsbookContent(null, null, Set.of(18), null, Map.of(1, new BigDecimal("25")), null));
        PlayerFixtures.LoggedIn player = PlayerFixtures.registerAndLogIn(brand, PlayerFixtures.application());
        PlayerFixtures.move(brand, player.id(), "deposit", 20_00);
        String event = prematch(market(1, "", "1", "2.50", "2", "3.00"));
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, 1, 3, ++feedTime, null, null,
                List.of(market(18, "total=2.5", "12", "1.90", "13", "1.90"))));
        await().atMost(WAIT).until(() -> given().get("/api/sportsbook/events/" + event).jsonPath()
                .getList("markets").size() == 2);

        Response atFeedOdds = placeFor(brand, player, single(event, 1, "", "1", "2.50", 10_00));
        assertEquals(422, atFeedOdds.statusCode(), atFeedOdds.asString());
        assertEquals("ODDS_CHANGED", atFeedOdds.jsonPath().getString("code"));
        Response hidden = placeFor(brand, player, single(event, 18, "total=2.5", "12", "1.90", 10_00));
        assertEquals("UNKNOWN_SELECTION", hidden.jsonPath().getString("code"), hidden.asString());
        Response atBrandOdds = placeFor(brand, player, single(event, 1, "", "1", "2.00", 10_00));
        assertEquals(201, atBrandOdds.statusCode(), atBrandOdds.asString());

        settle(event, 1, "", outcome("1", "won", null, null), outcome("2", "lost", null, null));
        // 10.00 x 2.00 = 20.00 on the 10.00 left
        await().atMost(WAIT).until(() -> cash(brand, player) == 30_00);
    }

    private static Response placeFor(String brand, PlayerFixtures.LoggedIn player, Map<String, Object> slip) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + player.accessToken())
                .body(slip).post("/api/brands/" + brand + "/players/me/bets");
    }

    @Test
    void aTradersStakeFactorLowersAPlayersMaximumStake() throws Exception {
        PlayerFixtures.LoggedIn player = funded(50_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        // The built-in maximum stake is 5,000.00; a factor of 0.002 makes it 10.00 for this player.
        given().contentType(ContentType.JSON).body(Map.of("stakeFactor", new BigDecimal("0.002")))
                .put("/api/bets/players/" + player.id() + "/stake-factor").then().statusCode(200);
        assertRefused(player, single(event, 1, "", "1", "2.00", 10_01), 422, "STAKE_TOO_HIGH");
        placed(player, single(event, 1, "", "1", "2.00", 10_00));
        given().contentType(ContentType.JSON).body(Map.of("stakeFactor", new BigDecimal("-1")))
                .put("/api/bets/players/" + player.id() + "/stake-factor").then().statusCode(400);
        assertEquals(40_00, cash(player));
    }

    @Test
    void badSlipsAreRefusedWithNamedReasons() throws Exception {
        PlayerFixtures.LoggedIn player = funded(10_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        String other = prematch(market(1, "", "1", "1.50", "2", "2.50"));
        assertRefused(player, single(event, 1, "", "9", "2.00", 1_00), 422, "UNKNOWN_SELECTION");
        assertRefused(player, single(event, 1, "", "1", "1.90", 1_00), 422, "ODDS_CHANGED");
        assertRefused(player, single(event, 1, "", "1", "2.00", 5), 422, "STAKE_TOO_LOW");
        assertRefused(player, single(event, 1, "", "1", "2.00", 10_000_00), 422, "STAKE_TOO_HIGH");
        assertRefused(player, single(event, 1, "", "1", "2.00", 20_00), 422, "INSUFFICIENT_FUNDS");
        // The bet was written and its stake refused in one transaction: it stands rejected, holding no exposure.
        assertEquals(0, marketLiability(event));
        assertEquals(List.of("rejected INSUFFICIENT_FUNDS none"), sql.list("SELECT b.status || ' ' || b.reason || ' ' "
                + "|| b.stake_state FROM sportsbook.bets b JOIN sportsbook.bet_legs l ON l.bet_id = b.id WHERE "
                + "l.event_id = ?", row -> row.getString(1), event));
        assertRefused(player, slip("accumulator", null, 1_00, selection(event, 1, "", "1", "2.00"),
                selection(event, 1, "", "2", "3.00")), 400, "INVALID_REQUEST");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(selection("sr:match:" + i, 1, "", "1", "2.00"));
        }
        assertRefused(player, slip("accumulator", null, 1_00, many.toArray(Map[]::new)), 400, "INVALID_REQUEST");
        assertRefused(player, slip("system", "lucky 99", 1_00, selection(event, 1, "", "1", "2.00")), 400,
                "INVALID_REQUEST");
        Response malformed = given().contentType(ContentType.JSON).header("Authorization", "Bearer "
                + player.accessToken()).body("{\"type\": \"single\", ").post(path());
        assertEquals(400, malformed.statusCode(), malformed.asString());
        Response anonymous = given().contentType(ContentType.JSON).body(single(event, 1, "", "1", "2.00", 1_00))
                .post(path());
        assertEquals(401, anonymous.statusCode(), anonymous.asString());
        assertEquals("TOKEN_REQUIRED", anonymous.jsonPath().getString("code"));
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));

        feed.publish(FeedEvent.BETS_STOPPED, new FeedEvent.BetsStopped(other, 1, ++feedTime, List.of("all"),
                "suspended"));
        await().atMost(WAIT).until(() -> "suspended".equals(given().get("/api/sportsbook/events/" + other).jsonPath()
                .getString("markets[0].status")));
        assertRefused(player, single(other, 1, "", "1", "1.50", 1_00), 422, "MARKET_SUSPENDED");
        // A player who took a time-out cannot bet at all (the accounts module's limits are tested there).
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + player.accessToken())
                .body(Map.of("hours", 24)).post("/api/brands/" + BRAND + "/players/me/time-out").then()
                .statusCode(200);
        assertRefused(player, single(event, 1, "", "1", "2.00", 1_00), 422, "PLAYER_RESTRICTED");
        // Nothing refused left a trace: the whole 10.00 is there.
        assertEquals(10_00, cash(player));
    }

    @Test
    void aRepeatedKeyPlacesOneBetAndAnotherSlipUnderItIsRefused() throws Exception {
        PlayerFixtures.LoggedIn player = funded(10_00);
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        Map<String, Object> slip = single(event, 1, "", "1", "2.00", 1_00);
        Response first = place(player, slip);
        assertEquals(201, first.statusCode(), first.asString());
        Response again = place(player, slip);
        assertEquals(200, again.statusCode());
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        Map<String, Object> other = new LinkedHashMap<>(single(event, 1, "", "2", "3.00", 1_00));
        other.put("idempotencyKey", slip.get("idempotencyKey"));
        assertRefused(player, other, 409, "IDEMPOTENCY_KEY_REUSED");
        assertEquals(9_00, cash(player));
        JsonPath open = given().header("Authorization", "Bearer " + player.accessToken()).queryParam("status", "open")
                .get(path()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first.jsonPath().getString("id")), open.getList("bets.id"));
    }

    @Test
    void placementsCheckedTogetherGetEachTheirOwnAnswer() throws Exception {
        String event = prematch(market(1, "", "1", "2.00", "2", "3.00"));
        PlayerFixtures.LoggedIn first = funded(10_00);
        PlayerFixtures.LoggedIn second = funded(10_00);
        PlayerFixtures.LoggedIn poor = funded(50);
        PlayerFixtures.LoggedIn factored = funded(50_00);
        PlayerFixtures.LoggedIn timedOut = funded(10_00);
        // A factor of 0.002 makes factored's maximum stake 10.00 (of the built-in 5,000.00).
        given().contentType(ContentType.JSON).body(Map.of("stakeFactor", new BigDecimal("0.002")))
                .put("/api/bets/players/" + factored.id() + "/stake-factor").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + timedOut.accessToken())
                .body(Map.of("hours", 24)).post("/api/brands/" + BRAND + "/players/me/time-out").then()
                .statusCode(200);
        Map<String, Object> earlier = single(event, 1, "", "1", "2.00", 1_00);
        String earlierId = placed(first, earlier);

        // The batch readers answer each placement in its place, whatever the others are: read at once outside a
        // transaction, and inside one asked for together and sent in one round trip when the first is read.
        List<UUID> keyPlayers = List.of(UUID.fromString(factored.id()), UUID.fromString(first.id()),
                UUID.fromString(first.id()));
        List<String> placementKeys = List.of("no-such-key", (String) earlier.get("idempotencyKey"), "no-such-key");
        List<UUID> stakers = List.of(UUID.fromString(second.id()), UUID.fromString(timedOut.id()), UUID.randomUUID(),
                UUID.fromString(second.id()));
        long[] stakes = {1_00, 1_00, 1_00, 2_00};
        record Read(List<BetBook.KeyAndFactor> keys, List<PlayerDecision> decisions) {
        }
        Read inTransaction = QuarkusTransaction.requiringNew().call(() -> {
            Supplier<List<BetBook.KeyAndFactor>> keys = book.keysAndFactors(keyPlayers, placementKeys);
            Supplier<List<PlayerDecision>> decisions = accounts.mayStakeAll(stakers, stakes);
            return new Read(keys.get(), decisions.get());
        });
        Read atOnce = new Read(book.keysAndFactors(keyPlayers, placementKeys).get(),
                accounts.mayStakeAll(stakers, stakes).get());
        for (Read read : List.of(atOnce, inTransaction)) {
            assertEquals(List.of(Optional.empty(), Optional.of(earlierId), Optional.empty()), read.keys().stream()
                    .map(key -> key.earlier().map(bet -> bet.id().toString())).toList());
            assertEquals(List.of(new BigDecimal("0.002"), BigDecimal.ONE, BigDecimal.ONE), read.keys().stream()
                    .map(key -> key.stakeFactor().stripTrailingZeros()).toList());
            assertEquals(List.of(true, false, false, true), read.decisions().stream().map(PlayerDecision::allowed)
                    .toList());
        }

        // Sent together, so that the writer takes several at once: each is answered as if it were alone.
        List<Sent> sent = List.of(
                new Sent(first, earlier, "200 open"),
                new Sent(second, single(event, 1, "", "2", "3.00", 2_00), "201 open"),
                new Sent(poor, single(event, 1, "", "1", "2.00", 1_00), "422 INSUFFICIENT_FUNDS"),
                new Sent(factored, single(event, 1, "", "1", "2.00", 10_01), "422 STAKE_TOO_HIGH"),
                new Sent(factored, single(event, 1, "", "1", "2.00", 10_00), "201 open"),
                new Sent(timedOut, single(event, 1, "", "1", "2.00", 1_00), "422 PLAYER_RESTRICTED"),
                new Sent(second, single(event, 1, "", "1", "1.90", 1_00), "422 ODDS_CHANGED"),
                new Sent(second, single(event, 1, "", "9", "2.00", 1_00), "422 UNKNOWN_SELECTION"));
        ExecutorService senders = Executors.newFixedThreadPool(sent.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Sent placement : sent) {
                answers.add(senders.submit(() -> {
                    go.await();
                    return place(placement.player(), placement.slip());
                }));
            }
            go.countDown();
            List<String> got = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                got.add(response.statusCode() + " " + (response.statusCode() / 100 == 2
                        ? response.jsonPath().getString("status") : response.jsonPath().getString("code")));
            }
            assertEquals(sent.stream().map(Sent::answer).toList(), got);
            assertEquals(earlierId, answers.get(0).get().jsonPath().getString("id"), "the replay answers the bet");
        } finally {
            senders.shutdownNow();
        }
        // 10.00 less the earlier 1.00; 10.00 less 2.00; 0.50 untouched; 50.00 less 10.00; 10.00 untouched.
        assertEquals(List.of(9_00L, 8_00L, 50L, 40_00L, 10_00L), List.of(cash(first), cash(second), cash(poor),
                cash(factored), cash(timedOut)));
    }

    /** A placement sent by a player, and the answer expected: status, then the bet's status or the refusal's code. */
    private record Sent(PlayerFixtures.LoggedIn player, Map<String, Object> slip, String answer) {
    }

    // ---- fixtures

    private PlayerFixtures.LoggedIn funded(long minor) {
        PlayerFixtures.LoggedIn player = PlayerFixtures.registerAndLogIn(BRAND, PlayerFixtures.application());
        PlayerFixtures.move(BRAND, player.id(), "deposit", minor);
        return player;
    }

    static FeedEvent.MarketOdds market(int type, String specifiers, String... outcomesAndOdds) {
        List<FeedEvent.OutcomeOdds> outcomes = new ArrayList<>();
        for (int i = 0; i < outcomesAndOdds.length; i += 2) {
            outcomes.add(new FeedEvent.OutcomeOdds(outcomesAndOdds[i], new BigDecimal(outcomesAndOdds[i + 1]), true));
        }
        return new FeedEvent.MarketOdds(type, specifiers, "active", "available", null, outcomes);
    }

    /** A new football event starting in 2031 with the market, as the cell has it. */
    private String prematch(FeedEvent.MarketOdds market) throws Exception {
        String event = PlatformFeed.newEvent();
        feed.publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(event, 1, 3, ++feedTime, "fetched", START,
                null, null));
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, 1, 3, ++feedTime, null,
                new FeedEvent.EventStatus("not_started", 0, null, null, null), List.of(market)));
        awaitOnSale(event);
        return event;
    }

    private String live(FeedEvent.MarketOdds market) throws Exception {
        String event = PlatformFeed.newEvent();
        feed.publish(FeedEvent.ODDS_CHANGED, liveOdds(event, market));
        awaitOnSale(event);
        return event;
    }

    private FeedEvent.OddsChanged liveOdds(String event, FeedEvent.MarketOdds market) {
        return new FeedEvent.OddsChanged(event, 1, 1, ++feedTime, null, new FeedEvent.EventStatus("live", 6,
                BigDecimal.ONE, BigDecimal.ZERO, "12:00"), List.of(market));
    }

    private static void awaitOnSale(String event) {
        await().atMost(WAIT).until(() -> given().get("/api/sportsbook/events/" + event).statusCode() == 200
                && "active".equals(given().get("/api/sportsbook/events/" + event).jsonPath()
                        .getString("markets[0].status")));
    }

    private void settle(String event, int type, String specifiers, FeedEvent.SettledOutcome... outcomes)
            throws Exception {
        feed.publish(FeedEvent.MARKETS_SETTLED, new FeedEvent.MarketsSettled(event, 1, ++feedTime, "confirmed",
                List.of(new FeedEvent.SettledMarket(type, specifiers, null, List.of(outcomes)))));
    }

    private static FeedEvent.SettledOutcome outcome(String id, String result, String voidFactor, String deadHeat) {
        return new FeedEvent.SettledOutcome(id, result, voidFactor == null ? null : new BigDecimal(voidFactor),
                deadHeat == null ? null : new BigDecimal(deadHeat));
    }

    static Map<String, Object> selection(String event, int type, String specifiers, String outcome, String odds) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("eventId", event);
        selection.put("marketTypeId", type);
        selection.put("specifiers", specifiers);
        selection.put("outcomeId", outcome);
        selection.put("odds", new BigDecimal(odds));
        return selection;
    }

    static Map<String, Object> single(String event, int type, String specifiers, String outcome, String odds,
            long stakeMinor) {
        return slip("single", null, stakeMinor, selection(event, type, specifiers, outcome, odds));
    }

    @SafeVarargs
    static Map<String, Object> slip(String type, String system, long stakeMinor, Map<String, Object>... selections) {
        Map<String, Object> slip = new LinkedHashMap<>();
        slip.put("idempotencyKey", UUID.randomUUID().toString());
        slip.put("type", type);
        if (system != null) {
            slip.put("system", system);
        }
        slip.put("stakeMinor", stakeMinor);
        slip.put("oddsPolicy", "none");
        slip.put("selections", List.of(selections));
        return slip;
    }

    static String path() {
        return "/api/brands/" + BRAND + "/players/me/bets";
    }

    static Response place(PlayerFixtures.LoggedIn player, Map<String, Object> slip) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + player.accessToken())
                .body(slip).post(path());
    }

    private static String placed(PlayerFixtures.LoggedIn player, Map<String, Object> slip) {
        return placedAs(201, player, slip);
    }

    /** Places the slip; the answer must be {@code status}. Returns the bet's id. */
    private static String placedAs(int status, PlayerFixtures.LoggedIn player, Map<String, Object> slip) {
        Response response = place(player, slip);
        assertEquals(status, response.statusCode(), response.asString());
        return response.jsonPath().getString("id");
    }

    private static void assertRefused(PlayerFixtures.LoggedIn player, Map<String, Object> slip, int status,
            String code) {
        Response response = place(player, slip);
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(code, response.jsonPath().getString("code"), response.asString());
    }

    private static JsonPath bet(PlayerFixtures.LoggedIn player, String id) {
        return given().header("Authorization", "Bearer " + player.accessToken()).get(path() + "/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    private static void awaitStatus(PlayerFixtures.LoggedIn player, String id, String status) {
        await().atMost(WAIT).until(() -> status.equals(bet(player, id).getString("status")));
    }

    private static JsonPath cashOutOffer(PlayerFixtures.LoggedIn player, String bet) {
        return given().header("Authorization", "Bearer " + player.accessToken()).get(path() + "/" + bet + "/cashout")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Response cashOut(PlayerFixtures.LoggedIn player, String bet, long value, Long amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valueMinor", value);
        if (amount != null) {
            body.put("amountMinor", amount);
        }
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + player.accessToken())
                .body(body).post(path() + "/" + bet + "/cashout");
    }

    static long cash(PlayerFixtures.LoggedIn player) {
        return cash(BRAND, player);
    }

    static long cash(String brand, PlayerFixtures.LoggedIn player) {
        return given().header("Authorization", "Bearer " + player.accessToken())
                .get("/api/brands/" + brand + "/players/me/wallet").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == 'cash' }.availableMinor");
    }

    @Inject
    Sql sql;

    @Inject
    WalletApi wallet;

    @Inject
    HouseAccounts houseAccounts;

    @Inject
    ExposurePublisher exposures;

    @Inject
    BetBook book;

    @Inject
    AccountsApi accounts;

    private long marketLiability(String event) {
        return sql.one("SELECT liability_minor FROM sportsbook.exposure WHERE scope = 'market' AND key = ?",
                row -> row.getLong(1), event + "/1/").orElseThrow();
    }

    /**
     * The ledger agrees with the bets: once settlement and stake sweeps are done, the brand's stakes_held holds
     * exactly the stakes of its open bets.
     */
    private void awaitStakesHeldAreOpenStakes() {
        awaitNoSettlementWork();
        await().atMost(WAIT).untilAsserted(() -> assertEquals(sql.one("SELECT coalesce(sum(stake_minor), 0) FROM "
                + "sportsbook.bets WHERE brand = ? AND status = 'open'", row -> row.getLong(1), BRAND).orElseThrow(),
                sql.one("SELECT balance_minor FROM wallet.accounts WHERE brand = ? AND kind = 'stakes_held' AND "
                        + "currency = 'EUR'", row -> row.getLong(1), BRAND).orElseThrow()));
    }

    private void awaitNoSettlementWork() {
        await().atMost(WAIT).until(() -> sql.one("SELECT count(*) FROM sportsbook.settlement_jobs WHERE done_at IS "
                + "NULL", row -> row.getLong(1), new Object[0]).orElseThrow() == 0);
    }
}
