package io.cellbet.cell.sportsbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.bets.persistence.BetBook.Placing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bet writer's batch ({@link BetBook#placeAll}): bets are taken in order against the exposure as the bets before
 * them in the batch left it, only those are staked, a repeated key places one bet, a bet whose stake is refused stands
 * rejected without exposure, and nothing of a bet not written stays behind.
 */
@QuarkusTest
class BetWriterTest {

    /** The outcome row's cap: bets of 200, 200 and 100 liability fit as 200 + 100 only. */
    static final long OUTCOME_CAP = 300;
    static final long WIDE_CAP = 1_000_000;

    @Inject
    BetBook book;

    @Inject
    Sql sql;

    @Test
    void aBatchTakesItsBetsInOrderWithinTheCapsAndARepeatedKeyPlacesOneBet() {
        String event = "sr:match:" + (800_000_000L + (long) (Math.random() * 99_000_000));
        BetBook.NewBet first = newBet(event, UUID.randomUUID(), "k-1", 200, 10);
        BetBook.NewBet passesTheCap = newBet(event, UUID.randomUUID(), "k-2", 200, 20);
        BetBook.NewBet fitsAfter = newBet(event, UUID.randomUUID(), "k-3", 100, 25);
        BetBook.NewBet firstAgain = newBet(event, first.bet().playerId(), "k-1", 200, 10);
        BetBook.NewBet passesTheCapAgain = newBet(event, passesTheCap.bet().playerId(), "k-2", 200, 20);

        List<UUID> staked = new ArrayList<>();
        List<Placing> placed = QuarkusTransaction.requiringNew().call(() -> book.placeAll(List.of(first,
                passesTheCap, fitsAfter, firstAgain, passesTheCapAgain), within -> {
                    within.forEach(bet -> staked.add(bet.bet().id()));
                    return opened(within);
                }));

        assertEquals(List.of(Placing.WRITTEN, Placing.CAP_REACHED, Placing.WRITTEN, Placing.KEY_USED,
                Placing.CAP_REACHED), placed);
        assertEquals(List.of(first.bet().id(), fitsAfter.bet().id()), staked);
        assertEquals(List.of("open", "posted"), sql.one("SELECT status, stake_state FROM sportsbook.bets WHERE id = ?",
                row -> List.of(row.getString(1), row.getString(2)), first.bet().id()).orElseThrow());
        // 200 + 100 of liability, the stakes 10 + 25 as turnover, two bets.
        assertEquals(List.of(300L, 35L, 2L), exposure("outcome", event + "/1//1"));
        assertEquals(List.of(300L, 35L, 2L), exposure("market", event + "/1/"));
        assertEquals(List.of(300L, 35L, 2L), exposure("event", event));
        assertEquals(2L, betsOn(event));
        assertEquals(List.of(first.bet().id().toString()), sql.list("SELECT b.id FROM sportsbook.bets b "
                + "WHERE b.player_id = ? AND b.placement_key = 'k-1'", row -> row.getString(1),
                first.bet().playerId()));

        // A later batch starts from what the rows hold: the outcome is at its cap. A bet whose stake is refused is
        // written rejected and raises nothing.
        BetBook.NewBet overTheCap = newBet(event, UUID.randomUUID(), "k-4", 1, 40);
        BetBook.NewBet unfunded = newBet(event, UUID.randomUUID(), "k-5", 0, 50);
        List<Placing> later = QuarkusTransaction.requiringNew().call(() -> book.placeAll(List.of(overTheCap,
                unfunded), within -> within.stream().map(bet -> bet.bet().placedAs("rejected", "INSUFFICIENT_FUNDS",
                        "none", null)).toList()));

        assertEquals(List.of(Placing.CAP_REACHED, Placing.WRITTEN), later);
        assertEquals(List.of("rejected", "INSUFFICIENT_FUNDS"), sql.one("SELECT status, reason FROM sportsbook.bets "
                + "WHERE id = ?", row -> List.of(row.getString(1), row.getString(2)), unfunded.bet().id())
                .orElseThrow());
        assertEquals(List.of(300L, 35L, 2L), exposure("outcome", event + "/1//1"));
        assertEquals(3L, betsOn(event));

        // A bet staked under a key another transaction wrote first: the batch's write, sent with the transaction's
        // next statement, fails it, and its rollback takes the stake and everything else of the batch with it.
        BetBook.NewBet beforeIt = newBet(event, UUID.randomUUID(), "k-6", 0, 30);
        BetBook.NewBet keyTaken = newBet(event, fitsAfter.bet().playerId(), "k-3", 0, 25);
        BetBook.KeyRaced raced = assertThrows(BetBook.KeyRaced.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> {
                    book.placeAll(List.of(beforeIt, keyTaken), this::opened);
                    return betsOn(event);
                }));

        assertEquals(Set.of(keyTaken.bet().id()), raced.betIds());
        assertEquals(List.of(300L, 35L, 2L), exposure("outcome", event + "/1//1"));
        assertEquals(3L, betsOn(event));
    }

    /** Each bet open, its stake posted by a transfer of its own. */
    private List<BetBook.StoredBet> opened(List<BetBook.NewBet> within) {
        return within.stream().map(bet -> bet.bet().placedAs("open", null, "posted", UUID.randomUUID())).toList();
    }

    private long betsOn(String event) {
        return sql.one("SELECT count(*) FROM sportsbook.bet_legs WHERE event_id = ?", row -> row.getLong(1), event)
                .orElseThrow();
    }

    private List<Long> exposure(String scope, String key) {
        return sql.one("SELECT liability_minor, turnover_minor, bets FROM sportsbook.exposure WHERE scope = ? AND "
                + "key = ? AND currency = 'EUR'", row -> List.of(row.getLong(1), row.getLong(2), row.getLong(3)),
                scope, key).orElseThrow();
    }

    /** A single at odds the liability makes, on outcome 1 of the event's 1x2, as placement would write it. */
    private static BetBook.NewBet newBet(String event, UUID player, String key, long liability, long stake) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BetBook.StoredLeg leg = new BetBook.StoredLeg(0, event, 1, 1, "", "1",
                BigDecimal.valueOf(stake + liability).divide(BigDecimal.valueOf(stake)), false, false);
        BetBook.StoredBet bet = new BetBook.StoredBet(UUID.randomUUID(), "BETS_WRITER", player, "EUR", key,
                "hash-" + key, "single", 1, stake, stake, stake + liability, liability, "any", "placing", null, false,
                null, 1L, null, "none", false, 0, 0, 0, 0, now, null, now, false, null, List.of(leg));
        return new BetBook.NewBet(bet, List.of(
                new BetBook.ExposureClaim("outcome", leg.outcomeKey(), liability, stake, OUTCOME_CAP),
                new BetBook.ExposureClaim("market", leg.marketKey(), liability, stake, WIDE_CAP),
                new BetBook.ExposureClaim("event", event, liability, stake, WIDE_CAP)));
    }
}
