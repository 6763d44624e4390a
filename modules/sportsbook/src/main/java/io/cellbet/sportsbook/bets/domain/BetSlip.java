package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A bet as the player asks for it, checked for form: its shape, the selections in the order the shape indexes them,
 * the stake on each line and the odds policy.
 */
public record BetSlip(String placementKey, BetShape shape, long stakePerLineMinor, OddsPolicy oddsPolicy,
        List<Selection> selections) {

    public BetSlip {
        selections = List.copyOf(selections);
    }

    /** The whole stake: the stake per line times the lines. */
    public long stakeMinor() {
        return Math.multiplyExact(stakePerLineMinor, shape.lineCount());
    }

    /** What the bet pays if every selection wins at these odds (rounded down per line, as settlement pays). */
    public static long maxPayoutMinor(BetShape shape, long stakePerLineMinor, List<BigDecimal> odds) {
        BigDecimal stake = BigDecimal.valueOf(stakePerLineMinor);
        long total = 0;
        for (int[] line : shape.lines()) {
            BigDecimal multiplier = BigDecimal.ONE;
            for (int leg : line) {
                multiplier = multiplier.multiply(odds.get(leg));
            }
            total = Math.addExact(total, stake.multiply(multiplier).setScale(0, RoundingMode.DOWN).longValueExact());
        }
        return total;
    }
}
