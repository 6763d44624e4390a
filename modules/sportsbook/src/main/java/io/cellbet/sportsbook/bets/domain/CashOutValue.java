package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * What the house pays to close a bet now. Each line is worth its stake times, per leg, the leg's return if it is
 * resolved, or the odds the bet took over the leg's current odds if it is still running (the chance the market now
 * gives it, at the bet's price); the sum is reduced by the margin and rounded down to a whole minor unit.
 */
public final class CashOutValue {

    private CashOutValue() {
    }

    /**
     * @param legs         each leg's result, empty while unresolved
     * @param takenOdds    the odds each leg took
     * @param currentOdds  each unresolved leg's odds now (ignored for resolved legs)
     * @param margin       the share the house keeps, 0 to 1
     */
    public static long minor(BetShape shape, long stakePerLineMinor, List<Optional<LegResult>> legs,
            List<BigDecimal> takenOdds, List<BigDecimal> currentOdds, BigDecimal margin) {
        MathContext precision = MathContext.DECIMAL64;
        BigDecimal total = BigDecimal.ZERO;
        for (int[] line : shape.lines()) {
            BigDecimal value = BigDecimal.valueOf(stakePerLineMinor);
            for (int leg : line) {
                Optional<LegResult> result = legs.get(leg);
                value = value.multiply(result.isPresent() ? result.get().returnPerUnit()
                        : takenOdds.get(leg).divide(currentOdds.get(leg), precision), precision);
            }
            total = total.add(value, precision);
        }
        return total.multiply(BigDecimal.ONE.subtract(margin), precision).setScale(0, RoundingMode.DOWN)
                .longValueExact();
    }
}
