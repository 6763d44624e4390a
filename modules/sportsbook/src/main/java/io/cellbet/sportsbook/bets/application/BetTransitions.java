package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.bets.BetStatusChanged;
import io.cellbet.contracts.bets.BetsChanged;
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
import io.cellbet.wallet.api.Movement;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.ReservationResult;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.TransferStatus;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The steps of a bet's stake after the bet is written: reserving, posting or releasing it, each followed by the
 * bet's new status and its {@link BetStatusChanged} in one transaction. Every step checks, under the bet's row lock,
 * that the bet is still where the step expects it, so placement, the live delay and recovery never both move it.
 */
@ApplicationScoped
public class BetTransitions {

    private static final Logger LOG = Logger.getLogger(BetTransitions.class);
    private final BetBook book;
    private final WalletApi wallet;
    private final HouseAccounts houseAccounts;
    private final BrandQuotes brandQuotes;
    private final BrandBetLimits limits;
    private final Outbox outbox;
    private final BetsConfig config;
    private final Clock clock;
    private final String cellId;

    /** A bet's move, with the correlation id of the request behind it for its event (null: the current one). */
    private record CorrelatedMove(BetBook.Move move, String correlationId) {
    }

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

    /** The reservation of a live bet's stake: a pure function of the bet, so recovery repeats it exactly. */
    ReserveRequest reservation(BetBook.StoredBet bet) {
        Duration delay = bet.acceptAt() == null ? Duration.ZERO : Duration.between(bet.placedAt(), bet.acceptAt());
        return new ReserveRequest(stakeKey(bet), stakeLeg(bet), delay.plus(config.stakeHold()));
    }

    /** The transfer of a prematch bet's stake: a pure function of the bet, so recovery repeats it exactly. */
    TransferRequest stakeTransfer(BetBook.StoredBet bet) {
        return TransferRequest.of(stakeKey(bet), stakeLeg(bet));
    }

    private static String stakeKey(BetBook.StoredBet bet) {
        return "bet:" + bet.id() + ":stake";
    }

    private TransferLeg stakeLeg(BetBook.StoredBet bet) {
        long house = houseAccounts.id(bet.brand(), AccountKind.STAKES_HELD, bet.currency());
        return new TransferLeg(bet.cashAccountId(), house, bet.stakeMinor(), bet.currency(), "stake",
                bet.id().toString(), Map.of("shape", bet.shape()));
    }

    /** A bet to write, with the correlation id of the request that placed it (null: none). */
    record Placement(BetBook.NewBet bet, String correlationId) {
    }

    /** How writing a bet ended: {@code bet} as it now stands when it was written, else null. */
    record Written(BetBook.Placing placing, BetBook.StoredBet bet) {
    }

    /** What a bet writer's transaction did: each placement's end, in order, and the live bets it could not open. */
    record BatchWritten(List<Written> placed, List<BetBook.StoredBet> notOpened) {
    }

