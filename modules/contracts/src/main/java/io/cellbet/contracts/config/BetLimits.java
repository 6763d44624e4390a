package io.cellbet.contracts.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A brand's sportsbook limits (config kind {@code bet-limits}, key: the brand's code): defaults for every sport and
 * overrides per sport id. A limit left out falls back to the brand's default, then to {@link #BUILT_IN}. Amounts are
 * in minor units of the bet's currency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BetLimits(Limits defaults, Map<Integer, Limits> sports) {

    /** Football and tennis, as the provider numbers them. */
    public static final int FOOTBALL = 1;
    public static final int TENNIS = 5;

    /** What a brand without limits of its own gets. */
    public static final BetLimits BUILT_IN = new BetLimits(new Limits(10L, 500_000L, 25_000_000L, 4, 5_000_000L,
            10_000_000L, 25_000_000L, new BigDecimal("0.05")), Map.of(FOOTBALL, new Limits(null, null, null, 5, null,
                    null, null, null), TENNIS, new Limits(null, null, null, 3, null, null, null, null)));

    public BetLimits {
        sports = sports == null ? Map.of() : Map.copyOf(sports);
    }

    /**
     * Limits for bets on one sport.
     *
     * @param minStakeMinor             least stake per line
     * @param maxStakeMinor             most stake of a whole bet (times the player's stake factor)
     * @param maxPayoutMinor            most a bet may pay
     * @param liveDelaySeconds          how long a bet with a live leg waits before it is re-checked and accepted
     * @param outcomeLiabilityCapMinor  most open liability of the cell on one outcome
     * @param marketLiabilityCapMinor   ... on one market
     * @param eventLiabilityCapMinor    ... on one event
     * @param cashOutMargin             share of a cash-out's fair value the house keeps (0.05 = 5%)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limits(Long minStakeMinor, Long maxStakeMinor, Long maxPayoutMinor, Integer liveDelaySeconds,
            Long outcomeLiabilityCapMinor, Long marketLiabilityCapMinor, Long eventLiabilityCapMinor,
            BigDecimal cashOutMargin) {

        /** These limits, each one left out taken from {@code base}. */
        public Limits over(Limits base) {
            if (base == null) {
                return this;
            }
            return new Limits(pick(minStakeMinor, base.minStakeMinor), pick(maxStakeMinor, base.maxStakeMinor),
                    pick(maxPayoutMinor, base.maxPayoutMinor), pick(liveDelaySeconds, base.liveDelaySeconds),
                    pick(outcomeLiabilityCapMinor, base.outcomeLiabilityCapMinor),
                    pick(marketLiabilityCapMinor, base.marketLiabilityCapMinor),
                    pick(eventLiabilityCapMinor, base.eventLiabilityCapMinor), pick(cashOutMargin, base.cashOutMargin));
        }

        private static <T> T pick(T own, T base) {
            return own != null ? own : base;
        }
    }

    /** Every limit for a bet on the sport: the sport's override, then the brand's default, then the built-in ones. */
    public Limits forSport(int sportId) {
        Limits builtIn = BUILT_IN.sports.getOrDefault(sportId, BUILT_IN.defaults).over(BUILT_IN.defaults);
        Limits brand = defaults == null ? builtIn : defaults.over(builtIn);
        Limits sport = sports.get(sportId);
        return sport == null ? brand : sport.over(brand);
    }
}
