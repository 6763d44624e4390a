package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;

/**
 * How one selection of a bet settled, as the feed says it: won or lost, with the share of the
 * stake voided ({@code void_factor}: 0.5 refunds half and settles half) and, for a win shared in
 * a dead heat, the share paid at full odds ({@code dead_heat_factor}).
 *
 * @param odds            the decimal odds the bet took (at least 1.01)
 * @param won             whether the selection won
 * @param voidFactor      0 (settled in full) to 1 (void: the stake back)
 * @param deadHeatFactor  1 normally; 0.5 when two share the place
 */
public record LegResult(BigDecimal odds, boolean won, BigDecimal voidFactor, BigDecimal deadHeatFactor) {

    public LegResult {
        if (odds.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("odds below 1: " + odds);
        }
        if (voidFactor.signum() < 0 || voidFactor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("void factor outside 0..1: " + voidFactor);
        }
        if (deadHeatFactor.signum() <= 0 || deadHeatFactor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("dead heat factor outside (0, 1]: " + deadHeatFactor);
        }
    }

    public static LegResult won(String odds) {
        return new LegResult(new BigDecimal(odds), true, BigDecimal.ZERO, BigDecimal.ONE);
    }

    public static LegResult lost(String odds) {
        return new LegResult(new BigDecimal(odds), false, BigDecimal.ZERO, BigDecimal.ONE);
    }

    public static LegResult voided(String odds) {
        return new LegResult(new BigDecimal(odds), false, BigDecimal.ONE, BigDecimal.ONE);
    }

    /**
     * What one unit staked on this selection returns: the voided share comes back at odds 1; the
     * rest returns the odds on the dead-heat share if the selection won, nothing if it lost.
     */
    public BigDecimal returnPerUnit() {
        BigDecimal settled = BigDecimal.ONE.subtract(voidFactor);
        BigDecimal onSettled = won ? odds.multiply(deadHeatFactor) : BigDecimal.ZERO;
        return voidFactor.add(settled.multiply(onSettled));
    }
}
