package io.cellbet.sportsbook.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * One event as a player sees it: names from the provider's fixture, status and score, and its open markets with
 * rendered names and odds. {@code seq} is the event's change counter the markets are at: live deltas after it follow.
 */
public record EventView(String id, int sportId, String sportName, Named category, Named tournament, Named home,
        Named away, Long startTime, EventChanged.Score score, boolean live, boolean featured, long seq,
        List<MarketView> markets) {

    public EventView {
        markets = markets == null ? List.of() : List.copyOf(markets);
    }

    public EventView withMarkets(List<MarketView> shown, boolean isFeatured) {
        return new EventView(id, sportId, sportName, category, tournament, home, away, startTime, score, live,
                isFeatured, seq, shown);
    }

    /** A provider's thing with its URN and name (null when the fixture was not read yet). */
    public record Named(String id, String name) {
    }

    public record MarketView(int typeId, String specifiers, String name, String status, List<OutcomeView> outcomes) {

        public MarketView {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }

    public record OutcomeView(String id, String name, BigDecimal odds, Boolean active, String result,
            BigDecimal voidFactor, BigDecimal deadHeatFactor) {
    }
}
