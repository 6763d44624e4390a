package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.sportsbook.api.BrandBetLimits;
import io.cellbet.sportsbook.bets.domain.LegResult;
import io.cellbet.sportsbook.bets.domain.SettlementTarget;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Settles bets from the feed. A result, cancel or rollback of a market writes a job in the feed message's own
 * transaction, in as many parts (ranges of bet ids) as the cell has settlement workers; the workers take parts in
 * order, a batch of bets per transaction. Each bet is brought to where the catalog now says it should stand ({@link
 * SettlementTarget}), whatever it went through before: settling, resettling after a rollback, voiding a cancelled leg
 * and undoing it are the same step.
 *
 * <p>Money moves as one linked wallet request per bet and step, keyed {@code bet:<id>:s<n>} by the bet's settle
 * version: on settling the payout moves from {@code sportsbook_ggr} to the player's cash, and a rollback moves it
 * back. Settled stakes move from {@code stakes_held} to {@code sportsbook_ggr} in sweeps ({@link StakeSweeps}), one
 * transfer for many bets; a bet reopened after its stake was swept moves it back on its own. Winnings taken back
 * beyond the player's cash are not a negative balance: the shortfall is taken from the brand's {@code
 * player_receivables} account and recorded on the bet as its receivable, and the next money the bet pays repays it
 * first. The bets of a batch are updated, and the job's cursor advanced, in one transaction after their wallet
 * requests: a crash in between repeats the batch, and each repeated request is answered by the wallet as already
 * applied, so nothing is paid twice.
 */
@ApplicationScoped
public class BetSettlement {

    private static final Logger LOG = Logger.getLogger(BetSettlement.class);

    private final BetBook book;
    private final WalletApi wallet;
    private final BrandBetLimits limits;
    private final BetTransitions transitions;
    private final BetsConfig config;
    private final Clock clock;
    private final HouseAccounts houseAccounts;

    public BetSettlement(BetBook book, WalletApi wallet, HouseAccounts houseAccounts, BrandBetLimits limits,
            BetTransitions transitions, BetsConfig config, Clock clock) {
        this.houseAccounts = houseAccounts;
        this.book = book;
        this.wallet = wallet;
        this.limits = limits;
        this.transitions = transitions;
        this.config = config;
        this.clock = clock;
    }

    // ---- jobs from the feed, in the inbox's transaction