    /**
     * Writes bets and takes their stakes, and opens live bets whose delay is over, in the caller's transaction, so
     * that a bet stands with its stake or not at all. The live bets to open ({@code toOpen}, their checks passed again
     * by {@link #recheckAfterDelay}) are locked first, in the order of every writer of many bets (bets, then exposure,
     * then accounts). {@link BetBook#placeAll} locks the new bets' exposure rows and keeps the bets within the caps;
     * the wallet applies their stakes and posts the opened bets' reservations as one ledger batch in the same
     * transaction, a prematch bet's stake as a transfer to {@code stakes_held}, a live bet's as a reservation; then
     * the bets are written as their stakes left them ({@code open}, {@code pending} for its live delay, or {@code
     * rejected} with nothing staked and no exposure), the opened ones moved to {@code open}, with one event for all.
     * One commit for the whole batch; the writes of the ledger and of the bets go to the database with the batch's
     * events, in one round trip. {@code keysRaced}: bets a first try found written by another transaction under
     * their keys ({@link BetBook.KeyRaced}); they answer {@code KEY_USED}. A live bet to open that is no longer
     * pending is left as it is (its stake to whatever moved it); one whose reservation can no longer be posted (it
     * expired) is answered in {@code notOpened}, for {@link #rejectNotOpened}.
     */
    BatchWritten writeAndStake(List<Placement> placements, List<UUID> toOpen, Set<UUID> keysRaced) {
        // Every statement here looks rows up by key: no need to plan each one again for its arrays' lengths.
        book.genericPlansInTransaction();
        List<BetBook.StoredBet> opening = toOpen.isEmpty() ? List.of() : book.lockAll(toOpen).stream()
                .filter(bet -> BetStatus.PENDING.equals(bet.status()) && bet.reservationId() != null).toList();
        List<Placement> toWrite = placements.stream()
                .filter(placement -> !keysRaced.contains(placement.bet().bet().id())).toList();
        Map<UUID, String> correlationIds = new HashMap<>();
        toWrite.forEach(placement -> correlationIds.put(placement.bet().bet().id(), placement.correlationId()));
        Map<UUID, BetBook.StoredBet> staked = new HashMap<>();
        List<TransferResult> posted = new ArrayList<>();
        List<BetBook.Placing> placings = toWrite.isEmpty() ? List.of()
                : book.placeAll(toWrite.stream().map(Placement::bet).toList(), within -> {
                    List<BetBook.StoredBet> bets = takeStakes(within.stream().map(BetBook.NewBet::bet).toList(),
                            correlationIds, opening, posted);
                    bets.forEach(bet -> staked.put(bet.id(), bet));
                    return bets;
                });
        if (posted.isEmpty() && !opening.isEmpty()) {
            // No new bet to stake (none given, or none within its caps): the postings get a ledger batch of their own.
            posted.addAll(wallet.applyInTransaction(postings(opening)));
        }
        Map<UUID, Written> written = new HashMap<>();
        List<BetBook.StoredBet> changed = new ArrayList<>();
        List<String> changedCorrelationIds = new ArrayList<>();
        for (int i = 0; i < toWrite.size(); i++) {
            UUID id = toWrite.get(i).bet().bet().id();
            BetBook.StoredBet bet = placings.get(i) == BetBook.Placing.WRITTEN ? staked.get(id) : null;
            written.put(id, new Written(placings.get(i), bet));
            if (bet != null) {
                changed.add(bet);
                changedCorrelationIds.add(correlationIds.get(id));
            }
        }
        List<BetBook.Move> opens = new ArrayList<>();
        List<BetBook.StoredBet> notOpened = new ArrayList<>();
        for (int i = 0; i < opening.size(); i++) {
            BetBook.StoredBet bet = opening.get(i);
            if (posted.get(i) instanceof TransferResult.Accepted) {
                opens.add(new BetBook.Move(bet, BetStatus.PENDING, BetStatus.OPEN, BetStatus.STAKE_POSTED,
                        bet.reservationId()));
            } else {
                notOpened.add(bet);
            }
        }
        if (!opens.isEmpty()) {
            for (Optional<BetBook.StoredBet> opened : book.moveAllIf(opens, clock.instant())) {
                if (opened.isPresent()) {
                    changed.add(opened.get());
                    changedCorrelationIds.add(null);
                }
            }
        }
        announceAll(changed, changedCorrelationIds);
        // The events' rows in the round trip of the ledger's and the bets' writes, which wait for it: one round trip
        // before the commit, not two. A key another transaction wrote meanwhile is found here (BetBook.KeyRaced).
        outbox.writeAppended();
        return new BatchWritten(placements.stream().map(placement -> written.getOrDefault(placement.bet().bet().id(),
                new Written(BetBook.Placing.KEY_USED, null))).toList(), notOpened);
    }

