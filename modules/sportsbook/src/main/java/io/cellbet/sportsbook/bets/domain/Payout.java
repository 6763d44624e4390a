package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a settled bet pays: for each line, its stake times the product of its selections' returns
 * per unit (a void leg counts as odds 1, so an accumulator with a void leg pays as the smaller
 * accumulator). Each line is rounded down to a whole minor unit: the house never pays a fraction
 * of a cent it does not have.
 */
public final class Payout {

    private Payout() {
    }

    /** The payout in minor units of a bet of {@code shape} with {@code stakePerLineMinor} on each line. */
    public static long minor(BetShape shape, long stakePerLineMinor, List<LegResult> legs) {
        if (legs.size() != shape.selections()) {
            throw new IllegalArgumentException(shape.name() + " takes " + shape.selections() + " selections, not "
                    + legs.size());
        }
        if (stakePerLineMinor <= 0) {
            throw new IllegalArgumentException("a stake is positive");
        }
        BigDecimal stake = BigDecimal.valueOf(stakePerLineMinor);
        long total = 0;
        for (int[] line : shape.lines()) {
            BigDecimal multiplier = BigDecimal.ONE;
            for (int leg : line) {
                multiplier = multiplier.multiply(legs.get(leg).returnPerUnit());
            }
            total = Math.addExact(total, stake.multiply(multiplier).setScale(0, RoundingMode.DOWN).longValueExact());
        }
        return total;
    }
}
