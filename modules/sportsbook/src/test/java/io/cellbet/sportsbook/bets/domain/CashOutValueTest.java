package io.cellbet.sportsbook.bets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CashOutValueTest {

    private static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");

    @Test
    void aSingleIsWorthItsStakeTimesTakenOverCurrentOddsLessTheMargin() {
        // 10.00 x 3.00 / 2.00 = 15.00, x 0.95 = 14.25
        assertEquals(1_425, CashOutValue.minor(BetShape.single(), 1_000, List.of(Optional.empty()),
                List.of(new BigDecimal("3.00")), List.of(new BigDecimal("2.00")), FIVE_PERCENT));
    }

    @Test
    void aResolvedLegCountsAtItsReturnAndTheValueIsRoundedDown() {
        // 10.00 x 2.00 (won) x 1.50 / 1.70 = 17.647..., x 0.95 = 16.76
        assertEquals(1_676, CashOutValue.minor(BetShape.accumulator(2), 1_000,
                List.of(Optional.of(LegResult.won("2.00")), Optional.empty()),
                List.of(new BigDecimal("2.00"), new BigDecimal("1.50")),
                List.of(new BigDecimal("2.00"), new BigDecimal("1.70")), FIVE_PERCENT));
    }

    @Test
    void aSystemBetSumsItsLines() {
        // 2/3 system, 1.00 a line, every leg still at the odds taken: 3 lines worth 1.00 each = 3.00, no margin
        assertEquals(300, CashOutValue.minor(BetShape.system("2/3").orElseThrow(), 100,
                List.of(Optional.empty(), Optional.empty(), Optional.empty()),
                List.of(new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("4")),
                List.of(new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("4")), BigDecimal.ZERO));
    }
}
