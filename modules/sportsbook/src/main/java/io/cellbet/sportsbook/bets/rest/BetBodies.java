package io.cellbet.sportsbook.bets.rest;

import io.cellbet.sportsbook.bets.application.BetViews;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the bets API. */
public final class BetBodies {

    private BetBodies() {
    }

    /**
     * A bet slip.
     *
     * @param type        single, accumulator or system
     * @param system      for a system bet: trixie, patent, yankee, lucky 15, canadian, lucky 31, heinz, lucky 63,
     *                    super heinz, goliath, or k/n such as 2/3
     * @param stakeMinor  stake per line in minor units (a system bet's whole stake is this times its lines)
     * @param oddsPolicy  none (default), higher or any
     */
    public record Place(String idempotencyKey, String type, String system, Long stakeMinor, String oddsPolicy,
            List<Selection> selections) {
    }

    public record Selection(String eventId, Integer marketTypeId, String specifiers, String outcomeId,
            BigDecimal odds) {
    }

    /** A page of bets, newest first; {@code nextBefore} continues it. */
    public record BetPage(List<BetViews.BetView> bets, UUID nextBefore) {
    }

    /**
     * Accepting a cash-out offer.
     *
     * @param valueMinor   the bet's whole cash-out value as offered: refused if it is no longer the value
     * @param amountMinor  how much of it to take (partial cash-out); the whole value when left out
     */
    public record CashOut(Long valueMinor, Long amountMinor) {
    }

    /** A cash-out done: what it paid and the bet as it now stands. */
    public record CashedOut(long paidMinor, BetViews.BetView bet) {
    }
}
