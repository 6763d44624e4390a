package io.cellbet.sportsbook.bets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementTargetTest {

    private static final List<BigDecimal> ODDS = List.of(new BigDecimal("2.00"), new BigDecimal("1.50"),
            new BigDecimal("3.00"));

    @Test
    void aBetWithAnUnresolvedLegThatCouldStillPayStaysOpen() {
        SettlementTarget target = SettlementTarget.of(BetShape.accumulator(3), 1_000, ODDS,
                List.of(Optional.of(LegResult.won("2.00")), Optional.empty(), Optional.empty()));
        assertEquals(SettlementTarget.OPEN, target);
    }

    @Test
    void anAccumulatorWithALostLegIsSettledAtOnce() {
        SettlementTarget target = SettlementTarget.of(BetShape.accumulator(3), 1_000, ODDS,
                List.of(Optional.empty(), Optional.of(LegResult.lost("1.50")), Optional.empty()));
        assertEquals(new SettlementTarget(true, 0, false), target);
    }

    @Test
    void aSystemBetWithOneLostLegStillHasLinesThatCanWin() {
        BetShape trixie = BetShape.system("trixie").orElseThrow();
        SettlementTarget target = SettlementTarget.of(trixie, 100, ODDS,
                List.of(Optional.empty(), Optional.of(LegResult.lost("1.50")), Optional.empty()));
        assertEquals(SettlementTarget.OPEN, target);
    }

    @Test
    void everyLegVoidIsAVoidedBetThatReturnsTheStake() {
        SettlementTarget target = SettlementTarget.of(BetShape.accumulator(3), 1_000, ODDS,
                List.of(Optional.of(LegResult.voided("2.00")), Optional.of(LegResult.voided("1.50")),
                        Optional.of(LegResult.voided("3.00"))));
        assertEquals(new SettlementTarget(true, 1_000, true), target);
    }

    @Test
    void aResolvedBetPaysItsPayout() {
        // 10.00 x 2.00 x 1.50 x 1.00 (void) = 30.00
        SettlementTarget target = SettlementTarget.of(BetShape.accumulator(3), 1_000, ODDS,
                List.of(Optional.of(LegResult.won("2.00")), Optional.of(LegResult.won("1.50")),
                        Optional.of(LegResult.voided("3.00"))));
        assertEquals(new SettlementTarget(true, 3_000, false), target);
    }
}
