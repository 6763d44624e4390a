package io.cellbet.sportsbook.bets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutTest {

    @Test
    void aWinningSinglePaysStakeTimesOddsAndALosingOneNothing() {
        assertEquals(2_500, Payout.minor(BetShape.single(), 1_000, List.of(LegResult.won("2.50"))));
        assertEquals(0, Payout.minor(BetShape.single(), 1_000, List.of(LegResult.lost("2.50"))));
        assertEquals(1_000, Payout.minor(BetShape.single(), 1_000, List.of(LegResult.voided("2.50"))));
    }

    @Test
    void halfVoidRefundsHalfAndSettlesHalf() {
        LegResult halfVoidWon = new LegResult(new BigDecimal("3.00"), true, new BigDecimal("0.5"), BigDecimal.ONE);
        LegResult halfVoidLost = new LegResult(new BigDecimal("3.00"), false, new BigDecimal("0.5"), BigDecimal.ONE);
        assertEquals(2_000, Payout.minor(BetShape.single(), 1_000, List.of(halfVoidWon)));   // 500 back + 500 x 3
        assertEquals(500, Payout.minor(BetShape.single(), 1_000, List.of(halfVoidLost)));
    }

    @Test
    void aDeadHeatPaysTheSharedPartAtFullOdds() {
        LegResult deadHeat = new LegResult(new BigDecimal("5.00"), true, BigDecimal.ZERO, new BigDecimal("0.5"));
        assertEquals(2_500, Payout.minor(BetShape.single(), 1_000, List.of(deadHeat)));
    }

    @Test
    void anAccumulatorMultipliesItsLegsAndAVoidLegCountsAsOddsOne() {
        List<LegResult> legs = List.of(LegResult.won("2.00"), LegResult.voided("9.00"), LegResult.won("1.50"));
        assertEquals(3_000, Payout.minor(BetShape.accumulator(3), 1_000, legs));
        assertEquals(0, Payout.minor(BetShape.accumulator(3), 1_000,
                List.of(LegResult.won("2.00"), LegResult.lost("9.00"), LegResult.won("1.50"))));
    }

    @Test
    void aTrixiePaysEachWinningLine() {
        // Two of three win: only the double of those two pays (2.0 x 3.0), the other lines hold the loser.
        List<LegResult> legs = List.of(LegResult.won("2.00"), LegResult.won("3.00"), LegResult.lost("4.00"));
        assertEquals(600, Payout.minor(BetShape.system("trixie").orElseThrow(), 100, legs));
        // All three win: doubles 6 + 8 + 12 and the treble 24, at 1.00 a line.
        List<LegResult> all = List.of(LegResult.won("2.00"), LegResult.won("3.00"), LegResult.won("4.00"));
        assertEquals(5_000, Payout.minor(BetShape.system("trixie").orElseThrow(), 100, all));
    }

    @Test
    void eachLineIsRoundedDownToAMinorUnit() {
        // 333 x 1.333 = 443.889: the player gets 443, never a fraction the house does not hold.
        assertEquals(443, Payout.minor(BetShape.single(), 333, List.of(LegResult.won("1.333"))));
    }
}
