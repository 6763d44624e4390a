package io.cellbet.sportsbook.bets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {

    private static PlacementRules.RawSelection on(String event) {
        return new PlacementRules.RawSelection(event, 1, null, "1", new BigDecimal("2.00"));
    }

    private static List<String> fields(PlacementRules.Checked checked) {
        return checked.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidSystemSlipBecomesItsShapeWithEveryLineStaked() {
        PlacementRules.Checked checked = PlacementRules.check("k1", "system", "Lucky 15", 50L, "higher",
                List.of(on("a"), on("b"), on("c"), on("d")));
        BetSlip slip = checked.slip().orElseThrow();
        assertEquals(15, slip.shape().lineCount());
        assertEquals(750, slip.stakeMinor());
        assertEquals(OddsPolicy.HIGHER, slip.oddsPolicy());
        assertEquals("", slip.selections().get(0).specifiers());
    }

    @Test
    void twoSelectionsOnOneEventAreRefused() {
        assertEquals(List.of("selections[1].eventId"), fields(PlacementRules.check("k", "accumulator", null, 100L,
                null, List.of(on("a"), on("a")))));
    }

    @Test
    void anAccumulatorTakesTwoToTwentySelections() {
        List<PlacementRules.RawSelection> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(on("e" + i));
        }
        assertEquals(List.of("selections"), fields(PlacementRules.check("k", "accumulator", null, 100L, null, many)));
        assertEquals(List.of("selections"), fields(PlacementRules.check("k", "accumulator", null, 100L, null,
                List.of(on("a")))));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        List<String> fields = fields(PlacementRules.check("", "parlay", null, 0L, "maybe",
                List.of(new PlacementRules.RawSelection(" ", 0, null, null, new BigDecimal("1.00")))));
        assertTrue(fields.containsAll(List.of("idempotencyKey", "stakeMinor", "oddsPolicy", "type",
                "selections[0].eventId", "selections[0].marketTypeId", "selections[0].outcomeId",
                "selections[0].odds")), fields.toString());
    }

    @Test
    void aSystemMustNameAKnownOneWithItsSelections() {
        assertEquals(List.of("system"), fields(PlacementRules.check("k", "system", "lucky 99", 100L, null,
                List.of(on("a"), on("b")))));
        assertEquals(List.of("selections"), fields(PlacementRules.check("k", "system", "yankee", 100L, null,
                List.of(on("a"), on("b"), on("c")))));
    }
}
