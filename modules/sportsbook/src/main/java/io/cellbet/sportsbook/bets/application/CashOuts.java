package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.config.BetLimits;
import io.cellbet.platform.id.TimeOrderedIds;
import io.cellbet.sportsbook.api.BrandBetLimits;
import io.cellbet.sportsbook.bets.domain.BetSlip;
import io.cellbet.sportsbook.bets.domain.CashOutValue;
import io.cellbet.sportsbook.bets.domain.LegResult;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.catalog.Catalog;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cash-out: the house buys a bet back, whole or in part, at its value from the current odds
 * ({@link CashOutValue}, less the sport's cash-out margin). Offered only while the bet is open and every running leg's
 * market is active with cash-out {@code available}. Accepting names the value the player saw: the cash-out goes ahead
 * only if the value computed at that moment, under the bet's row lock, is the same.
 *
 * <p>A partial cash-out pays {@code amountMinor} of the value and takes the matching share of the stake off every
 * line (rounded up, in the house's favour); the bet runs on with the rest. Money: the stake taken off moves from
 * {@code stakes_held} to {@code sportsbook_ggr}, the amount from {@code sportsbook_ggr} to the player's cash, in one
 * wallet request keyed by the settle version the cash-out takes. The cash-out is written pending before the wallet is
 * called and finished after, so {@link BetRecovery} completes one a crash interrupted.
 */
@ApplicationScoped
public class CashOuts {

    /** Why a bet cannot be cashed out now. */
    public enum Refusal {
        /** The bet is not open (pending, settled, voided, cashed out) or a cash-out of it is in progress. */
        BET_NOT_OPEN,
        /** A running leg's market is suspended, its outcome inactive, or the provider does not allow cash-out. */
        CASHOUT_UNAVAILABLE,
        /** The value changed since the offer: the new offer is given. */
        CASHOUT_VALUE_CHANGED,
        /** The amount asked for is not between 1 and the value, or would leave less than a minor unit per line. */
        INVALID_AMOUNT
    }

    /** The offer for a bet: its whole value now, or why there is none. */
    public record Offer(UUID betId, boolean available, long valueMinor, Refusal refusal, String detail) {
    }

    /** How a cash-out request ended. */
    public sealed interface Outcome {
        record Done(BetBook.StoredBet bet, long paidMinor) implements Outcome {
        }

        record Refused(Refusal refusal, String detail, Offer offer) implements Outcome {
        }
    }

    private final BetBook book;
    private final BrandQuotes brandQuotes;
    private final WalletApi wallet;
    private final HouseAccounts houseAccounts;
    private final BrandBetLimits limits;
    private final BetTransitions transitions;
    private final Clock clock;

    public CashOuts(BetBook book, HouseAccounts houseAccounts, BrandQuotes brandQuotes, WalletApi wallet,
            BrandBetLimits limits, BetTransitions transitions, Clock clock) {
        this.book = book;
        this.brandQuotes = brandQuotes;
        this.wallet = wallet;
        this.houseAccounts = houseAccounts;
        this.limits = limits;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The current offer for the bet. */
    public Offer offer(BetBook.StoredBet bet) {
        if (!BetStatus.OPEN.equals(bet.status()) || bet.cashOutPending()) {
            return new Offer(bet.id(), false, 0, Refusal.BET_NOT_OPEN, "Bet " + bet.id() + " is " + bet.status() + ".");
        }
        Map<UUID, List<BetBook.LegState>> states = book.legStates(List.of(bet.id()));
        Map<String, Catalog.Quote> quotes = brandQuotes.ofLegs(bet.brand(), bet.legs());
        List<Optional<LegResult>> results = new ArrayList<>();
        List<BigDecimal> taken = new ArrayList<>();
        List<BigDecimal> current = new ArrayList<>();
        BigDecimal margin = BigDecimal.ZERO;
        BetLimits brandLimits = limits.limits(bet.brand());
        for (BetBook.StoredLeg leg : bet.legs()) {
            BetBook.LegState state = states.getOrDefault(bet.id(), List.of()).stream()
                    .filter(s -> s.leg() == leg.leg()).findFirst().orElse(null);
            Optional<LegResult> result = BetSettlement.result(leg, state);
            results.add(result);
            taken.add(leg.odds());
            margin = margin.max(brandLimits.forSport(leg.sportId()).cashOutMargin());
            if (result.isPresent()) {
                current.add(leg.odds());
                continue;
            }
            Catalog.Quote quote = quotes.get(leg.outcomeKey());
            if (quote == null || !"active".equals(quote.marketStatus()) || !Boolean.TRUE.equals(quote.active())
                    || quote.odds() == null || !"available".equals(quote.cashout())) {
                return new Offer(bet.id(), false, 0, Refusal.CASHOUT_UNAVAILABLE, "Leg " + leg.outcomeKey()
                        + " cannot be cashed out now.");
            }
            current.add(quote.odds());
        }
        long value = CashOutValue.minor(BetTransitions.shape(bet), bet.stakePerLineMinor(), results, taken, current,
                margin);
        if (value <= 0) {
            return new Offer(bet.id(), false, 0, Refusal.CASHOUT_UNAVAILABLE, "The bet has no value to cash out.");
        }
        return new Offer(bet.id(), true, value, null, null);
    }

    /**
     * Cashes out {@code amountMinor} (the whole value when null) of the bet, if its value now is {@code seenValueMinor}.
     */
    public Outcome cashOut(UUID betId, long seenValueMinor, Long amountMinor) {
        Instant now = clock.instant();
        Object begun = QuarkusTransaction.requiringNew().call(() -> {
            BetBook.StoredBet bet = book.lock(betId).orElseThrow();
            Offer offer = offer(bet);
            if (!offer.available()) {
                return new Outcome.Refused(offer.refusal(), offer.detail(), offer);
            }
            if (offer.valueMinor() != seenValueMinor) {
                return new Outcome.Refused(Refusal.CASHOUT_VALUE_CHANGED, "The value is now " + offer.valueMinor()
                        + ", not " + seenValueMinor + ".", offer);
            }
            long amount = amountMinor == null ? offer.valueMinor() : amountMinor;
            boolean full = amount == offer.valueMinor();
            long removedPerLine = full ? bet.stakePerLineMinor() : BigDecimal.valueOf(bet.stakePerLineMinor())
                    .multiply(BigDecimal.valueOf(amount)).divide(BigDecimal.valueOf(offer.valueMinor()), 0,
                            RoundingMode.UP).longValueExact();
            if (amount <= 0 || amount > offer.valueMinor() || (!full && removedPerLine >= bet.stakePerLineMinor())) {
                return new Outcome.Refused(Refusal.INVALID_AMOUNT, "Cash out from 1 to " + offer.valueMinor()
                        + " minor units, leaving at least one minor unit staked per line.", offer);
            }
            BetBook.CashOut cashOut = new BetBook.CashOut(TimeOrderedIds.next(), betId, bet.settleVersion() + 1, amount,
                    removedPerLine, full, "pending");
            book.beginCashOut(cashOut, now);
            return cashOut;
        });
        if (begun instanceof Outcome.Refused refused) {
            return refused;
        }
        BetBook.CashOut cashOut = (BetBook.CashOut) begun;
        return new Outcome.Done(finish(cashOut.id()), cashOut.amountMinor());
    }

    /** Moves the money of a pending cash-out (again, if a crash came between) and reduces or closes the bet. */
    public BetBook.StoredBet finish(UUID cashOutId) {
        BetBook.CashOut cashOut = book.cashOut(cashOutId).orElseThrow();
        BetBook.StoredBet bet = book.find(cashOut.betId()).orElseThrow();
        if (!"pending".equals(cashOut.status())) {
            return bet;
        }
        long stakesHeld = houseAccounts.id(bet.brand(), AccountKind.STAKES_HELD, bet.currency());
        long ggr = houseAccounts.id(bet.brand(), AccountKind.SPORTSBOOK_GGR, bet.currency());
        long removedStake = Math.multiplyExact(cashOut.stakeRemovedPerLine(), bet.lineCount());
        String reference = bet.id().toString();
        TransferResult result = transitions.await(wallet.transfer(new TransferRequest("bet:" + bet.id() + ":s"
                + cashOut.version(), List.of(new TransferLeg(stakesHeld, ggr, removedStake, bet.currency(),
                        "bet_cashed_out", reference, null), new TransferLeg(ggr, bet.cashAccountId(),
                                cashOut.amountMinor(), bet.currency(), "cashout", reference, null)))));
        if (result instanceof TransferResult.Rejected rejected) {
            throw new IllegalStateException("the wallet refused cash-out " + cashOutId + ": " + rejected.reason()
                    + " " + rejected.detail());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            BetBook.StoredBet locked = book.lock(cashOut.betId()).orElseThrow();
            if (!"pending".equals(book.cashOut(cashOutId).orElseThrow().status())) {
                return locked;
            }
            long perLine = locked.stakePerLineMinor() - cashOut.stakeRemovedPerLine();
            long stake = Math.multiplyExact(perLine, locked.lineCount());
            long maxPayout = cashOut.fullClose() ? 0 : BetSlip.maxPayoutMinor(BetTransitions.shape(locked), perLine,
                    locked.legs().stream().map(BetBook.StoredLeg::odds).toList());
            long liability = cashOut.fullClose() ? 0 : Math.max(0, maxPayout - stake);
            List<BetBook.ExposureClaim> released = BetPlacement.claims(limits.limits(locked.brand()), locked.legs(),
                    locked.liabilityMinor() - liability, 0);
            book.release(locked.currency(), released, false);
            book.finishCashOut(cashOut, cashOut.fullClose() ? locked.stakePerLineMinor() : perLine,
                    cashOut.fullClose() ? locked.stakeMinor() : stake, cashOut.fullClose() ? locked.maxPayoutMinor()
                            : maxPayout, liability, cashOut.fullClose() ? BetStatus.CASHED_OUT : BetStatus.OPEN,
                    clock.instant());
            BetBook.StoredBet done = book.find(cashOut.betId()).orElseThrow();
            transitions.announce(done);
            return done;
        });
    }
}