    /**
     * Takes the bets' stakes, and posts the reservations of the live bets being opened, as one ledger batch in the
     * caller's transaction (its accounts locked together, in their one order); answers each bet as it is to be
     * written: a prematch bet open with its stake posted, a live one pending with its stake reserved, a bet whose
     * stake was refused rejected. The postings' answers go to {@code posted}, one per bet of {@code opening}.
     */
    private List<BetBook.StoredBet> takeStakes(List<BetBook.StoredBet> bets, Map<UUID, String> correlationIds,
            List<BetBook.StoredBet> opening, List<TransferResult> posted) {
        List<Movement> movements = new ArrayList<>(bets.size() + opening.size());
        for (BetBook.StoredBet bet : bets) {
            String correlationId = correlationIds.get(bet.id());
            movements.add(bet.live() ? Movement.reservation(reservation(bet), correlationId)
                    : Movement.transfer(stakeTransfer(bet), correlationId));
        }
        movements.addAll(postings(opening));
        List<TransferResult> taken = wallet.applyInTransaction(movements);
        posted.addAll(taken.subList(bets.size(), taken.size()));
        List<BetBook.StoredBet> placed = new ArrayList<>(bets.size());
        for (int i = 0; i < bets.size(); i++) {
            BetBook.StoredBet bet = bets.get(i);
            if (taken.get(i) instanceof TransferResult.Accepted accepted) {
                UUID stake = accepted.transfers().get(0).id();
                placed.add(bet.live() ? bet.placedAs(BetStatus.PENDING, null, BetStatus.STAKE_RESERVED, stake)
                        : bet.placedAs(BetStatus.OPEN, null, BetStatus.STAKE_POSTED, stake));
            } else {
                placed.add(bet.placedAs(BetStatus.REJECTED, refusal(((TransferResult.Rejected) taken.get(i))
                        .reason()).name(), BetStatus.STAKE_NONE, null));
            }
        }
        return placed;
    }

    private static List<Movement> postings(List<BetBook.StoredBet> opening) {
        return opening.stream().map(bet -> Movement.posting(bet.reservationId(), null)).toList();
    }

    private static BetRejection refusal(Rejection reason) {
        return reason == Rejection.INSUFFICIENT_FUNDS ? BetRejection.INSUFFICIENT_FUNDS
                : reason == Rejection.LEDGER_BUSY ? BetRejection.WALLET_BUSY : BetRejection.NO_WALLET;
    }

    /** Posts the reserved stake and opens the bet; a reservation that can no longer be posted rejects it. */
    BetBook.StoredBet postAndOpen(BetBook.StoredBet bet, String expected, UUID reservation) {
        ReservationResult posted = await(wallet.post(reservation));
        if (posted instanceof ReservationResult.Rejected) {
            return reject(bet.id(), expected, BetRejection.INTERRUPTED, reservation);
        }
        return open(bet, expected, reservation);
    }

    /** Opens the bet, its stake in {@code stakes_held} by the transfer {@code stake}. */
    private BetBook.StoredBet open(BetBook.StoredBet bet, String expected, UUID stake) {
        return move(bet, expected, BetStatus.OPEN, BetStatus.STAKE_POSTED, stake);
    }

