package io.cellbet.sportsbook.bets.domain;

import io.cellbet.platform.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The form of a bet slip, checked before anything is looked up: every broken rule is a field error. A slip has one
 * selection per event (no market type here allows combining two of one event), and its shape decides how many.
 */
public final class PlacementRules {

    public static final int KEY_LENGTH_MAX = 100;
    public static final int ID_LENGTH_MAX = 100;
    public static final BigDecimal ODDS_MIN = new BigDecimal("1.01");
    public static final BigDecimal ODDS_MAX = new BigDecimal("100000");

    private PlacementRules() {
    }

    /** One selection as sent. */
    public record RawSelection(String eventId, Integer marketTypeId, String specifiers, String outcomeId,
            BigDecimal odds) {
    }

    /** Either a slip or the errors, never both. */
    public record Checked(Optional<BetSlip> slip, List<FieldError> errors) {
    }

    /**
     * @param type     {@code single}, {@code accumulator} or {@code system}
     * @param system   for a system bet: a named system ({@code trixie}, {@code lucky 15}...) or {@code k/n}
     */
    public static Checked check(String placementKey, String type, String system, Long stakePerLineMinor,
            String oddsPolicy, List<RawSelection> selections) {
        List<FieldError> errors = new ArrayList<>();
        if (placementKey == null || placementKey.isBlank() || placementKey.length() > KEY_LENGTH_MAX) {
            errors.add(new FieldError("idempotencyKey", "is required, at most " + KEY_LENGTH_MAX + " characters"));
        }
        if (stakePerLineMinor == null || stakePerLineMinor <= 0) {
            errors.add(new FieldError("stakeMinor", "must be a positive amount in minor units"));
        }
        Optional<OddsPolicy> policy = oddsPolicy == null ? Optional.of(OddsPolicy.NONE) : OddsPolicy.fromCode(oddsPolicy);
        if (policy.isEmpty()) {
            errors.add(new FieldError("oddsPolicy", "must be none, higher or any"));
        }
        List<RawSelection> raw = selections == null ? List.of() : selections;
        int count = raw.size();
        BetShape shape = null;
        if (type == null) {
            errors.add(new FieldError("type", "is required: single, accumulator or system"));
        } else {
            switch (type) {
                case "single" -> {
                    if (count != 1) {
                        errors.add(new FieldError("selections", "a single has one selection, not " + count));
                    } else {
                        shape = BetShape.single();
                    }
                }
                case "accumulator" -> {
                    if (count < BetShape.ACCUMULATOR_LEGS_MIN || count > BetShape.ACCUMULATOR_LEGS_MAX) {
                        errors.add(new FieldError("selections", "an accumulator has " + BetShape.ACCUMULATOR_LEGS_MIN
                                + " to " + BetShape.ACCUMULATOR_LEGS_MAX + " selections, not " + count));
                    } else {
                        shape = BetShape.accumulator(count);
                    }
                }
                case "system" -> {
                    Optional<BetShape> named = BetShape.system(system);
                    if (named.isEmpty()) {
                        errors.add(new FieldError("system", "must name a system (trixie, patent, yankee, lucky 15, "
                                + "canadian, lucky 31, heinz, lucky 63, super heinz, goliath) or k/n with n up to "
                                + BetShape.ACCUMULATOR_LEGS_MAX));
                    } else if (named.get().selections() != count) {
                        errors.add(new FieldError("selections", "a " + named.get().name() + " has "
                                + named.get().selections() + " selections, not " + count));
                    } else if (named.get().lineCount() > BetShape.LINES_MAX) {
                        errors.add(new FieldError("system", named.get().name() + " makes " + named.get().lineCount()
                                + " lines, more than " + BetShape.LINES_MAX));
                    } else {
                        shape = named.get();
                    }
                }
                default -> errors.add(new FieldError("type", "must be single, accumulator or system"));
            }
        }
        List<Selection> checked = new ArrayList<>();
        Set<String> events = new HashSet<>();
        for (int i = 0; i < count; i++) {
            RawSelection selection = raw.get(i);
            String field = "selections[" + i + "]";
            if (selection == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            int before = errors.size();
            if (!id(selection.eventId())) {
                errors.add(new FieldError(field + ".eventId", "is required, at most " + ID_LENGTH_MAX + " characters"));
            }
            if (selection.marketTypeId() == null || selection.marketTypeId() <= 0) {
                errors.add(new FieldError(field + ".marketTypeId", "must be a positive market type id"));
            }
            String specifiers = selection.specifiers() == null ? "" : selection.specifiers();
            if (specifiers.length() > ID_LENGTH_MAX) {
                errors.add(new FieldError(field + ".specifiers", "is at most " + ID_LENGTH_MAX + " characters"));
            }
            if (!id(selection.outcomeId())) {
                errors.add(new FieldError(field + ".outcomeId", "is required, at most " + ID_LENGTH_MAX
                        + " characters"));
            }
            if (selection.odds() == null || selection.odds().compareTo(ODDS_MIN) < 0
                    || selection.odds().compareTo(ODDS_MAX) > 0 || selection.odds().scale() > 4) {
                errors.add(new FieldError(field + ".odds", "must be decimal odds from " + ODDS_MIN + " to " + ODDS_MAX
                        + ", at most 4 decimals"));
            }
            if (errors.size() > before) {
                continue;
            }
            if (!events.add(selection.eventId())) {
                errors.add(new FieldError(field + ".eventId", "a slip takes one selection per event"));
                continue;
            }
            checked.add(new Selection(selection.eventId(), selection.marketTypeId(), specifiers,
                    selection.outcomeId(), selection.odds()));
        }
        if (errors.isEmpty() && shape != null) {
            try {
                Math.multiplyExact(stakePerLineMinor, shape.lineCount());
            } catch (ArithmeticException overflow) {
                errors.add(new FieldError("stakeMinor", "is too large"));
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(Optional.empty(), List.copyOf(errors));
        }
        return new Checked(Optional.of(new BetSlip(placementKey, shape, stakePerLineMinor, policy.get(), checked)),
                List.of());
    }

    private static boolean id(String value) {
        return value != null && !value.isBlank() && value.length() <= ID_LENGTH_MAX;
    }
}