    @Transactional(Transactional.TxType.MANDATORY)
    public void settled(FeedEvent.MarketsSettled settled) {
        for (FeedEvent.SettledMarket market : settled.markets()) {
            book.addJob("settle", settled.eventId(), market.typeId(), market.specifiers(), null, null,
                    config.settlementWorkers());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rolledBack(FeedEvent.SettlementRolledBack rollback) {
        for (FeedEvent.MarketKey market : rollback.markets()) {
            book.addJob("unsettle", rollback.eventId(), market.typeId(), market.specifiers(), null, null,
                    config.settlementWorkers());
        }
    }

    /** A cancel with a time window voids the legs of bets placed inside it; one without, the whole market. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(FeedEvent.BetsCancelled cancel) {
        for (FeedEvent.CancelledMarket market : cancel.markets()) {
            window(cancel.eventId(), market.typeId(), market.specifiers(), cancel.placedFrom(), cancel.placedTo(),
                    true);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelRolledBack(FeedEvent.CancelRolledBack rollback) {
        for (FeedEvent.MarketKey market : rollback.markets()) {
            window(rollback.eventId(), market.typeId(), market.specifiers(), rollback.placedFrom(),
                    rollback.placedTo(), false);
        }
    }

    private void window(String eventId, int typeId, String specifiers, Long from, Long to, boolean cancel) {
        if (from != null || to != null) {
            book.cancelLegs(eventId, typeId, specifiers, from == null ? null : Instant.ofEpochMilli(from),
                    to == null ? null : Instant.ofEpochMilli(to), cancel);
        }
        book.addJob(cancel ? "cancel" : "uncancel", eventId, typeId, specifiers, null, null,
                config.settlementWorkers());
    }

    // ---- working off jobs

    /** Works one batch of the oldest job; false when there was nothing to do, or nothing could be done now. */
    public boolean workBatch() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Optional<BetBook.SettlementJob> next = book.lockNextJob();
            if (next.isEmpty()) {
                return false;
            }
            BetBook.SettlementJob job = next.get();
            List<UUID> ids = book.onMarket(job, config.settlementBatchSize());
            UUID cursor = job.cursor();
            int done = 0;
            if (!ids.isEmpty()) {
                List<BetBook.StoredBet> bets = book.lockAll(ids);
                Map<UUID, List<BetBook.LegState>> states = book.legStates(ids);
                List<Step> steps = new ArrayList<>();
                for (BetBook.StoredBet bet : bets) {
                    step(bet, states.getOrDefault(bet.id(), List.of())).ifPresent(steps::add);
                }
                CompletableFuture.allOf(steps.stream().map(step -> step.result).filter(result -> result != null)
                        .toArray(CompletableFuture[]::new)).join();
                UUID firstFailed = null;
                Instant now = clock.instant();
                List<BetBook.StoredBet> before = new ArrayList<>();
                List<BetBook.StoredBet> after = new ArrayList<>();
                for (Step step : steps) {
                    Optional<BetBook.StoredBet> stepped = applied(step, now);
                    if (stepped.isPresent()) {
                        before.add(step.bet);
                        after.add(stepped.get());
                    } else if (firstFailed == null) {
                        firstFailed = step.bet.id();
                    }
                }
                book.settledAll(after);
                transitions.announceSettled(after);
                if (firstFailed == null) {
                    cursor = ids.get(ids.size() - 1);
                    done = ids.size();
                } else {
                    // Retried from the failed bet on: the ones before it are done, the ones after are repeated.
                    for (UUID id : ids) {
                        if (id.equals(firstFailed)) {
                            break;
                        }
                        cursor = id;
                        done++;
                    }
                }
                book.advanceJob(job.id(), cursor, done, false, clock.instant());
                releaseExposure(before, after);
                // No progress (the first bet failed): the next round tries again, rather than spinning now.
                return done > 0;
            }
            book.advanceJob(job.id(), cursor, 0, true, clock.instant());
            return true;
        });
    }

    /** One bet's way to its target: the wallet request (if money moves) and the bet's new figures. */
    private record Step(BetBook.StoredBet bet, SettlementTarget target, String status, long paid, long receivable,
            boolean stakeInGgr, String key, CompletableFuture<TransferResult> result) {
    }

    private Optional<Step> step(BetBook.StoredBet bet, List<BetBook.LegState> states) {
        if (!BetStatus.OPEN.equals(bet.status()) && !BetStatus.SETTLED.equals(bet.status())
                && !BetStatus.VOIDED.equals(bet.status())) {
            return Optional.empty();
        }
        if (bet.cashOutPending()) {
            // Settled once the cash-out is done: this batch is repeated from this bet.
            return Optional.of(new Step(bet, null, null, 0, 0, false, null, null));
        }
        boolean sweeping = bet.stakeSweep() != null;
        List<Optional<LegResult>> legs = new ArrayList<>();
        List<BigDecimal> odds = new ArrayList<>();
        for (BetBook.StoredLeg leg : bet.legs()) {
            odds.add(leg.odds());
            BetBook.LegState state = states.stream().filter(s -> s.leg() == leg.leg()).findFirst().orElse(null);
            legs.add(result(leg, state));
        }
        SettlementTarget target = SettlementTarget.of(BetTransitions.shape(bet), bet.stakePerLineMinor(), odds, legs);
        String status = !target.settled() ? BetStatus.OPEN : target.voided() ? BetStatus.VOIDED : BetStatus.SETTLED;
        long delta = target.payoutMinor() - bet.paidMinor();
        // A settled bet's stake goes to sportsbook_ggr with the next sweep; only a bet reopened after its stake was
        // swept moves it back here.
        if (!target.settled() && sweeping) {
            // Its sweep is under way: this batch is repeated from this bet once it is done.
            return Optional.of(new Step(bet, null, null, 0, 0, false, null, null));
        }
        boolean stakeMoves = !target.settled() && bet.stakeInGgr();
        if (!stakeMoves && delta == 0) {
            if (status.equals(bet.status())) {
                return Optional.empty();
            }
            return Optional.of(new Step(bet, target, status, bet.paidMinor(), bet.receivableMinor(), bet.stakeInGgr(),
                    null, CompletableFuture.completedFuture(null)));
        }
        long stakesHeld = house(bet, AccountKind.STAKES_HELD);
        long ggr = house(bet, AccountKind.SPORTSBOOK_GGR);
        String reference = bet.id().toString();
        List<TransferLeg> moves = new ArrayList<>();
        if (stakeMoves) {
            moves.add(new TransferLeg(ggr, stakesHeld, bet.stakeMinor(), bet.currency(), "bet_unsettled", reference,
                    null));
        }
        long receivable = bet.receivableMinor();
        if (delta > 0) {
            long repaid = Math.min(delta, receivable);
            if (repaid > 0) {
                moves.add(new TransferLeg(ggr, house(bet, AccountKind.PLAYER_RECEIVABLES), repaid, bet.currency(),
                        "receivable_repaid", reference, null));
                receivable -= repaid;
            }
            if (delta - repaid > 0) {
                moves.add(new TransferLeg(ggr, bet.cashAccountId(), delta - repaid, bet.currency(),
                        target.voided() ? "refund" : "win", reference, null));
            }
        } else if (delta < 0) {
            long clawback = -delta;
            long available = wallet.account(bet.cashAccountId()).map(Account::availableMinor).orElse(0L);
            long taken = Math.min(clawback, Math.max(0, available));
            if (taken > 0) {
                moves.add(new TransferLeg(bet.cashAccountId(), ggr, taken, bet.currency(), "win_reversed", reference,
                        null));
            }
            if (clawback > taken) {
                moves.add(new TransferLeg(house(bet, AccountKind.PLAYER_RECEIVABLES), ggr, clawback - taken,
                        bet.currency(), "win_reversed_receivable", reference, null));
                receivable += clawback - taken;
            }
        }
        String key = "bet:" + bet.id() + ":s" + (bet.settleVersion() + 1);
        return Optional.of(new Step(bet, target, status, target.payoutMinor(), receivable,
                bet.stakeInGgr() && !stakeMoves, key,
                wallet.transfer(new TransferRequest(key, moves)).toCompletableFuture()));
    }

    /** The bet after a step whose money moved; empty when the wallet refused it (the bet is tried again). */
    private Optional<BetBook.StoredBet> applied(Step step, Instant now) {
        BetBook.StoredBet bet = step.bet;
        if (step.status == null) {
            return Optional.empty();
        }
        long receivable = step.receivable;
        if (step.key != null) {
            TransferResult result = step.result.join();
            if (result instanceof TransferResult.Rejected rejected) {
                if (rejected.reason() != Rejection.IDEMPOTENCY_KEY_REUSED) {
                    LOG.warnf("Settling bet %s: the wallet refused %s (%s); retried", bet.id(), rejected.reason(),
                            rejected.detail());
                    return Optional.empty();
                }
                // The step was applied before a crash, when the player's cash was another amount: what it moved
                // into the receivables account is what the bet owes.
                receivable = bet.receivableMinor();
                for (Transfer transfer : wallet.transfersOfRequest(step.key)) {
                    if (transfer.type().equals("win_reversed_receivable")) {
                        receivable += transfer.amountMinor();
                    } else if (transfer.type().equals("receivable_repaid")) {
                        receivable -= transfer.amountMinor();
                    }
                }
            }
        }
        boolean isOpen = BetStatus.OPEN.equals(step.status);
        return Optional.of(bet.settledAs(step.status, step.stakeInGgr, step.paid, receivable,
                step.key == null ? bet.settleVersion() : bet.settleVersion() + 1, isOpen ? null : now, now));
    }

    /**
     * Releases the exposure of the batch's bets that closed (or takes it again for those that reopened), summed per
     * row. The last statement of the batch's transaction: the market's and event's rows are the same for every batch
     * and every placement on the market, and are locked from here until the commit.
     */
    private void releaseExposure(List<BetBook.StoredBet> before, List<BetBook.StoredBet> after) {
        Map<String, Map<String, BetBook.ExposureClaim>> released = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            BetBook.StoredBet was = before.get(i);
            boolean wasOpen = BetStatus.OPEN.equals(was.status());
            boolean isOpen = BetStatus.OPEN.equals(after.get(i).status());
            if (wasOpen == isOpen) {
                continue;
            }
            long liability = isOpen ? -was.liabilityMinor() : was.liabilityMinor();
            Map<String, BetBook.ExposureClaim> rows = released.computeIfAbsent(was.currency(), c -> new HashMap<>());
            for (BetBook.ExposureClaim claim : BetPlacement.claims(limits.limits(was.brand()), was.legs(), liability,
                    0)) {
                rows.merge(claim.scope() + "|" + claim.key(), claim, (a, b) -> new BetBook.ExposureClaim(a.scope(),
                        a.key(), a.liabilityMinor() + b.liabilityMinor(), 0, 0));
            }
        }
        released.forEach((currency, rows) -> book.release(currency, new ArrayList<>(rows.values()), false));
    }

    /** A leg's result: void when cancelled, the catalog's result once its market is settled, else unresolved. */
    static Optional<LegResult> result(BetBook.StoredLeg leg, BetBook.LegState state) {
        if (state == null) {
            return Optional.empty();
        }
        if (state.cancelled()) {
            return Optional.of(new LegResult(leg.odds(), false, BigDecimal.ONE, BigDecimal.ONE));
        }
        if (!state.settled() || state.result() == null) {
            return Optional.empty();
        }
        BigDecimal voidFactor = state.voidFactor() == null ? BigDecimal.ZERO : state.voidFactor();
        BigDecimal deadHeat = state.deadHeatFactor() == null || state.deadHeatFactor().signum() == 0 ? BigDecimal.ONE
                : state.deadHeatFactor();
        return Optional.of(new LegResult(leg.odds(), "won".equals(state.result()), voidFactor, deadHeat));
    }

    private long house(BetBook.StoredBet bet, AccountKind kind) {
        return houseAccounts.id(bet.brand(), kind, bet.currency());
    }
}