    /**
     * Live bets whose delay is over, checked again: each accepted if every leg's market still takes bets at odds its
     * policy accepts (the bet keeps the odds it took), else rejected and its stake released. Answers the accepted
     * ones, to be opened by the bet writer ({@link BetPlacement#openAfterDelay}): their reservations posted in the
     * writer's ledger batch, in its transaction, so that opening them never holds the accounts the writer waits for.
     */
    public List<UUID> recheckAfterDelay(List<UUID> betIds) {
        List<UUID> accepted = new ArrayList<>();
        // Read together, and their legs quoted together per brand: two statements and one quote per brand for the
        // whole round, not three statements a bet.
        Map<UUID, BetBook.StoredBet> found = new HashMap<>();
        book.findAll(betIds).forEach(bet -> found.put(bet.id(), bet));
        List<BetBook.StoredBet> pending = betIds.stream().map(found::get)
                .filter(bet -> bet != null && BetStatus.PENDING.equals(bet.status())).toList();
        Map<String, Map<String, Catalog.Quote>> quotes = new HashMap<>();
        pending.stream().collect(Collectors.groupingBy(BetBook.StoredBet::brand)).forEach((brand, bets) -> quotes.put(
                brand, brandQuotes.ofLegs(brand, bets.stream().flatMap(bet -> bet.legs().stream()).toList())));
        for (BetBook.StoredBet bet : pending) {
            try {
                Optional<BetRejection> refusal = recheck(bet, quotes.get(bet.brand()));
                if (refusal.isPresent()) {
                    reject(bet.id(), BetStatus.PENDING, refusal.get(), bet.reservationId());
                } else {
                    accepted.add(bet.id());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "accepting live bet %s failed; retried on the next round", bet.id());
            }
        }
        return accepted;
    }

    /** Rejects live bets accepted after their delay whose reservation could no longer be posted (it expired). */
    void rejectNotOpened(List<BetBook.StoredBet> notOpened) {
        for (BetBook.StoredBet bet : notOpened) {
            try {
                reject(bet.id(), BetStatus.PENDING, BetRejection.INTERRUPTED, bet.reservationId());
            } catch (RuntimeException e) {
                LOG.warnf(e, "rejecting live bet %s failed; retried on the next sweep", bet.id());
            }
        }
    }

