package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.bets.BetStatusChanged;
import io.cellbet.contracts.bets.BetsSettled;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.sportsbook.api.BrandBetLimits;
import io.cellbet.sportsbook.bets.domain.BetRejection;
import io.cellbet.sportsbook.bets.domain.BetShape;
import io.cellbet.sportsbook.bets.domain.OddsPolicy;
import io.cellbet.sportsbook.bets.domain.Selection;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.catalog.Catalog;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.ReservationResult;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferStatus;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The steps of a bet's stake after the bet is written: reserving, posting or releasing it, each followed by the
 * bet's new status and its {@link BetStatusChanged} in one transaction. Every step checks, under the bet's row lock,
 * that the bet is still where the step expects it, so placement, the live delay and recovery never both move it.
 */
@ApplicationScoped
public class BetTransitions {

    private final BetBook book;
    private final WalletApi wallet;
    private final HouseAccounts houseAccounts;
    private final BrandQuotes brandQuotes;
    private final BrandBetLimits limits;
    private final Outbox outbox;
    private final BetsConfig config;
    private final Clock clock;
    private final String cellId;

    public BetTransitions(BetBook book, WalletApi wallet, HouseAccounts houseAccounts, BrandQuotes brandQuotes,
            BrandBetLimits limits, Outbox outbox,
            BetsConfig config, Clock clock, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.book = book;
        this.wallet = wallet;
        this.houseAccounts = houseAccounts;
        this.brandQuotes = brandQuotes;
        this.limits = limits;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.cellId = cellId;
    }

    /** The reservation of the bet's stake: a pure function of the bet, so recovery repeats it exactly. */
    ReserveRequest reservation(BetBook.StoredBet bet) {
        Duration delay = bet.acceptAt() == null ? Duration.ZERO : Duration.between(bet.placedAt(), bet.acceptAt());
        long house = houseAccounts.id(bet.brand(), AccountKind.STAKES_HELD, bet.currency());
        return new ReserveRequest("bet:" + bet.id() + ":stake", new TransferLeg(bet.cashAccountId(), house,
                bet.stakeMinor(), bet.currency(), "stake", bet.id().toString(), Map.of("shape", bet.shape())),
                delay.plus(config.stakeHold()));
    }

    /** Reserves the stake of a bet just written: a live bet then waits for its delay, a prematch bet is accepted. */
    BetBook.StoredBet takeStake(BetBook.StoredBet bet) {
        ReservationResult reserved = await(wallet.reserve(reservation(bet)));
        if (reserved instanceof ReservationResult.Rejected rejected) {
            return reject(bet.id(), BetStatus.PLACING, rejected.reason() == Rejection.INSUFFICIENT_FUNDS
                    ? BetRejection.INSUFFICIENT_FUNDS : rejected.reason() == Rejection.LEDGER_BUSY
                            ? BetRejection.WALLET_BUSY : BetRejection.NO_WALLET, null);
        }
        UUID reservation = ((ReservationResult.Accepted) reserved).reservation().id();
        if (bet.live()) {
            return move(bet.id(), BetStatus.PLACING, BetStatus.PENDING, null, BetStatus.STAKE_RESERVED, reservation)
                    .orElseGet(() -> book.find(bet.id()).orElseThrow());
        }
        return postAndOpen(bet.id(), BetStatus.PLACING, reservation);
    }

    /** Posts the reserved stake and opens the bet; a reservation that can no longer be posted rejects it. */
    BetBook.StoredBet postAndOpen(UUID betId, String expected, UUID reservation) {
        ReservationResult posted = await(wallet.post(reservation));
        if (posted instanceof ReservationResult.Rejected) {
            return reject(betId, expected, BetRejection.INTERRUPTED, reservation);
        }
        return move(betId, expected, BetStatus.OPEN, null, BetStatus.STAKE_POSTED, reservation)
                .orElseGet(() -> book.find(betId).orElseThrow());
    }

