package io.cellbet.controlplane.sportsbook.domain;

import io.cellbet.contracts.config.SportsbookContent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a brand's sportsbook content satisfies: ids in range, event ids that are provider URNs,
 * well-formed specifiers, margins within bounds, and a limit on every collection. Every broken rule
 * is reported, each with its own problem code.
 */
public final class ContentRules {

    public static final int ID_MIN = 1;
    public static final int ID_MAX = 100_000;
    /** Most entries in each set (and in the margin map). */
    public static final int ENTRIES_MAX = 10_000;
    public static final int FEATURED_EVENTS_MAX = 100;
    public static final int EVENT_ID_LENGTH_MAX = 100;
    public static final int SPECIFIERS_LENGTH_MAX = 200;
    public static final BigDecimal MARGIN_MIN = BigDecimal.valueOf(-10);
    public static final BigDecimal MARGIN_MAX = BigDecimal.valueOf(25);
    public static final int MARGIN_DECIMALS_MAX = 2;

    public static final String INVALID_SPORT_ID = "invalid-sport-id";
    public static final String INVALID_MARKET_TYPE_ID = "invalid-market-type-id";
    public static final String INVALID_EVENT_ID = "invalid-event-id";
    public static final String INVALID_SPECIFIERS = "invalid-specifiers";
    public static final String INVALID_MARKET = "invalid-market";
    public static final String INVALID_MARGIN = "invalid-margin";
    public static final String TOO_MANY_ENTRIES = "too-many-entries";
    public static final String TOO_MANY_FEATURED_EVENTS = "too-many-featured-events";
    public static final String DUPLICATE_FEATURED_EVENT = "duplicate-featured-event";
    public static final String BODY_REQUIRED = "body-required";
    public static final String MISSING_FIELD = "missing-field";

    /** A provider URN such as {@code sr:match:123}. */
    private static final Pattern EVENT_ID = Pattern.compile("^[a-z]+:[a-z_]+:[0-9]+$");
    private static final String PAIR = "[A-Za-z0-9_]+=[^|=/\\s]+";
    private static final Pattern SPECIFIERS = Pattern.compile("^(" + PAIR + "(\\|" + PAIR + ")*)?$");

    private ContentRules() {
    }