    private Optional<BetRejection> recheck(BetBook.StoredBet bet, Map<String, Catalog.Quote> quotes) {
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
     * Resolves a bet left {@code placing} by a crash. Its stake is asked for again under its key: the wallet answers
     * the original request if it was applied, or applies it now. It cannot be applied later, since the ledger drops
     * what waited in its queue longer than its timeout, shorter than the placing timeout. A prematch stake taken means
     * every check had passed: the bet opens. A live bet's reservation already posted opens it too; one still held is
     * voided and the bet rejected as interrupted.
     */
    public BetBook.StoredBet recoverPlacing(UUID betId) {
        BetBook.StoredBet bet = book.find(betId).orElseThrow();
        if (!BetStatus.PLACING.equals(bet.status())) {
            return bet;
        }
        if (!bet.live()) {
            TransferResult taken = await(wallet.transfer(stakeTransfer(bet)));
            if (taken instanceof TransferResult.Accepted accepted) {
                return open(bet, BetStatus.PLACING, accepted.transfers().get(0).id());
            }
            Rejection reason = ((TransferResult.Rejected) taken).reason();
            if (reason == Rejection.LEDGER_BUSY) {
                // The wallet could not say: the next sweep asks again.
                throw new IllegalStateException("the wallet did not answer for the stake of bet " + betId + ": "
                        + reason);
            }
            if (reason != Rejection.IDEMPOTENCY_KEY_REUSED) {
                // Refused (the money is gone): nothing was taken, and the first request can no longer be.
                return reject(betId, BetStatus.PLACING, BetRejection.INTERRUPTED, null);
            }
            // Placed before prematch stakes were transfers: the key names a reservation, resolved below.
        }
        ReservationResult reserved = await(wallet.reserve(reservation(bet)));
        if (reserved instanceof ReservationResult.Accepted accepted) {
            UUID reservation = accepted.reservation().id();
            if (accepted.reservation().status() == TransferStatus.POSTED) {
                return open(bet, BetStatus.PLACING, reservation);
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
                return open(book.find(betId).orElseThrow(), expected, reservation);
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

    /**
     * Moves the bet from {@code expected} to {@code status} with its event, in one transaction; a bet that had moved
     * on meanwhile is answered as it now stands.
     */
    private BetBook.StoredBet move(BetBook.StoredBet bet, String expected, String status, String stakeState,
            UUID stake) {
        BetBook.Move move = new BetBook.Move(bet, expected, status, stakeState, stake);
        return moveAll(List.of(new CorrelatedMove(move, null))).get(0)
                .orElseGet(() -> book.find(bet.id()).orElseThrow());
    }

    /**
     * Applies moves in one transaction: the bets' new status in one statement, their events in another (the steps
     * after placement: the live delay's end, recovery).
     */
    private List<Optional<BetBook.StoredBet>> moveAll(List<CorrelatedMove> moves) {
        return QuarkusTransaction.requiringNew().call(() -> {
            book.genericPlansInTransaction();
            return moveAllInTransaction(moves);
        });
    }

    /** As {@link #moveAll}, in the caller's transaction. */
    private List<Optional<BetBook.StoredBet>> moveAllInTransaction(List<CorrelatedMove> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        List<Optional<BetBook.StoredBet>> moved = book.moveAllIf(moves.stream().map(CorrelatedMove::move).toList(),
                clock.instant());
        List<BetBook.StoredBet> changed = new ArrayList<>();
        List<String> correlationIds = new ArrayList<>();
        for (int i = 0; i < moved.size(); i++) {
            if (moved.get(i).isPresent()) {
                changed.add(moved.get(i).get());
                correlationIds.add(moves.get(i).correlationId());
            }
        }
        announceAll(changed, correlationIds);
        return moved;
    }

    /** Appends the bet's {@link BetStatusChanged} to the outbox in the caller's transaction; replicas push it on. */
    void announce(BetBook.StoredBet bet) {
        announceAll(List.of(bet));
    }

    void announceAll(List<BetBook.StoredBet> bets) {
        announceAll(bets, Collections.nCopies(bets.size(), null));
    }

    /**
     * Appends one {@link BetsChanged} listing the bets, each with the correlation id of its bet's request (null: the
     * current), in the caller's transaction.
     */
    private void announceAll(List<BetBook.StoredBet> bets, List<String> correlationIds) {
        if (bets.isEmpty()) {
            return;
        }
        String fallback = outbox.currentCorrelationId().orElse(null);
        List<BetStatusChanged> changes = new ArrayList<>(bets.size());
        Instant now = clock.instant();
        for (int i = 0; i < bets.size(); i++) {
            BetBook.StoredBet bet = bets.get(i);
            List<BetStatusChanged.Leg> legs = new ArrayList<>();
            for (BetBook.StoredLeg leg : bet.legs()) {
                legs.add(new BetStatusChanged.Leg(leg.eventId(), leg.sportId(), leg.typeId(), leg.specifiers(),
                        leg.outcomeId(), leg.odds()));
            }
            String correlationId = correlationIds.get(i) != null ? correlationIds.get(i) : fallback;
            changes.add(new BetStatusChanged(bet.id(), bet.playerId(), bet.brand(), cellId, bet.currency(),
                    bet.shape(), bet.status(), bet.reason(), bet.stakeMinor(), bet.paidMinor(), legs, now,
                    correlationId));
        }
        outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS, Exchanges.cellEventRoutingKey(cellId, "sportsbook."
                + BetsChanged.TYPE), BetsChanged.AGGREGATE_TYPE, bets.get(0).id().toString(), BetsChanged.TYPE,
                BetsChanged.SCHEMA_VERSION, new BetsChanged(cellId, List.copyOf(changes), now),
                changes.get(0).correlationId()));
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
        return await(stage, "the wallet");
    }

    /** Waits for {@code who}, at most the wallet timeout; a bet left placing meanwhile is recovered later. */
    <T> T await(java.util.concurrent.CompletionStage<T> stage, String who) {
        try {
            return stage.toCompletableFuture().get(config.walletTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + who, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(who + " did not answer", e);
        }
    }

    static BetShape shape(BetBook.StoredBet bet) {
        return BetShape.named(bet.shape(), bet.legs().size());
    }
}