    /**
     * A live bet whose delay is over: accepted if every leg's market still takes bets at odds its policy accepts
     * (the bet keeps the odds it took), else rejected and its stake released.
     */
    public BetBook.StoredBet acceptAfterDelay(UUID betId) {
        BetBook.StoredBet bet = book.find(betId).orElseThrow();
        if (!BetStatus.PENDING.equals(bet.status())) {
            return bet;
        }
        Optional<BetRejection> refusal = recheck(bet);
        if (refusal.isPresent()) {
            return reject(betId, BetStatus.PENDING, refusal.get(), bet.reservationId());
        }
        return postAndOpen(betId, BetStatus.PENDING, bet.reservationId());
    }

    private Optional<BetRejection> recheck(BetBook.StoredBet bet) {
        Map<String, Catalog.Quote> quotes = brandQuotes.ofLegs(bet.brand(), bet.legs());
        OddsPolicy policy = OddsPolicy.fromCode(bet.oddsPolicy()).orElse(OddsPolicy.NONE);
        for (BetBook.StoredLeg leg : bet.legs()) {
            Selection selection = new Selection(leg.eventId(), leg.typeId(), leg.specifiers(), leg.outcomeId(),
                    leg.odds());
            // The live delay re-checks the odds the bet took: under any policy but "any" they must still stand.
            Optional<BetPlacement.Outcome.Refused> refused = BetPlacement.check(selection,
                    quotes.get(leg.outcomeKey()), policy == OddsPolicy.ANY ? OddsPolicy.ANY : OddsPolicy.HIGHER,
                    bet.placedAt());
            if (refused.isPresent()) {
                return Optional.of(refused.get().reason());
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a bet left {@code placing} by a crash: the reservation is asked for again under its key (the wallet
     * answers the original one, or makes it if the first never arrived). A reservation already posted means every
     * check had passed and the stake was taken: the bet is opened. Otherwise the reservation is voided and the bet
     * rejected as interrupted.
     */
    public BetBook.StoredBet recoverPlacing(UUID betId) {
        BetBook.StoredBet bet = book.find(betId).orElseThrow();
        if (!BetStatus.PLACING.equals(bet.status())) {
            return bet;
        }
        ReservationResult reserved = await(wallet.reserve(reservation(bet)));
        if (reserved instanceof ReservationResult.Accepted accepted) {
            UUID reservation = accepted.reservation().id();
            if (accepted.reservation().status() == TransferStatus.POSTED) {
                return move(betId, BetStatus.PLACING, BetStatus.OPEN, null, BetStatus.STAKE_POSTED, reservation)
                        .orElseGet(() -> book.find(betId).orElseThrow());
            }
            return reject(betId, BetStatus.PLACING, BetRejection.INTERRUPTED, reservation);
        }
        ReservationResult.Rejected refused = (ReservationResult.Rejected) reserved;
        if (refused.reason() != Rejection.INSUFFICIENT_FUNDS) {
            // The wallet could not say (busy, or not started yet after a restart): the next sweep asks again.
            throw new IllegalStateException("the wallet did not answer for the stake of bet " + betId + ": "
                    + refused.reason());
        }
        // No reservation was ever made, and none can be now: nothing is held.
        return reject(betId, BetStatus.PLACING, BetRejection.INTERRUPTED, null);
    }

    /** Releases a reservation still held by a bet that is not pending (a step after the wallet's was missed). */
    public void finishReservation(UUID betId) {
        BetBook.StoredBet bet = book.find(betId).orElseThrow();
        if (!BetStatus.STAKE_RESERVED.equals(bet.stakeState()) || BetStatus.PENDING.equals(bet.status())) {
            return;
        }
        if (BetStatus.REJECTED.equals(bet.status())) {
            await(wallet.voidReservation(bet.reservationId()));
            QuarkusTransaction.requiringNew().run(() -> book.update(betId, bet.status(), bet.reason(),
                    BetStatus.STAKE_RELEASED, null, clock.instant()));
        }
    }

    /**
     * Rejects the bet if it is still {@code expected}: its reservation (if any) is voided first, then one
     * transaction releases its exposure and records the rejection.
     */
    BetBook.StoredBet reject(UUID betId, String expected, BetRejection reason, UUID reservation) {
        if (reservation != null && await(wallet.voidReservation(reservation)) instanceof ReservationResult.Rejected) {
            TransferStatus status = wallet.transfer(reservation).map(Transfer::status).orElse(null);
            if (status == TransferStatus.POSTED) {
                // Posted meanwhile (a slow placement and recovery crossed): the stake is taken, so the bet stands.
                return move(betId, expected, BetStatus.OPEN, null, BetStatus.STAKE_POSTED, reservation)
                        .orElseGet(() -> book.find(betId).orElseThrow());
            }
            if (status != TransferStatus.VOIDED && status != TransferStatus.EXPIRED) {
                throw new IllegalStateException("the stake of bet " + betId + " could not be released; retried");
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            BetBook.StoredBet bet = book.lock(betId).orElseThrow();
            if (!bet.status().equals(expected)) {
                return bet;
            }
            book.release(bet.currency(), BetPlacement.claims(limits.limits(bet.brand()), bet.legs(),
                    bet.liabilityMinor(), bet.stakeMinor()), true);
            book.update(betId, BetStatus.REJECTED, reason.name(), reservation == null ? BetStatus.STAKE_NONE
                    : BetStatus.STAKE_RELEASED, reservation, clock.instant());
            BetBook.StoredBet rejected = book.find(betId).orElseThrow();
            announce(rejected);
            return rejected;
        });
    }

    private Optional<BetBook.StoredBet> move(UUID betId, String expected, String status, String reason,
            String stakeState, UUID reservation) {
        return QuarkusTransaction.requiringNew().call(() -> {
            BetBook.StoredBet bet = book.lock(betId).orElseThrow();
            if (!bet.status().equals(expected)) {
                return Optional.<BetBook.StoredBet>empty();
            }
            book.update(betId, status, reason, stakeState, reservation, clock.instant());
            BetBook.StoredBet moved = book.find(betId).orElseThrow();
            announce(moved);
            return Optional.of(moved);
        });
    }

    /** Appends the bet's {@link BetStatusChanged} to the outbox in the caller's transaction; replicas push it on. */
    void announce(BetBook.StoredBet bet) {
        announceAll(List.of(bet));
    }

    void announceAll(List<BetBook.StoredBet> bets) {
        List<OutboxMessage> messages = new ArrayList<>();
        Instant now = clock.instant();
        for (BetBook.StoredBet bet : bets) {
            List<BetStatusChanged.Leg> legs = new ArrayList<>();
            for (BetBook.StoredLeg leg : bet.legs()) {
                legs.add(new BetStatusChanged.Leg(leg.eventId(), leg.sportId(), leg.typeId(), leg.specifiers(),
                        leg.outcomeId(), leg.odds()));
            }
            messages.add(new OutboxMessage(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cellId, "sportsbook."
                    + BetStatusChanged.TYPE), BetStatusChanged.AGGREGATE_TYPE, bet.id().toString(),
                    BetStatusChanged.TYPE, BetStatusChanged.SCHEMA_VERSION, new BetStatusChanged(bet.id(),
                            bet.playerId(), bet.brand(), cellId, bet.currency(), bet.shape(), bet.status(),
                            bet.reason(), bet.stakeMinor(), bet.paidMinor(), legs, now), null));
        }
        if (!messages.isEmpty()) {
            outbox.appendAll(messages);
        }
    }

    /** Appends one {@link BetsSettled} for a settlement batch's bets, in the caller's transaction. */
    void announceSettled(List<BetBook.StoredBet> bets) {
        if (bets.isEmpty()) {
            return;
        }
        List<BetsSettled.Settled> settled = new ArrayList<>();
        for (BetBook.StoredBet bet : bets) {
            settled.add(new BetsSettled.Settled(bet.id(), bet.playerId(), bet.brand(), bet.currency(), bet.status(),
                    bet.stakeMinor(), bet.paidMinor(), bet.receivableMinor()));
        }
        outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cellId, "sportsbook."
                + BetsSettled.TYPE), BetsSettled.AGGREGATE_TYPE, bets.get(0).id().toString(), BetsSettled.TYPE,
                BetsSettled.SCHEMA_VERSION, new BetsSettled(cellId, settled, clock.instant()), null));
    }

    /** Waits for the wallet; a wallet that does not answer in time is busy (the bet's key makes a retry safe). */
    <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(config.walletTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the wallet", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the wallet did not answer", e);
        }
    }

    static BetShape shape(BetBook.StoredBet bet) {
        return BetShape.named(bet.shape(), bet.legs().size());
    }
}
