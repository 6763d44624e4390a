package io.cellbet.controlplane.risk.domain;

import io.cellbet.contracts.config.BetLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a brand's bet limits satisfy: amounts positive (and below a bound), live delays from 0 to 60
 * seconds, cash-out margins from 0 to 0.5, sport ids in range, at most {@link #SPORTS_MAX} sports, and a
 * least stake no greater than the most stake once every left-out limit is taken from the brand's defaults
 * and the built-in ones, as a cell will. Every broken rule is reported, each with its own problem code.
 */
public final class LimitRules {

    public static final int SPORT_ID_MIN = 1;
    public static final int SPORT_ID_MAX = 100_000;
    public static final int SPORTS_MAX = 1_000;
    /** Most any amount may be, in minor units: far above any real limit, far below overflowing a sum of them. */
    public static final long AMOUNT_MAX = 1_000_000_000_000_000L;
    public static final int LIVE_DELAY_SECONDS_MAX = 60;
    public static final BigDecimal CASH_OUT_MARGIN_MAX = new BigDecimal("0.5");
    public static final int CASH_OUT_MARGIN_DECIMALS_MAX = 4;

    public static final String BODY_REQUIRED = "body-required";
    public static final String INVALID_SPORT_ID = "invalid-sport-id";
    public static final String TOO_MANY_SPORTS = "too-many-sports";
    public static final String MISSING_LIMITS = "missing-limits";
    public static final String INVALID_AMOUNT = "invalid-amount";
    public static final String INVALID_LIVE_DELAY = "invalid-live-delay";
    public static final String INVALID_CASH_OUT_MARGIN = "invalid-cash-out-margin";
    public static final String MIN_STAKE_ABOVE_MAX_STAKE = "min-stake-above-max-stake";

    private LimitRules() {
    }

    /** Every rule the limits break; empty when they may be stored. */
    public static List<LimitViolation> check(LimitsDraft draft) {
        List<LimitViolation> violations = new ArrayList<>();
        if (draft == null) {
            violations.add(new LimitViolation(BODY_REQUIRED, "", "a bet limits object is required"));
            return violations;
        }
        Set<String> broken = new HashSet<>();
        limits(violations, broken, "defaults", draft.defaults());
        Map<String, BetLimits.Limits> sports = draft.sports() == null ? Map.of() : draft.sports();
        if (sports.size() > SPORTS_MAX) {
            violations.add(new LimitViolation(TOO_MANY_SPORTS, "sports",
                    "must hold at most " + SPORTS_MAX + " sports"));
            return violations;
        }
        sports.forEach((sport, limits) -> {
            String field = "sports." + sport;
            if (parseSportId(sport) == null) {
                violations.add(new LimitViolation(INVALID_SPORT_ID, field,
                        "the key '" + sport + "' is not a sport id from " + SPORT_ID_MIN + " to " + SPORT_ID_MAX));
                broken.add(field);
            }
            if (limits == null) {
                violations.add(new LimitViolation(MISSING_LIMITS, field, "must be an object of limits"));
                broken.add(field);
            } else {
                limits(violations, broken, field, limits);
            }
        });
        stakeOrder(violations, broken, draft.defaults(), sports);
        return violations;
    }

    private static void limits(List<LimitViolation> violations, Set<String> broken, String prefix,
            BetLimits.Limits limits) {
        if (limits == null) {
            return;
        }
        amount(violations, broken, prefix + ".minStakeMinor", limits.minStakeMinor());
        amount(violations, broken, prefix + ".maxStakeMinor", limits.maxStakeMinor());
        amount(violations, broken, prefix + ".maxPayoutMinor", limits.maxPayoutMinor());
        amount(violations, broken, prefix + ".outcomeLiabilityCapMinor", limits.outcomeLiabilityCapMinor());
        amount(violations, broken, prefix + ".marketLiabilityCapMinor", limits.marketLiabilityCapMinor());
        amount(violations, broken, prefix + ".eventLiabilityCapMinor", limits.eventLiabilityCapMinor());
        Integer delay = limits.liveDelaySeconds();
        if (delay != null && (delay < 0 || delay > LIVE_DELAY_SECONDS_MAX)) {
            violations.add(new LimitViolation(INVALID_LIVE_DELAY, prefix + ".liveDelaySeconds",
                    "must be a whole number of seconds from 0 to " + LIVE_DELAY_SECONDS_MAX));
        }
        BigDecimal margin = limits.cashOutMargin();
        if (margin != null && (margin.signum() < 0 || margin.compareTo(CASH_OUT_MARGIN_MAX) > 0
                || margin.stripTrailingZeros().scale() > CASH_OUT_MARGIN_DECIMALS_MAX)) {
            violations.add(new LimitViolation(INVALID_CASH_OUT_MARGIN, prefix + ".cashOutMargin",
                    "must be a share from 0 to " + CASH_OUT_MARGIN_MAX + " (0.05 = 5%) with at most "
                            + CASH_OUT_MARGIN_DECIMALS_MAX + " decimals"));
        }
    }

    private static void amount(List<LimitViolation> violations, Set<String> broken, String field, Long amount) {
        if (amount != null && (amount <= 0 || amount > AMOUNT_MAX)) {
            violations.add(new LimitViolation(INVALID_AMOUNT, field,
                    "must be a positive amount in minor units, at most " + AMOUNT_MAX));
            broken.add(field);
        }
    }

    /**
     * The least stake must not exceed the most stake where a cell applies them: the defaults, then each
     * sport, every limit left out taken as the cell takes it. Reported where the document sets one of the
     * two, and only where both are otherwise valid (a broken amount is reported once, by itself).
     */
    private static void stakeOrder(List<LimitViolation> violations, Set<String> broken, BetLimits.Limits defaults,
            Map<String, BetLimits.Limits> sports) {
        if (setsStakes(defaults) && stakesValid(broken, "defaults")) {
            BetLimits.Limits effective = defaults.over(BetLimits.BUILT_IN.defaults());
            order(violations, "defaults", effective);
        }
        boolean defaultsValid = stakesValid(broken, "defaults");
        sports.forEach((sport, limits) -> {
            String prefix = "sports." + sport;
            if (!setsStakes(limits) || broken.contains(prefix) || !stakesValid(broken, prefix) || !defaultsValid) {
                return;
            }
            int sportId = parseSportId(sport);
            BetLimits.Limits effective = new BetLimits(defaults, Map.of(sportId, limits)).forSport(sportId);
            order(violations, prefix, effective);
        });
    }

    private static void order(List<LimitViolation> violations, String prefix, BetLimits.Limits effective) {
        if (effective.minStakeMinor() > effective.maxStakeMinor()) {
            violations.add(new LimitViolation(MIN_STAKE_ABOVE_MAX_STAKE, prefix + ".minStakeMinor",
                    "is " + effective.minStakeMinor() + ", above the most stake " + effective.maxStakeMinor()
                            + " that applies with it"));
        }
    }

    private static boolean setsStakes(BetLimits.Limits limits) {
        return limits != null && (limits.minStakeMinor() != null || limits.maxStakeMinor() != null);
    }

    private static boolean stakesValid(Set<String> broken, String prefix) {
        return !broken.contains(prefix + ".minStakeMinor") && !broken.contains(prefix + ".maxStakeMinor");
    }

    private static Integer parseSportId(String text) {
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int id = Integer.parseInt(text);
        return id >= SPORT_ID_MIN && id <= SPORT_ID_MAX ? id : null;
    }
}
