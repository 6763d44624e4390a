package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a bet should stand given what is known of its legs: still open, or settled with a payout. A bet settles
 * when every leg is resolved, or earlier when it can no longer pay anything (every line holds a lost leg: an
 * accumulator with one lost leg is lost whatever the others do). A bet whose every leg is void is {@code voided}:
 * its stake comes back.
 */
public record SettlementTarget(boolean settled, long payoutMinor, boolean voided) {

    public static final SettlementTarget OPEN = new SettlementTarget(false, 0, false);

    /**
     * @param legs  each leg's result, empty while unresolved
     */
    public static SettlementTarget of(BetShape shape, long stakePerLineMinor, List<BigDecimal> odds,
            List<Optional<LegResult>> legs) {
        boolean resolved = legs.stream().allMatch(Optional::isPresent);
        if (resolved) {
            List<LegResult> results = legs.stream().map(Optional::get).toList();
            boolean allVoid = results.stream().allMatch(leg -> leg.voidFactor().compareTo(BigDecimal.ONE) == 0);
            return new SettlementTarget(true, Payout.minor(shape, stakePerLineMinor, results), allVoid);
        }
        // The most it could still pay: every unresolved leg winning at its odds.
        List<LegResult> best = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            best.add(legs.get(i).orElse(new LegResult(odds.get(i), true, BigDecimal.ZERO, BigDecimal.ONE)));
        }
        return Payout.minor(shape, stakePerLineMinor, best) == 0 ? new SettlementTarget(true, 0, false) : OPEN;
    }
}
