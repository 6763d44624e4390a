package io.cellbet.ops.bench.bets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The bench's bet slips, as {@code POST /api/brands/{brand}/players/me/bets} takes them: 70 % singles, 25 %
 * accumulators, 5 % trixies (a system bet of three selections), and 10 % of each kind with a live leg. Every slip
 * takes the odds as they come ({@code oddsPolicy any}) and puts its selections on distinct events, the one market
 * each event offers ({@link MarketFeed}), spread at random so that no market's liability cap binds.
 */
final class BetMix {

    /** The three shapes of the mix. */
    enum Kind {
        SINGLE, ACCUMULATOR, SYSTEM
    }

    static final double SINGLE_SHARE = 0.70;
    static final double ACCUMULATOR_SHARE = 0.25;
    /** The rest: trixies. */
    static final double SYSTEM_SHARE = 0.05;
    /** Share of bets of any kind with one leg on a live event: they wait the sport's live delay (202). */
    static final double LIVE_SHARE = 0.10;
    static final String SYSTEM_NAME = "trixie";
    static final int SYSTEM_SELECTIONS = 3;
    static final int ACCUMULATOR_LEGS_MIN = 2;
    /** The cell's limit on an accumulator's selections. */
    static final int ACCUMULATOR_LEGS_LIMIT = 20;
    static final String ODDS_POLICY = "any";

    private final List<String> prematchEvents;
    private final List<String> liveEvents;
    private final int accumulatorLegsMax;
    private final long stakeMinor;

    /**
     * @param accumulatorLegsMax an accumulator has from {@value #ACCUMULATOR_LEGS_MIN} to this many selections
     * @param stakeMinor         stake per line
     */
    BetMix(List<String> prematchEvents, List<String> liveEvents, int accumulatorLegsMax, long stakeMinor) {
        if (accumulatorLegsMax < ACCUMULATOR_LEGS_MIN || accumulatorLegsMax > ACCUMULATOR_LEGS_LIMIT) {
            throw new IllegalArgumentException("An accumulator has " + ACCUMULATOR_LEGS_MIN + " to "
                    + ACCUMULATOR_LEGS_LIMIT + " selections, not up to " + accumulatorLegsMax);
        }
        if (prematchEvents.size() < Math.max(accumulatorLegsMax, SYSTEM_SELECTIONS) || liveEvents.isEmpty()) {
            throw new IllegalArgumentException("The mix needs a live event and at least "
                    + Math.max(accumulatorLegsMax, SYSTEM_SELECTIONS) + " prematch events (an accumulator's legs)");
        }
        this.prematchEvents = List.copyOf(prematchEvents);
        this.liveEvents = List.copyOf(liveEvents);
        this.accumulatorLegsMax = accumulatorLegsMax;
        this.stakeMinor = stakeMinor;
    }

    /** The kind a uniform draw in [0, 1) picks: the shares laid end to end. */
    static Kind kind(double draw) {
        if (draw < SINGLE_SHARE) {
            return Kind.SINGLE;
        }
        return draw < SINGLE_SHARE + ACCUMULATOR_SHARE ? Kind.ACCUMULATOR : Kind.SYSTEM;
    }

    /** A slip of the mix under {@code idempotencyKey}, drawn from {@code random}. */
    Map<String, Object> slip(String idempotencyKey, RandomGenerator random) {
        Kind kind = kind(random.nextDouble());
        boolean live = random.nextDouble() < LIVE_SHARE;
        int legs = switch (kind) {
            case SINGLE -> 1;
            case ACCUMULATOR -> random.nextInt(ACCUMULATOR_LEGS_MIN, accumulatorLegsMax + 1);
            case SYSTEM -> SYSTEM_SELECTIONS;
        };
        List<String> events = new ArrayList<>(legs);
        if (live) {
            events.add(liveEvents.get(random.nextInt(liveEvents.size())));
        }
        while (events.size() < legs) {
            String event = prematchEvents.get(random.nextInt(prematchEvents.size()));
            if (!events.contains(event)) {
                events.add(event);
            }
        }
        List<Map<String, Object>> selections = new ArrayList<>(legs);
        for (String event : events) {
            selections.add(selection(event, MarketFeed.OUTCOMES.get(random.nextInt(MarketFeed.OUTCOMES.size()))));
        }
        return slip(idempotencyKey, kind, stakeMinor, selections);
    }

    /** A slip as the API spells it. */
    static Map<String, Object> slip(String idempotencyKey, Kind kind, long stakeMinor,
            List<Map<String, Object>> selections) {
        Map<String, Object> slip = new LinkedHashMap<>();
        slip.put("idempotencyKey", idempotencyKey);
        slip.put("type", kind == Kind.SINGLE ? "single" : kind == Kind.ACCUMULATOR ? "accumulator" : "system");
        if (kind == Kind.SYSTEM) {
            slip.put("system", SYSTEM_NAME);
        }
        slip.put("stakeMinor", stakeMinor);
        slip.put("oddsPolicy", ODDS_POLICY);
        slip.put("selections", selections);
        return slip;
    }

    /** One selection: an outcome of the event's bench market at the odds the feed gave it. */
    static Map<String, Object> selection(String eventId, MarketFeed.Price price) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("eventId", eventId);
        selection.put("marketTypeId", MarketFeed.MARKET_TYPE);
        selection.put("specifiers", "");
        selection.put("outcomeId", price.outcomeId());
        selection.put("odds", new BigDecimal(price.odds()));
        return selection;
    }
}