    /** Every rule the whole document breaks; empty when it may be stored. */
    public static List<ContentViolation> check(ContentDraft draft) {
        List<ContentViolation> violations = new ArrayList<>();
        if (draft == null) {
            violations.add(new ContentViolation(BODY_REQUIRED, "", "a sportsbook content object is required"));
            return violations;
        }
        checkIds(violations, "disabledSports", draft.disabledSports(), INVALID_SPORT_ID);
        checkIds(violations, "disabledMarketTypes", draft.disabledMarketTypes(), INVALID_MARKET_TYPE_ID);
        if (withinSize(violations, "disabledEvents", draft.disabledEvents(), ENTRIES_MAX, TOO_MANY_ENTRIES)) {
            for (int i = 0; i < draft.disabledEvents().size(); i++) {
                eventId("disabledEvents[" + i + "]", draft.disabledEvents().get(i)).ifPresent(violations::add);
            }
        }
        if (withinSize(violations, "disabledMarkets", draft.disabledMarkets(), ENTRIES_MAX, TOO_MANY_ENTRIES)) {
            for (int i = 0; i < draft.disabledMarkets().size(); i++) {
                market("disabledMarkets[" + i + "]", draft.disabledMarkets().get(i)).ifPresent(violations::add);
            }
        }
        Map<String, BigDecimal> margins = draft.sportMargins();
        if (margins != null && margins.size() > ENTRIES_MAX) {
            violations.add(new ContentViolation(TOO_MANY_ENTRIES, "sportMargins",
                    "must hold at most " + ENTRIES_MAX + " sports"));
        } else if (margins != null) {
            margins.forEach((sport, margin) -> {
                String field = "sportMargins." + sport;
                if (id(field, parseId(sport), INVALID_SPORT_ID).isPresent()) {
                    violations.add(new ContentViolation(INVALID_SPORT_ID, field,
                            "the key '" + sport + "' is not a sport id from " + ID_MIN + " to " + ID_MAX));
                }
                margin(field, margin).ifPresent(violations::add);
            });
        }
        if (withinSize(violations, "featuredEvents", draft.featuredEvents(), FEATURED_EVENTS_MAX,
                TOO_MANY_FEATURED_EVENTS)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < draft.featuredEvents().size(); i++) {
                String event = draft.featuredEvents().get(i);
                String field = "featuredEvents[" + i + "]";
                Optional<ContentViolation> bad = eventId(field, event);
                if (bad.isPresent()) {
                    violations.add(bad.get());
                } else if (!seen.add(event)) {
                    violations.add(new ContentViolation(DUPLICATE_FEATURED_EVENT, field, "'" + event + "' is listed twice"));
                }
            }
        }
        return violations;
    }

    /** The limits a document reached by single edits must still keep. */
    public static List<ContentViolation> checkSizes(SportsbookContent content) {
        List<ContentViolation> violations = new ArrayList<>();
        withinSize(violations, "disabledSports", content.disabledSports(), ENTRIES_MAX, TOO_MANY_ENTRIES);
        withinSize(violations, "disabledEvents", content.disabledEvents(), ENTRIES_MAX, TOO_MANY_ENTRIES);
        withinSize(violations, "disabledMarketTypes", content.disabledMarketTypes(), ENTRIES_MAX, TOO_MANY_ENTRIES);
        withinSize(violations, "disabledMarkets", content.disabledMarkets(), ENTRIES_MAX, TOO_MANY_ENTRIES);
        withinSize(violations, "sportMargins", content.sportMargins().keySet(), ENTRIES_MAX, TOO_MANY_ENTRIES);
        withinSize(violations, "featuredEvents", content.featuredEvents(), FEATURED_EVENTS_MAX,
                TOO_MANY_FEATURED_EVENTS);
        return violations;
    }

    /** A sport id given as text (a path parameter); empty when valid. */
    public static Optional<ContentViolation> sportId(String field, String text) {
        return id(field, parseId(text), INVALID_SPORT_ID);
    }

    /** A market type id given as text (a path parameter); empty when valid. */
    public static Optional<ContentViolation> marketTypeId(String field, String text) {
        return id(field, parseId(text), INVALID_MARKET_TYPE_ID);
    }

    public static Optional<ContentViolation> eventId(String field, String eventId) {
        if (eventId == null || eventId.length() > EVENT_ID_LENGTH_MAX || !EVENT_ID.matcher(eventId).matches()) {
            return Optional.of(new ContentViolation(INVALID_EVENT_ID, field, describe(eventId)
                    + " is not an event id like sr:match:123 (at most " + EVENT_ID_LENGTH_MAX + " characters)"));
        }
        return Optional.empty();
    }

    public static Optional<ContentViolation> specifiers(String field, String specifiers) {
        if (specifiers == null || specifiers.length() > SPECIFIERS_LENGTH_MAX
                || !SPECIFIERS.matcher(specifiers).matches()) {
            return Optional.of(new ContentViolation(INVALID_SPECIFIERS, field, describe(specifiers)
                    + " is not empty nor key=value pairs separated by | (at most " + SPECIFIERS_LENGTH_MAX
                    + " characters)"));
        }
        return Optional.empty();
    }

    /** A margin in percentage points; {@code null} (no margin) is valid. */
    public static Optional<ContentViolation> margin(String field, BigDecimal margin) {
        if (margin == null) {
            return Optional.empty();
        }
        if (margin.compareTo(MARGIN_MIN) < 0 || margin.compareTo(MARGIN_MAX) > 0
                || margin.stripTrailingZeros().scale() > MARGIN_DECIMALS_MAX) {
            return Optional.of(new ContentViolation(INVALID_MARGIN, field, "must be a number of percentage points from "
                    + MARGIN_MIN + " to " + MARGIN_MAX + " with at most " + MARGIN_DECIMALS_MAX + " decimals"));
        }
        return Optional.empty();
    }

    /** A {@code <eventId>/<typeId>/<specifiers>} market key. */
    public static Optional<ContentViolation> market(String field, String key) {
        String[] parts = key == null ? new String[0] : key.split("/", 3);
        if (parts.length != 3) {
            return Optional.of(new ContentViolation(INVALID_MARKET, field, describe(key)
                    + " is not <eventId>/<typeId>/<specifiers>, such as sr:match:1/18/total=2.5 or sr:match:1/1/"));
        }
        Optional<ContentViolation> bad = eventId(field, parts[0]);
        if (bad.isEmpty()) {
            bad = id(field, parseId(parts[1]), INVALID_MARKET_TYPE_ID);
        }
        if (bad.isEmpty()) {
            bad = specifiers(field, parts[2]);
        }
        return bad.map(violation -> new ContentViolation(INVALID_MARKET, field,
                "'" + key + "': " + violation.message()));
    }

    private static void checkIds(List<ContentViolation> violations, String field, List<Integer> ids, String code) {
        if (withinSize(violations, field, ids, ENTRIES_MAX, TOO_MANY_ENTRIES)) {
            for (int i = 0; i < ids.size(); i++) {
                id(field + "[" + i + "]", ids.get(i), code).ifPresent(violations::add);
            }
        }
    }

    private static Optional<ContentViolation> id(String field, Integer id, String code) {
        if (id == null || id < ID_MIN || id > ID_MAX) {
            String what = INVALID_SPORT_ID.equals(code) ? "sport id" : "market type id";
            return Optional.of(new ContentViolation(code, field, "must be a " + what + " from " + ID_MIN + " to " + ID_MAX));
        }
        return Optional.empty();
    }

    /** False (and a violation) when the collection is larger than allowed; false also when absent. */
    private static boolean withinSize(List<ContentViolation> violations, String field, Collection<?> values, int max,
            String code) {
        if (values == null) {
            return false;
        }
        if (values.size() > max) {
            violations.add(new ContentViolation(code, field, "must hold at most " + max + " entries"));
            return false;
        }
        return true;
    }

    private static Integer parseId(String text) {
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(text);
    }

    private static String describe(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
