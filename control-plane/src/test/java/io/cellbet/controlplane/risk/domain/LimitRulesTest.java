package io.cellbet.controlplane.risk.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellbet.contracts.config.BetLimits.Limits;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a brand's bet limits, without the app. */
class LimitRulesTest {

    @Test
    void acceptsNoLimitsOfTheBrandsOwn() {
        assertEquals(List.of(), LimitRules.check(new LimitsDraft(null, null, null)));
        assertEquals(List.of(), LimitRules.check(new LimitsDraft(null, Map.of(), 3L)));
    }

    @Test
    void comparesStakesAsACellWillApplyThem() {
        // A sport's least stake above the most stake it inherits from the brand's defaults.
        assertEquals(List.of("sports.1.minStakeMinor"), fields(new LimitsDraft(stakes(null, 1_000L),
                Map.of("1", stakes(1_001L, null)), null)));
        // A sport's own most stake makes it fine again.
        assertEquals(List.of(), fields(new LimitsDraft(stakes(null, 1_000L),
                Map.of("1", stakes(1_001L, 2_000L)), null)));
        // The brand's most stake below the built-in least stake (10).
        assertEquals(List.of("defaults.minStakeMinor"), fields(new LimitsDraft(stakes(null, 9L), null, null)));
        // Equal is allowed.
        assertEquals(List.of(), fields(new LimitsDraft(stakes(10L, 10L), null, null)));
    }

    @Test
    void reportsABrokenAmountOnceRatherThanAlsoAsAnOrderOfStakes() {
        assertEquals(List.of("defaults.maxStakeMinor"), fields(new LimitsDraft(stakes(100L, -1L), null, null)));
    }

    @Test
    void reportsEveryBrokenRuleInDocumentOrder() {
        Map<String, Limits> sports = new LinkedHashMap<>();
        sports.put("7", new Limits(null, null, null, 61, null, null, null, new BigDecimal("0.6")));
        sports.put("100001", new Limits(null, null, null, null, null, null, null, null));
        List<LimitViolation> violations = LimitRules.check(new LimitsDraft(
                new Limits(null, null, 0L, null, null, null, null, null), sports, null));
        assertEquals(List.of("invalid-amount", "invalid-live-delay", "invalid-cash-out-margin", "invalid-sport-id"),
                violations.stream().map(LimitViolation::code).toList());
        assertEquals(List.of("defaults.maxPayoutMinor", "sports.7.liveDelaySeconds", "sports.7.cashOutMargin",
                "sports.100001"), violations.stream().map(LimitViolation::field).toList());
    }

    @Test
    void requiresABody() {
        assertEquals(List.of("body-required"), LimitRules.check(null).stream().map(LimitViolation::code).toList());
    }

    private static Limits stakes(Long min, Long max) {
        return new Limits(min, max, null, null, null, null, null, null);
    }

    private static List<String> fields(LimitsDraft draft) {
        return LimitRules.check(draft).stream().map(LimitViolation::field).toList();
    }
}
